#!/usr/bin/env node
// Lighthouse 12 (mobile: its default config, an emulated phone on a throttled network) for every
// route of the built site in build/ (it builds nothing: run npm run build first). Serves build/ on
// 127.0.0.1 like a static host (gzip, immutable caching) and drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium); nothing is
// downloaded. A measuring tool like npm run bench, not part of npm test.
//   node scripts/lighthouse.mjs [--detail] [--json out.json] [--runs N]
// --detail lists each route's audits that did not pass; --runs takes the median of N runs.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { REPO, requireBuild, serveBuild, siteRoutes } from './build-host.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Math.max(1, Number(option('runs', '1')));

requireBuild('lighthouse');
// As a typical static host: gzip and immutable caching.
const server = await serveBuild({ gzip: true });
const { origin } = server;
const routes = siteRoutes();

const LIGHTHOUSE_VERSION = JSON.parse(
	readFileSync(join(REPO, 'node_modules/lighthouse/package.json'), 'utf8')
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
	await server.close();
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
