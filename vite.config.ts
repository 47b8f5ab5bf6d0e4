import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: { fs: { allow: ['data'] } },
	test: {
		include: ['src/**/*.spec.ts', 'data/**/*.spec.ts'],
		environment: 'node'
	}
});
