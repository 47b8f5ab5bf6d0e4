/**
 * Which built files the service worker stores at install, worked out from the client build's own
 * Vite manifest (`.svelte-kit/output/client/.vite/manifest.json`, which exists when Kit builds the
 * service worker: that build runs after the client build and before the adapter copies files).
 *
 * Why the manifest and not a naming rule: chunk names are content hashes, and which chunk holds
 * which module changes with every edit; the manifest is the bundler's own record of what each
 * entry imports. A route node's static imports are exactly what Kit preloads (modulepreload links
 * plus the node's CSS) when a prerendered page is opened, so the static closure of a route's node
 * is the JS/CSS that page loads on a first visit. Kit's generated node files say which route each
 * node renders, so the list follows route ids, not node numbers. What a page loads later with
 * `import()` is left out (the probe engine, simple-peer, exports, the fleet view, IT's view),
 * except the offline routes' own import()s and those of the loaders named in OFFLINE_LOADERS
 * (history's rows, a saved run's views and the store, compare's view). Files left out are cached when first used (see service-worker.ts).
 */

/** One entry of Vite's build manifest (the fields used here). */
export interface ManifestChunk {
	file: string;
	src?: string;
	css?: string[];
	assets?: string[];
	imports?: string[];
	dynamicImports?: string[];
	isEntry?: boolean;
	isDynamicEntry?: boolean;
}
export type BuildManifest = Record<string, ManifestChunk>;

/**
 * Loaders: modules (source paths, as the manifest names them) that the offline routes load with
 * `import()` and whose own `import()`s install stores as well, one step each (see
 * precacheBuildFiles). History and Compare load a saved run's row and views and the comparison
 * through components/history/lazy.ts (which keeps their CSS off an empty first visit), and the
 * history store only once there is a saved run; the store reads records with a lazily loaded
 * reader and schema. IT's view of a run is not stored (the full catalog, cidr-tools and the view:
 * ~50 KB gz would take the precache over its budget; the result view loads it, and is no loader):
 * it is cached the first time it is opened, and offline before that the result view says it could
 * not be loaded.
 */
export const OFFLINE_LOADERS: readonly string[] = [
	'src/lib/components/history/lazy.ts',
	'src/lib/history/index.ts'
];

/**
 * The files the given manifest keys load without any further `import()`: chunks, static imports
 * and (unless `css` is false) their CSS.
 */
export function staticClosure(
	manifest: BuildManifest,
	keys: readonly string[],
	{ css = true }: { css?: boolean } = {}
): Set<string> {
	const files = new Set<string>();
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		const chunk = Object.hasOwn(manifest, key) ? manifest[key] : undefined;
		if (!chunk) throw new Error(`precache: the build manifest has no entry "${key}"`);
		files.add(chunk.file);
		if (css) for (const sheet of chunk.css ?? []) files.add(sheet);
		for (const asset of chunk.assets ?? []) files.add(asset);
		for (const imported of chunk.imports ?? []) visit(imported);
	};
	for (const key of keys) visit(key);
	return files;
}

/** The manifest keys the given keys import statically, themselves included. */
function staticKeys(manifest: BuildManifest, keys: readonly string[]): Set<string> {
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key) || !Object.hasOwn(manifest, key)) return;
		seen.add(key);
		for (const imported of manifest[key]?.imports ?? []) visit(imported);
	};
	keys.forEach(visit);
	return seen;
}

