/**
 * The app's own modules in Node, through Vite (the $lib and $fixtures aliases, import.meta.glob):
 * the fleet's e2e test and screenshot script make real permalinks with the app's encoder and
 * realistic results with the test fixtures. Call close() when done.
 */
import { createServer } from 'vite';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function loadAppModules() {
	const server = await createServer({
		root: ROOT,
		configFile: false,
		logLevel: 'error',
		appType: 'custom',
		server: { middlewareMode: true, hmr: false, ws: false },
		optimizeDeps: { noDiscovery: true, include: [] },
		resolve: { alias: { $lib: join(ROOT, 'src/lib'), $fixtures: join(ROOT, 'test/fixtures') } }
	});
	/** @param {string} path */
	const load = (path) => server.ssrLoadModule(path);
	const [codec, catalog, fleet, results, diff] = await Promise.all([
		load('/src/lib/share/codec.ts'),
		load('/src/lib/data/catalog.ts'),
		load('/test/fixtures/fleet.ts'),
		load('/test/fixtures/results.ts'),
		load('/src/lib/compare/diff.ts')
	]);
	return {
		codec,
		catalog,
		fleet,
		results,
		diff,
		fleetFile: () => load('/src/lib/fleet/file.ts'),
		words: () => load('/src/lib/result/words.ts'),
		resultFiles: () => load('/src/lib/result/files.ts'),
		close: () => server.close()
	};
}
