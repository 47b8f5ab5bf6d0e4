import { describe, expect, test } from 'vitest';
import {
	nodeRoute,
	pageLinks,
	precacheBuildFiles,
	precachePages,
	staticClosure,
	type BuildManifest
} from './precache';

const NODE = (n: number) => `.svelte-kit/generated/client-optimized/nodes/${n}.js`;
// The shape Vite writes: entries, shared chunks, a dynamic entry with its own chunk and CSS.
const manifest: BuildManifest = {
	'app.js': { file: '_app/immutable/entry/app.A.js', isEntry: true, imports: ['_runtime.js'] },
	'entry.js': { file: '_app/immutable/entry/start.B.js', isEntry: true, imports: ['_runtime.js'] },
	'_runtime.js': { file: '_app/immutable/chunks/runtime.js' },
	[NODE(0)]: {
		file: '_app/immutable/nodes/0.js',
		isEntry: true,
		css: ['_app/immutable/assets/0.css']
	},
	[NODE(1)]: { file: '_app/immutable/nodes/1.js', isEntry: true },
	[NODE(2)]: {
		file: '_app/immutable/nodes/2.js',
		isEntry: true,
		imports: ['_view.js'],
		dynamicImports: ['src/lib/components/history/RunRow.svelte']
	},
	'src/lib/components/history/RunRow.svelte': {
		file: '_app/immutable/chunks/row.js',
		isDynamicEntry: true,
		imports: ['_runtime.js'],
		css: ['_app/immutable/assets/row.css'],
		dynamicImports: ['src/lib/components/result/ItDetails.svelte']
	},
	[NODE(3)]: {
		file: '_app/immutable/nodes/3.js',
		isEntry: true,
		imports: ['_runtime.js'],
		dynamicImports: ['peer.js']
	},
	'_view.js': {
		file: '_app/immutable/chunks/view.js',
		css: ['_app/immutable/assets/view.css'],
		dynamicImports: ['src/lib/history/record.ts']
	},
	'src/lib/history/record.ts': { file: '_app/immutable/chunks/record.js', isDynamicEntry: true },
	'src/lib/components/result/ItDetails.svelte': {
		file: '_app/immutable/chunks/it.js',
		isDynamicEntry: true,
		imports: ['_catalog.js'],
		css: ['_app/immutable/assets/it.css']
	},
	'_catalog.js': { file: '_app/immutable/chunks/catalog.js' },
	'peer.js': { file: '_app/immutable/chunks/peer.js', isDynamicEntry: true }
};
const nodeSources = {
	[NODE(0)]: 'export { default as component } from "../../../../src/routes/+layout.svelte";',
	[NODE(1)]:
		'export { default as component } from "../../../../node_modules/@sveltejs/kit/src/runtime/components/svelte-5/error.svelte";',
	[NODE(2)]: 'export { default as component } from "../../../../src/routes/history/+page.svelte";',
	[NODE(3)]: 'export { default as component } from "../../../../src/routes/check/+page.svelte";'
};

