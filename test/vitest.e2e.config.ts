/**
 * End-to-end suite: real Chromium in network namespaces against real coturn/HTTPS/WSS servers
 * (docs/lab.md). Needs root and the packages from scripts/install-system-deps.sh; profile tests
 * need the built site (npm run build).
 *   npx vitest run --config test/vitest.e2e.config.ts [file filter]
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	root: fileURLToPath(new URL('..', import.meta.url)),
	test: {
		include: ['test/e2e/**/*.e2e.ts', 'test/lab/**/*.spec.ts'],
		environment: 'node',
		// One lab and one browser at a time: the machine has two cores, and timings are measured.
		fileParallelism: false,
		pool: 'forks',
		globalSetup: ['test/support/global-setup.ts'],
		testTimeout: 180_000,
		hookTimeout: 120_000,
		teardownTimeout: 30_000
	}
});
