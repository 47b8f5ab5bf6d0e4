#!/usr/bin/env node
// Lighthouse 12 (mobile: its default config, an emulated phone on a throttled network) for every
// route of the built site in build/ (it builds nothing: run npm run build first). Serves build/ on
// 127.0.0.1 like a static host (gzip, immutable caching) and drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium); nothing is
// downloaded. A measuring tool like npm run bench, not part of npm test.
//   node scripts/lighthouse.mjs [--detail] [--json out.json] [--runs N]
// --detail lists each route's audits that did not pass; --runs takes the median of N runs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('runs', '1')));
const repo = fileURLToPath(new URL('..', import.meta.url));
const root = join(repo, 'build');
if (!existsSync(join(root, 'index.html'))) {
	console.error('lighthouse: build/ has no site; run npm run build first');
	process.exit(2);
}

// A typical static host: exact file, then path/index.html; gzip when the browser accepts it, and
// the immutable files cached for a year (as GitHub Pages, Netlify and the like do).
const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json'
};
const server = createServer(async (req, res) => {
	const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
		/^(\.\.[/\\])+/,
		''
	);
	let file = join(root, path);
	try {
		if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
		let body = await readFile(file);
		const headers = {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': path.includes('/_app/immutable/')
				? 'public, max-age=31536000, immutable'
				: 'no-cache'
		};
		if (
			/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') &&
			/text|json|svg|javascript/.test(headers['content-type'])
		) {
			body = gzipSync(body);
			headers['content-encoding'] = 'gzip';
			headers.vary = 'accept-encoding';
		}
		res.writeHead(200, headers);
		res.end(body);
	} catch {
		res.writeHead(404, { 'content-type': 'text/plain' });
		res.end('not found');
	}
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;

const products = JSON.parse(readFileSync(join(repo, 'data/accurx.json'), 'utf8')).products;
const routes = [
	'/',
	`/products/${products[0].id}/`,
	'/check/',
	'/history/',
	'/compare/',
	'/shared/',
	'/fleet/'
].filter((route) => existsSync(join(root, route, 'index.html')));

const LIGHTHOUSE_VERSION = JSON.parse(
	readFileSync(join(repo, 'node_modules/lighthouse/package.json'), 'utf8')
).version;
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'];
const chrome = await chromeLauncher.launch({
	chromePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
	chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run']
});
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const rows = [];
try {
	for (const route of routes) {
		const runs = [];
		for (let i = 0; i < RUNS; i++) {
			const result = await lighthouse(origin + route, {
				port: chrome.port,
				output: 'json',
				logLevel: 'error',
				onlyCategories: CATEGORIES
			});
			if (!result) throw new Error(`lighthouse gave no result for ${route}`);
			runs.push(result.lhr);
		}
		// The metrics and audits shown are those of the run with the median performance score.
		const byPerformance = [...runs].sort(
			(a, b) => (a.categories.performance?.score ?? 0) - (b.categories.performance?.score ?? 0)
		);
		const lhr = byPerformance[Math.floor(byPerformance.length / 2)];
		const scores = Object.fromEntries(
			CATEGORIES.map((c) => [
				c,
				median(runs.map((r) => Math.round((r.categories[c]?.score ?? 0) * 100)))
			])
		);
		const failing = Object.values(lhr.audits)
			.filter(
				(a) =>
					a.score !== null &&
					a.score < 1 &&
					a.scoreDisplayMode !== 'informative' &&
					a.scoreDisplayMode !== 'manual' &&
					a.scoreDisplayMode !== 'notApplicable'
			)
			.map((a) => ({ id: a.id, score: a.score, title: a.title, value: a.displayValue ?? '' }));
		const metrics = Object.fromEntries(
			[
				'first-contentful-paint',
				'largest-contentful-paint',
				'total-blocking-time',
				'cumulative-layout-shift'
			].map((id) => [id, lhr.audits[id]?.displayValue ?? ''])
		);
		rows.push({ route, scores, metrics, failing });
	}
} finally {
	await chrome.kill();
	server.close();
}

console.log(
	`Lighthouse ${LIGHTHOUSE_VERSION} mobile, ${RUNS} run(s) per route, ${new Date().toISOString()}`
);
console.log('route'.padEnd(34), 'perf', ' a11y', '   BP', '  SEO', '  FCP / LCP / TBT / CLS');
for (const r of rows)
	console.log(
		r.route.padEnd(34),
		...CATEGORIES.map((c) => String(r.scores[c]).padStart(4)),
		'  ' + Object.values(r.metrics).join(' / ')
	);
if (args.includes('--detail'))
	for (const r of rows) {
		console.log(`\n${r.route}`);
		for (const a of r.failing)
			console.log(`  ${a.score?.toFixed(2)} ${a.id}: ${a.title} ${a.value}`);
	}
const json = option('json', '');
if (json) writeFileSync(json, JSON.stringify(rows, null, 2) + '\n');
