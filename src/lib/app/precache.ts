/**
 * Which built files the service worker stores at install, worked out from the client build's own
 * Vite manifest (`.svelte-kit/output/client/.vite/manifest.json`, which exists when Kit builds the
 * service worker: that build runs after the client build and before the adapter copies files).
 *
 * Why the manifest and not a naming rule: chunk names are content hashes, and which chunk holds
 * which module changes with every edit; the manifest is the bundler's own record of what each
 * entry imports. A route node's static imports are exactly what Kit preloads (modulepreload links
 * plus the node's CSS) when a prerendered page is opened, so the static closure of every route
 * node is the JS/CSS every page loads on a first visit. What a page loads later with `import()`
 * (the probe engine, simple-peer, exports, the fleet view) is left out, except the few dynamic
 * entries named in OFFLINE_MODULES, which opening a saved run or IT's view needs offline. Files
 * left out are cached when first used (see service-worker.ts).
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
 * Modules loaded with `import()` that offline use needs: IT's view of a saved run (it brings the
 * full catalog). Keys are source paths as the manifest names them.
 */
export const OFFLINE_MODULES = ['src/lib/components/result/ItDetails.svelte'] as const;

/** The files the given manifest keys load without any further `import()`: chunks, static imports, CSS. */
export function staticClosure(manifest: BuildManifest, keys: readonly string[]): Set<string> {
	const files = new Set<string>();
	const seen = new Set<string>();
	const visit = (key: string) => {
		if (seen.has(key)) return;
		seen.add(key);
		const chunk = Object.hasOwn(manifest, key) ? manifest[key] : undefined;
		if (!chunk) throw new Error(`precache: the build manifest has no entry "${key}"`);
		files.add(chunk.file);
		for (const css of chunk.css ?? []) files.add(css);
		for (const asset of chunk.assets ?? []) files.add(asset);
		for (const imported of chunk.imports ?? []) visit(imported);
	};
	for (const key of keys) visit(key);
	return files;
}

/**
 * The built files (paths without a leading slash, as the manifest gives them) to store at install:
 * every entry's static closure (Kit's start and app entries, the layout, the error page and every
 * route node) plus the closures of `offlineModules`.
 */
export function precacheBuildFiles(
	manifest: BuildManifest,
	offlineModules: readonly string[] = OFFLINE_MODULES
): string[] {
	const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
	return [...staticClosure(manifest, [...entries, ...offlineModules])].sort();
}

/**
 * The prerendered pages to store at install: every page but the per-product pages (the
 * requirement browser: about 6 KB gz each, 13 of them), which are cached when visited. Kit's
 * `__data.json` files are cached when used too: when one cannot be fetched offline, Kit's router
 * falls back to a full navigation, which the stored page answers.
 */
export function precachePages(prerendered: readonly string[], base: string): string[] {
	return prerendered.filter(
		(path) => !path.endsWith('/__data.json') && !path.startsWith(`${base}/products/`)
	);
}
