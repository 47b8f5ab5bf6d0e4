import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

const out = process.env.NETREADY_BUILD_DIR ?? 'build';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Test fixtures live under test/, never among app modules; specs import them as $fixtures/….
		alias: { $fixtures: 'test/fixtures' },
		// Every page is prerendered; the site must work from any static host, also from a sub-path.
		// NETREADY_BUILD_DIR writes the site elsewhere (test/e2e/update.e2e.ts builds a second version).
		adapter: adapter({ pages: out, assets: out, fallback: undefined, strict: true }),
		paths: { base: process.env.BASE_PATH ?? '', relative: true },
		// The version names the service worker's cache; NETREADY_VERSION lets a test build two
		// versions of the same source (test/e2e/update.e2e.ts). Kit's default is the build time.
		...(process.env.NETREADY_VERSION ? { version: { name: process.env.NETREADY_VERSION } } : {}),
		// Stylesheets under 4 KB (every page's own CSS today) go into the page as <style>, so the
		// first paint waits for no CSS request. Kit adds each inlined style's hash to the CSP.
		inlineStyleThreshold: 4096,
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				// The one inline style allowed is the hash of SvelteKit's own route announcer's style attribute.
				'style-src': [
					'self',
					'unsafe-hashes',
					'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='
				],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				// 'self': the site's own files and the origin check; https: the HTTPS probes (fetch to the
				// vendors' hosts); wss: the WebSocket probes. No probe uses plain http (a secure page
				// cannot: mixed content), so http: is not allowed. STUN/TURN are not fetches: the
				// CSP does not govern WebRTC. Trusted Types are not required: Svelte 5 builds its
				// templates with innerHTML on <template> elements, which the policy would block.
				'connect-src': ['self', 'https:', 'wss:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self']
			}
		}
	}
};

export default config;
