// The list of URLs the built service worker stores at install, found by running the worker in a
// Node vm with a fake worker scope: its install handler calls cache.addAll(list), which is caught.
// Used by scripts/precache-weight.mjs and test/e2e/offline.e2e.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

/**
 * Paths (from the site root, base path removed) the worker in `root` precaches.
 * @param {string} root
 * @returns {Promise<string[]>}
 */
export async function precacheList(root) {
	const code = readFileSync(join(root, 'service-worker.js'), 'utf8');
	/** @type {Record<string, (event: { waitUntil(p: Promise<unknown>): void }) => void>} */
	const handlers = {};
	/** @type {string[] | undefined} */
	let stored;
	const cache = {
		/** @param {unknown[]} urls */
		addAll: async (urls) => {
			stored = urls.map(String);
		},
		match: async () => undefined,
		put: async () => undefined
	};
	/** @type {Record<string, unknown>} */
	const scope = {
		location: new URL('http://site.invalid/service-worker.js'),
		/** @type {(type: string, fn: (event: { waitUntil(p: Promise<unknown>): void }) => void) => void} */
		addEventListener: (type, fn) => {
			handlers[type] = fn;
		},
		// No open windows: what a first visit's page adds at install is not part of the precache.
		clients: { matchAll: async () => [] },
		caches: { open: async () => cache, keys: async () => [], delete: async () => true },
		console
	};
	scope.self = scope;
	vm.runInNewContext(code, scope, { filename: 'service-worker.js' });
	const install = handlers.install;
	if (!install) throw new Error('the service worker has no install handler');
	/** @type {Promise<unknown>[]} */
	const waits = [];
	install({ waitUntil: (p) => waits.push(p) });
	await Promise.all(waits);
	if (!stored) throw new Error('the service worker stored nothing at install');
	return stored;
}

/** @param {Buffer} body */
const gzip = (body) => gzipSync(body, { level: 9 }).length;

/**
 * gzip -9 of every precached file, read from `root` (a page path ending in / is its index.html).
 * @param {string} root
 * @param {string[]} list
 */
export function precacheWeight(root, list) {
	const files = list.map((path) => {
		const file = join(root, path.endsWith('/') ? `${path}index.html` : path);
		return { path, gzip: gzip(readFileSync(file)) };
	});
	return { files, total: files.reduce((n, f) => n + f.gzip, 0), gzip };
}
