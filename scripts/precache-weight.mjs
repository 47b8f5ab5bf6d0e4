#!/usr/bin/env node
// What the built service worker stores at install, and its weight: gzip -9 of every file, from
// build/. The list comes from running build/service-worker.js itself (in a Node vm, with just
// enough of a worker's globals to fire its install event), so it is exactly what a browser fetches.
//   node scripts/precache-weight.mjs [--max 150] [--detail] [--json out.json]
// Exits 1 when the total is over --max KB (default 150, the budget of issue 12).
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { precacheList, precacheWeight } from './precache-list.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const MAX_KB = Number(option('max', '150'));
const root = fileURLToPath(new URL('../build', import.meta.url));
if (!existsSync(join(root, 'service-worker.js'))) {
	console.error('precache-weight: build/ has no service worker; run npm run build first');
	process.exit(2);
}

const list = await precacheList(root);
const weight = precacheWeight(root, list);
const kb = (n) => (n / 1024).toFixed(1);
if (args.includes('--detail'))
	for (const f of [...weight.files].sort((a, b) => b.gzip - a.gzip))
		console.log(kb(f.gzip).padStart(6), f.path);
const worker = readFileSync(join(root, 'service-worker.js'));
console.log(
	`precache: ${weight.files.length} files, ${kb(weight.total)} KB gz` +
		` (budget ${MAX_KB} KB; the worker itself ${kb(weight.gzip(worker))} KB gz, not counted)` +
		(weight.total / 1024 > MAX_KB ? `  OVER ${MAX_KB} KB` : '')
);
const json = option('json', '');
if (json) writeFileSync(json, JSON.stringify(weight, null, 2) + '\n');
process.exit(weight.total / 1024 > MAX_KB ? 1 : 0);
