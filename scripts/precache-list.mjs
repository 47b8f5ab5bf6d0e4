// The list of URLs the built service worker stores at install, found by running the worker in a
// Node vm with a fake worker scope: its install handler calls cache.addAll(list), which is caught.
// Used by scripts/precache-weight.mjs and test/e2e/offline.e2e.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

/** Paths (from the site root, base path removed) the worker in `root` precaches. */
export async function precacheList(root) {
	const code = readFileSync(join(root, 'service-worker.js'), 'utf8');
	const handlers = {};
	let stored;
	const cache = {
		addAll: async (urls) => {
			stored = urls.map(String);
		}
	};
	const scope = {
		location: new URL('http://site.invalid/service-worker.js'),
		addEventListener: (type, fn) => (handlers[type] = fn),
		caches: { open: async () => cache, keys: async () => [], delete: async () => true },
		console
	};
	scope.self = scope;
	vm.runInNewContext(code, scope, { filename: 'service-worker.js' });
	if (!handlers.install) throw new Error('the service worker has no install handler');
	const waits = [];
	handlers.install({ waitUntil: (p) => waits.push(p) });
	await Promise.all(waits);
	if (!stored) throw new Error('the service worker stored nothing at install');
	return stored;
}

const gzip = (body) => gzipSync(body, { level: 9 }).length;

/** gzip -9 of every precached file, read from `root` (a page path ending in / is its index.html). */
export function precacheWeight(root, list) {
	const files = list.map((path) => {
		const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
		return { path, gzip: gzip(readFileSync(file)) };
	});
	return { files, total: files.reduce((n, f) => n + f.gzip, 0), gzip };
}
