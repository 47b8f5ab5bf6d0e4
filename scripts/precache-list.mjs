// The list of URLs the built service worker stores at install, found by running the worker in a
// Node vm with a fake worker scope: its install handler calls cache.addAll(list), which is caught.
// Used by scripts/precache-weight.mjs and test/e2e/offline.e2e.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import vm from 'node:vm';

/**
 * Paths (from the site root, base path removed) the worker in `root` stores at install: it runs
 * with a cache that records what is put in it and a fetch that reads build files, so what the
 * worker adds after reading its stored pages (stylesheets they still link) is counted too.
 * @param {string} root
 * @returns {Promise<string[]>}
 */
export async function precacheList(root) {
	const code = readFileSync(join(root, 'service-worker.js'), 'utf8');
	const origin = 'http://site.invalid';
	/** @type {Record<string, (event: { waitUntil(p: Promise<unknown>): void }) => void>} */
	const handlers = {};
	/** @type {Map<string, Buffer>} */
	const stored = new Map();
	/** @param {unknown} input */
	const pathOf = (input) =>
		new URL(String(input instanceof Request ? input.url : input), origin).pathname;
	/** @param {string} path */
	const read = (path) => readFileSync(join(root, path.endsWith('/') ? `${path}index.html` : path));
	const cache = {
		/** @param {unknown[]} urls */
		addAll: async (urls) => {
			for (const url of urls) stored.set(pathOf(url), read(pathOf(url)));
		},
		/** @param {unknown} url */
		match: async (url) => {
			const body = stored.get(pathOf(url));
			return body ? new Response(new Uint8Array(body)) : undefined;
		},
		/** @param {unknown} url @param {Response} response */
		put: async (url, response) => {
			stored.set(pathOf(url), Buffer.from(await response.arrayBuffer()));
		}
	};
	/** @type {Record<string, unknown>} */
	const scope = {
		location: new URL(`${origin}/service-worker.js`),
		/** @type {(type: string, fn: (event: { waitUntil(p: Promise<unknown>): void }) => void) => void} */
		addEventListener: (type, fn) => {
			handlers[type] = fn;
		},
		// No open windows: what a first visit's page adds at install is not part of the precache.
		clients: { matchAll: async () => [] },
		caches: { open: async () => cache, keys: async () => [], delete: async () => true },
		/** @param {unknown} url */
		fetch: async (url) => new Response(new Uint8Array(read(pathOf(url)))),
		Request,
		Response,
		URL,
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
	if (!stored.size) throw new Error('the service worker stored nothing at install');
	return [...stored.keys()];
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
