#!/usr/bin/env node
/**
 * Rewrites test/golden/ from the current data and generators. Run it only after a deliberate
 * change, then review every changed line against the vendor documents before committing:
 *
 *   node test/it/regenerate-golden.mjs && git diff --stat test/golden
 *
 * The golden test (src/lib/it/golden.spec.ts) only compares; it never writes.
 * Vite loads the TypeScript sources (and the data glob in catalog.ts) exactly as the app does,
 * with the app's `$lib` alias.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const server = await createServer({
	root,
	configFile: false,
	logLevel: 'error',
	appType: 'custom',
	resolve: { alias: { $lib: join(root, 'src/lib') } },
	server: { middlewareMode: true, hmr: false, watch: null }
});
try {
	const { catalog } = await server.ssrLoadModule('/src/lib/data/catalog.ts');
	const { GOLDEN_DIR, goldenFiles } = await server.ssrLoadModule('/test/fixtures/it/golden-set.ts');
	const files = goldenFiles(catalog);
	const dir = join(root, GOLDEN_DIR);
	// Remove selections that no longer exist, so stale files cannot linger.
	const wanted = new Set([...files.keys()].map((k) => k.split('/')[0]));
	mkdirSync(dir, { recursive: true });
	for (const entry of readdirSync(dir, { withFileTypes: true }))
		if (entry.isDirectory() && !wanted.has(entry.name))
			rmSync(join(dir, entry.name), { recursive: true });
	for (const name of wanted) rmSync(join(dir, name), { recursive: true, force: true });
	for (const [path, content] of files) {
		mkdirSync(dirname(join(dir, path)), { recursive: true });
		writeFileSync(join(dir, path), content);
	}
	console.log(
		`wrote ${files.size} golden files for ${wanted.size} selections under ${GOLDEN_DIR}/ (data ${catalog.dataVersion})`
	);
} finally {
	await server.close();
}