/** The route a Kit client node belongs to, from its generated source ("/history", "/products/[id]"; "" for the root layout and error page). */
export function nodeRoute(source: string): string | undefined {
	const match = /src\/routes((?:\/[^"']*)?)\/\+(?:page|layout|error)\.svelte/.exec(source);
	if (match) return match[1];
	// Kit's own fallback layout/error components (when the app has none of its own)
	if (/@sveltejs\/kit\/src\/runtime\/components\//.test(source)) return '';
	return undefined;
}

export interface PrecacheInput {
	manifest: BuildManifest;
	/** Manifest key of each client node (".svelte-kit/generated/client-optimized/nodes/3.js") → its generated source. */
	nodeSources: Record<string, string>;
	/** Route ids whose pages are stored at install ("/", "/history"). The root layout and error page always are. */
	routes: readonly string[];
	offlineLoaders?: readonly string[];
}

/**
 * The built files (paths without a leading slash, as the manifest gives them) to store at install:
 * the scripts of the static closure of Kit's start and app entries, of the root layout and error
 * nodes and of the nodes of `routes`, and the scripts and CSS of what these nodes (and the
 * `offlineLoaders`) load with one `import()`. The routes'
 * CSS is not among them: Kit writes it into each page (kit.inlineStyleThreshold), and what a
 * stored page still links as a stylesheet is stored with the page (see pageLinks).
 */
export function precacheBuildFiles(input: PrecacheInput): string[] {
	const { manifest, nodeSources, routes, offlineLoaders = OFFLINE_LOADERS } = input;
	const keys: string[] = [];
	const routeNodes: string[] = [];
	const onDemand: string[] = [];
	for (const key of Object.keys(manifest).filter((k) => manifest[k]?.isEntry)) {
		const source = Object.hasOwn(nodeSources, key) ? nodeSources[key] : undefined;
		if (source === undefined) {
			// Not a route node: Kit's start or app entry, which every page loads.
			if (/\/nodes\/\d+\.js$/.test(key)) throw new Error(`precache: no source for node ${key}`);
			keys.push(key);
			continue;
		}
		const route = nodeRoute(source);
		if (route === undefined) throw new Error(`precache: cannot tell the route of node ${key}`);
		if (route === '' || routes.includes(route)) {
			keys.push(key);
			if (route !== '') routeNodes.push(key);
		}
	}
	// What the offline routes load on demand must be there offline as well: one step of import()
	// from the route's node or anything it imports statically (history's rows and a saved run's
	// views, the store's record reader and schema, compare's view and diff).
	for (const key of staticKeys(manifest, routeNodes))
		onDemand.push(...(manifest[key]?.dynamicImports ?? []));
	// A loader's own import()s, likewise (a renamed loader fails here, never silently).
	for (const loader of offlineLoaders) {
		if (!Object.hasOwn(manifest, loader))
			throw new Error(`precache: the build manifest has no entry "${loader}"`);
		for (const key of staticKeys(manifest, [loader]))
			onDemand.push(...(manifest[key]?.dynamicImports ?? []));
	}
	return [
		...new Set([
			...staticClosure(manifest, keys, { css: false }),
			...staticClosure(manifest, onDemand)
		])
	].sort();
}

/**
 * The prerendered pages of `routes` (route ids, "/" and "/history"), from Kit's list of
 * prerendered paths (which also holds each page's `__data.json`: those are cached when used: when
 * one cannot be fetched offline, Kit's router falls back to a full navigation, which the stored
 * page answers).
 */
export function precachePages(
	prerendered: readonly string[],
	base: string,
	routes: readonly string[]
): string[] {
	const wanted = new Set(routes.map((route) => `${base}${route === '/' ? '' : route}/`));
	return prerendered.filter((path) => wanted.has(path));
}

/**
 * The absolute URLs of the scripts and stylesheets a prerendered page's HTML links
 * (`<link rel="modulepreload">`, `<link rel="stylesheet">`): the JS/CSS it loads on a first visit.
 * Disabled stylesheet links are left out: Kit writes them for the styles it inlined into the page
 * (so that Vite's loader does not fetch those again), and the browser never loads them.
 */
export function pageLinks(html: string, pageUrl: URL): string[] {
	const links = new Set<string>();
	for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
		const rel = /\brel="([^"]*)"/i.exec(tag)?.[1]?.toLowerCase().split(/\s+/) ?? [];
		const href = /\bhref="([^"]*)"/i.exec(tag)?.[1];
		if (!href || !(rel.includes('modulepreload') || rel.includes('stylesheet'))) continue;
		if (rel.includes('stylesheet') && /\sdisabled(?:[\s=>/]|$)/i.test(tag)) continue;
		links.add(new URL(href.replaceAll('&amp;', '&'), pageUrl).href);
	}
	return [...links];
}
