#!/usr/bin/env node
// First-visit weight of every route: gzip -9 of every script and stylesheet a fresh Chromium loads
// for the page (modulepreloads included), from the built site in build/.
//   node scripts/page-weights.mjs [--json out.json] [--max 45] [--detail]
// --detail lists every file of every route with its gzip size, largest first.
// Exits 1 when a route is over --max KB (default 45, the target of issue 12).
import { readFile } from 'node:fs/promises';
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { requireBuild, serveBuild, siteRoutes } from './build-host.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const MAX_KB = Number(option('max', '45'));
requireBuild('page-weights');
// Plain bodies: the gzip -9 sizes are measured here.
const server = await serveBuild();
const { origin } = server;

const routes = siteRoutes();
// A shared link as IT opens it: the page then shows a whole result (written by share version 2).
const links = JSON.parse(
	await readFile(fileURLToPath(new URL('../test/fixtures/v2/links.json', import.meta.url)), 'utf8')
).links;
routes.push(`/shared/#r=${links['full-diagnosed'].payload}`);

const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run']
});
const rows = [];
for (const route of routes) {
	const context = await browser.newContext({ serviceWorkers: 'block' });
	const page = await context.newPage();
	const assets = [];
	page.on('response', (response) => {
		const type = response.request().resourceType();
		if (type === 'document') {
			// CSS that the build inlines into the page still counts as CSS; the page itself is listed apart.
			assets.push(
				response.body().then((body) => {
					const styles = [...body.toString('utf8').matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)]
						.map((m) => m[1])
						.join('\n');
					return {
						type: 'document',
						name: 'page (HTML)',
						gzip: gzipSync(body, { level: 9 }).length,
						inlineCss: styles ? gzipSync(styles, { level: 9 }).length : 0
					};
				})
			);
			return;
		}
		if (type !== 'script' && type !== 'stylesheet') return;
		assets.push(
			response.body().then((body) => ({
				type,
				name: new URL(response.url()).pathname.split('/').pop(),
				gzip: gzipSync(body, { level: 9 }).length
			}))
		);
	});
	await page.goto(origin + route, { waitUntil: 'networkidle' });
	if (route.includes('#r='))
		await page.getByTestId('overall-headline').waitFor({ timeout: 10_000 });
	const files = await Promise.all(assets);
	await context.close();
	const sum = (type) => files.filter((f) => f.type === type).reduce((n, f) => n + f.gzip, 0);
	const inlineCss = files.reduce((n, f) => n + (f.inlineCss ?? 0), 0);
	rows.push({
		route: route.includes('#r=') ? '/shared/#r=… (a result)' : route,
		// A shared result loads its views and decoder on top of the page: content, not a first
		// visit of the route, so it is shown but not held to the first-visit budget.
		budgeted: !route.includes('#r='),
		files: files.filter((f) => f.type !== 'document').length,
		js: sum('script'),
		css: sum('stylesheet') + inlineCss,
		html: sum('document'),
		total: sum('script') + sum('stylesheet') + inlineCss,
		detail: files.sort((a, b) => b.gzip - a.gzip).map((f) => ({ name: f.name, gzip: f.gzip }))
	});
}
await browser.close();
await server.close();

const kb = (n) => (n / 1024).toFixed(1);
// CSS KB includes the styles inlined into the page; the page's own HTML (with its build-time
// data) is shown apart and is not part of the JS+CSS total the target is about.
console.log('route'.padEnd(34), 'files', '  JS KB', ' CSS KB', ' JS+CSS KB gzip', ' (HTML KB)');
for (const r of rows)
	console.log(
		r.route.padEnd(34),
		String(r.files).padStart(5),
		kb(r.js).padStart(7),
		kb(r.css).padStart(7),
		kb(r.total).padStart(15),
		`(${kb(r.html)})`.padStart(10),
		r.total / 1024 <= MAX_KB ? '' : r.budgeted ? `  over ${MAX_KB} KB` : '  (with content)'
	);
if (args.includes('--detail'))
	for (const r of rows) {
		console.log(`\n${r.route}`);
		for (const f of r.detail) console.log('  ', kb(f.gzip).padStart(6), f.name);
	}
const json = option('json', '');
if (json) writeFileSync(json, JSON.stringify(rows, null, 2) + '\n');
process.exit(rows.some((r) => r.budgeted && r.total / 1024 > MAX_KB) ? 1 : 0);