describe('precache', () => {
	test('a static closure follows imports and CSS but not import()', () => {
		expect([...staticClosure(manifest, [NODE(0)], { css: false })]).toEqual([
			'_app/immutable/nodes/0.js'
		]);
		expect([...staticClosure(manifest, [NODE(3)])].sort()).toEqual([
			'_app/immutable/chunks/runtime.js',
			'_app/immutable/nodes/3.js'
		]);
		expect(() => staticClosure(manifest, ['nope.js'])).toThrow(/no entry "nope.js"/);
	});

	test('route nodes are told apart by their generated source', () => {
		expect(nodeRoute(nodeSources[NODE(0)] ?? '')).toBe('');
		expect(nodeRoute(nodeSources[NODE(1)] ?? '')).toBe('');
		expect(nodeRoute(nodeSources[NODE(2)] ?? '')).toBe('/history');
		expect(
			nodeRoute('export { default as component } from "../src/routes/products/[id]/+page.svelte";')
		).toBe('/products/[id]');
		expect(nodeRoute('export const x = 1;')).toBeUndefined();
	});

	test('the offline routes, their own import()s and the shell are stored; other routes, deeper import()s and route CSS are not', () => {
		const files = precacheBuildFiles({
			manifest,
			nodeSources,
			routes: ['/history'],
			offlineLoaders: []
		});
		expect(files).toEqual(
			[
				'_app/immutable/entry/app.A.js',
				'_app/immutable/entry/start.B.js',
				'_app/immutable/chunks/runtime.js',
				'_app/immutable/nodes/0.js',
				'_app/immutable/nodes/1.js',
				'_app/immutable/nodes/2.js',
				'_app/immutable/chunks/view.js',
				'_app/immutable/chunks/row.js',
				'_app/immutable/assets/row.css',
				// an import() of a chunk the page imports statically (the store's record reader)
				'_app/immutable/chunks/record.js'
			].sort()
		);
		// IT's view, one import() further down, is cached when used; with the row named as a
		// loader, what the row loads is stored too.
		expect(files).not.toContain('_app/immutable/chunks/it.js');
		expect(
			precacheBuildFiles({
				manifest,
				nodeSources,
				routes: ['/history'],
				offlineLoaders: ['src/lib/components/history/RunRow.svelte']
			})
		).toEqual(
			expect.arrayContaining([
				'_app/immutable/chunks/it.js',
				'_app/immutable/chunks/catalog.js',
				'_app/immutable/assets/it.css'
			])
		);
		expect(() =>
			precacheBuildFiles({
				manifest,
				nodeSources,
				routes: ['/history'],
				offlineLoaders: ['src/lib/components/history/Renamed.svelte']
			})
		).toThrow(/no entry "src\/lib\/components\/history\/Renamed.svelte"/);
		expect(files).not.toContain('_app/immutable/nodes/3.js');
		expect(files).not.toContain('_app/immutable/chunks/peer.js');
		const withCheck = precacheBuildFiles({
			manifest,
			nodeSources,
			routes: ['/history', '/check'],
			offlineLoaders: []
		});
		expect(withCheck).toContain('_app/immutable/nodes/3.js');
		// An offline route brings its own import()s: one reason the check page is not one.
		expect(withCheck).toContain('_app/immutable/chunks/peer.js');
	});

	test('a node whose route cannot be told fails the build of the list, never silently', () => {
		expect(() =>
			precacheBuildFiles({
				manifest,
				nodeSources: { ...nodeSources, [NODE(3)]: '' },
				routes: [],
				offlineLoaders: []
			})
		).toThrow(/cannot tell the route/);
		const { [NODE(2)]: _, ...missing } = nodeSources;
		void _;
		expect(() =>
			precacheBuildFiles({ manifest, nodeSources: missing, routes: [], offlineLoaders: [] })
		).toThrow(/no source for node/);
	});

	test('pages are chosen by route, with the base path, without __data.json', () => {
		const prerendered = [
			'/sub/',
			'/sub/__data.json',
			'/sub/history/',
			'/sub/history/__data.json',
			'/sub/products/a/',
			'/sub/check/'
		];
		expect(precachePages(prerendered, '/sub', ['/', '/history'])).toEqual([
			'/sub/',
			'/sub/history/'
		]);
	});

	test('a page links its modulepreloads and stylesheets (not the disabled links of inlined CSS), resolved against the page', () => {
		const html = `<link rel="icon" href="../favicon.svg">
			<link href="../_app/immutable/entry/start.B.js" rel="modulepreload">
			<link rel="stylesheet" href="../_app/immutable/assets/0.css">
			<link href="../_app/immutable/assets/inlined.css" rel="stylesheet" disabled media="(max-width: 0)">
			<link href="../manifest.webmanifest" rel="manifest">`;
		expect(pageLinks(html, new URL('https://x.test/sub/history/'))).toEqual([
			'https://x.test/sub/_app/immutable/entry/start.B.js',
			'https://x.test/sub/_app/immutable/assets/0.css'
		]);
	});
});
