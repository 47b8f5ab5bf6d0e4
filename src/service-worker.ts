/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support. The app shell, the bundled requirement data and every prerendered page are
 * cached at install, so the site opens without a network and shows history and comparisons.
 *
 * Only same-origin GETs for the app's own files and pages are answered here. Everything else —
 * above all the probes, which must see the real network — passes straight through untouched.
 */
import { base, build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `netready-${version}`;
const APP_FILES = new Set([...build, ...files, ...prerendered]);
const PAGES = new Set(prerendered);
/** On a network that hangs rather than fails, fall back to the cached page after this long. */
const NAVIGATION_TIMEOUT_MS = 4000;

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll([...APP_FILES])));
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

/** The cached page for a path: /check/ for /check/?products=x, the home page as a last resort. */
async function cachedPage(url: URL): Promise<Response | undefined> {
	const cache = await caches.open(CACHE);
	const candidates = [url.pathname, url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`];
	for (const path of candidates) {
		const hit = await cache.match(path, { ignoreSearch: true });
		if (hit) return hit;
	}
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

async function appFile(request: Request, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	const hit = await cache.match(url.pathname);
	if (hit) return hit;
	const response = await fetch(request);
	if (response.ok) await cache.put(url.pathname, response.clone());
	return response;
}

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
