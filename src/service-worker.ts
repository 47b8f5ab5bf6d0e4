/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support. At install the service worker stores what offline use needs and no more (the
 * budget is 150 KB gz, pinned by test/e2e/offline.e2e.ts and printed by scripts/precache-weight.mjs):
 * the home, history and compare pages (each carries its CSS inline), the scripts these pages load
 * on a first visit and what they load on demand (a saved run's views, the comparison), worked out
 * from the build manifest ($lib/app/precache.ts says how), plus the page a first visit is on.
 * Everything else of the site's own (simple-peer, the probe engine, IT's view, exports, the other
 * pages, Kit's __data.json) is cached the first time it is used, so it works offline from then on. Offline, links inside the
 * site are full navigations ($lib/app/offline-navigation.ts), answered with the stored pages.
 *
 * Only same-origin GETs for the app's own files and pages are answered here. Everything else —
 * above all the probes, which must see the real network — passes straight through untouched.
 */
import { base, build, files, prerendered, version } from '$service-worker';
import {
	pageLinks,
	precacheBuildFiles,
	precachePages,
	type BuildManifest
} from '$lib/app/precache';
import { SKIP_WAITING } from '$lib/app/sw-update';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `netready-${version}`;
/**
 * The pages stored at install: the home page (the installed app's start page), history (every
 * saved run) and compare. The check, shared, fleet and product pages are
 * cached when visited (also on the first visit, see storePagesInUse); adding the check page would
 * take the precache over its budget (about +11 KB gz: its HTML carries the light catalog).
 */
const OFFLINE_ROUTES = ['/', '/history', '/compare'];
// The client build's manifest and Kit's generated client nodes (which route each node renders),
// inlined when Kit builds this worker, after the client build. Neither exists in `vite dev`,
// where `build` is empty anyway.
const manifest = Object.values(
	import.meta.glob<BuildManifest>('/.svelte-kit/output/client/.vite/manifest.json', {
		eager: true,
		import: 'default'
	})
)[0];
const nodeSources = Object.fromEntries(
	Object.entries(
		import.meta.glob<string>('/.svelte-kit/generated/client-optimized/nodes/*.js', {
			eager: true,
			query: '?raw',
			import: 'default'
		})
	).map(([path, source]) => [path.slice(1), source])
);
const PRECACHE_PAGES = precachePages(prerendered, base, OFFLINE_ROUTES);
/** Stored at install. Without a manifest (never in a real build), every built file, as before. */
const PRECACHE = [
	...(manifest
		? precacheBuildFiles({ manifest, nodeSources, routes: OFFLINE_ROUTES }).map(
				(file) => `${base}/${file}`
			)
		: build),
	// The favicon and the web manifest, which every page's <head> links; the icons are for
	// installing the app and are fetched then.
	...files.filter((file) => /\/(favicon\.svg|manifest\.webmanifest)$/.test(file)),
	...PRECACHE_PAGES
];
/** Every file of the site's own that may be cached when used (all are versioned with CACHE). */
const APP_FILES = new Set([...build, ...files, ...prerendered]);
const PAGES = new Set(prerendered);
/** On a network that hangs rather than fails, fall back to the cached page after this long. */
const NAVIGATION_TIMEOUT_MS = 4000;

/**
 * The page a first visit is on was loaded before this worker existed, so none of its files went
 * through the cache-on-use path. Store that page and what its HTML links (modulepreload and
 * stylesheet links: its first-visit JS/CSS, which the browser has just fetched, so this costs
 * little) as well, so the page just used opens offline whichever page it is. Best effort: the
 * install does not fail over it.
 */
async function storePagesInUse(cache: Cache): Promise<void> {
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	const pages: string[] = [];
	for (const client of windows) {
		const url = new URL(client.url);
		if (url.origin !== sw.location.origin) continue;
		const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
		if (PAGES.has(path) && !(await cache.match(path))) pages.push(path);
	}
	await cache.addAll(pages);
	await storeWhatPagesLink(cache, pages);
}

/**
 * Stores what stored pages link and the cache does not hold yet: a stylesheet too large to be
 * inlined into the page (kit.inlineStyleThreshold), and for a page in use its scripts.
 */
async function storeWhatPagesLink(cache: Cache, pages: readonly string[]): Promise<void> {
	const missing = new Set<string>();
	for (const page of pages) {
		const html = await (await cache.match(page))?.text();
		if (!html) continue;
		for (const link of pageLinks(html, new URL(page, sw.location.href))) {
			const url = new URL(link);
			if (url.origin !== sw.location.origin || !APP_FILES.has(url.pathname)) continue;
			if (!(await cache.match(url.pathname))) missing.add(url.pathname);
		}
	}
	await cache.addAll([...missing]);
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		caches.open(CACHE).then(async (cache) => {
			await cache.addAll(PRECACHE);
			await storeWhatPagesLink(cache, PRECACHE_PAGES);
			await storePagesInUse(cache).catch(() => undefined);
		})
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) =>
				Promise.all(
					keys.filter((k) => k.startsWith('netready-') && k !== CACHE).map((k) => caches.delete(k))
				)
			)
	);
});

/**
 * The cached page for a path (/check/ for /check/?products=x). A page that is not stored (one
 * never visited while this worker ran: a product page, the shared or fleet page) is answered
 * with a redirect to history, which is always stored and says what works offline.
 */
async function cachedPage(url: URL): Promise<Response | undefined> {
	const cache = await caches.open(CACHE);
	const candidates = [url.pathname, url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`];
	for (const path of candidates) {
		const hit = await cache.match(path, { ignoreSearch: true });
		if (hit) return hit;
	}
	const history = `${base}/history/`;
	if (url.pathname !== history && (await cache.match(history)))
		return Response.redirect(new URL(history, url).href, 302);
	return cache.match(`${base}/`);
}

async function navigate(request: Request, url: URL): Promise<Response> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const timeout = new Promise<undefined>((resolve) => {
		timer = setTimeout(() => resolve(undefined), NAVIGATION_TIMEOUT_MS);
	});
	const network = fetch(request).then(
		async (response) => {
			if (response.ok && PAGES.has(url.pathname)) {
				const cache = await caches.open(CACHE);
				await cache.put(url.pathname, response.clone());
			}
			return response;
		},
		() => undefined
	);
	const first = await Promise.race([network, timeout]);
	clearTimeout(timer);
	if (first) return first;
	const cached = await cachedPage(url);
	if (cached) return cached;
	// Not cached either: wait for the network after all, and let the browser show its error.
	return (await network) ?? Response.error();
}

/** Cache first: each file belongs to this version, so a stored copy is never stale. */
async function appFile(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(url.pathname);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(url.pathname, response.clone());
	return response;
}

// The update prompt ($lib/app/sw-update.ts) asks a waiting worker to take over.
sw.addEventListener('message', (event) => {
	if ((event.data as { type?: unknown } | null)?.type === SKIP_WAITING.type) void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (request.mode === 'navigate') {
		event.respondWith(navigate(request, url));
		return;
	}
	if (APP_FILES.has(url.pathname)) event.respondWith(appFile(request, url));
});
