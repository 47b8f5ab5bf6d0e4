#!/usr/bin/env node
// Renders the main screens at phone and desktop size into docs/screenshots/ from a real check in
// the network lab (needs root, like npm test). Builds the site first unless --no-build.
//   node scripts/screenshots.mjs [--no-build]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
if (!process.argv.includes('--no-build')) {
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
	if (build.status !== 0) process.exit(1);
}
const { module } = await runnerImport(
	fileURLToPath(new URL('../test/support/screens.ts', import.meta.url))
);
const files = await module.captureScreens(
	fileURLToPath(new URL('../docs/screenshots', import.meta.url))
);
for (const f of files) console.log(f.replace(root, ''));
process.exit(0);
