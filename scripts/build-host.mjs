// The built site (build/) served on 127.0.0.1 like a typical static host, for the measuring
// scripts (page-weights.mjs, lighthouse.mjs): exact file, then path/index.html; optionally gzip
// when the browser accepts it, and the immutable files cached for a year (as GitHub Pages,
// Netlify and the like do). Also the routes those scripts measure.
import { existsSync, readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('..', import.meta.url));
export const BUILD = join(REPO, 'build');

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json'
};

/** Exits with a clear message when build/ holds no site. */
export function requireBuild(tool) {
	if (!existsSync(join(BUILD, 'index.html'))) {
		console.error(`${tool}: build/ has no site; run npm run build first`);
		process.exit(2);
	}
}

/**
 * Serves build/ until close(). `gzip`: compress text when the browser accepts it (what a real
 * host does; page-weights.mjs measures gzip itself and asks for plain bodies).
 */
export async function serveBuild({ gzip = false } = {}) {
	const server = createServer(async (req, res) => {
		const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(
			/^(\.\.[/\\])+/,
			''
		);
		let file = join(BUILD, path);
		try {
			if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
			let body = await readFile(file);
			const headers = {
				'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
				'cache-control': path.includes('/_app/immutable/')
					? 'public, max-age=31536000, immutable'
					: 'no-cache'
			};
			if (
				gzip &&
				/\bgzip\b/.test(req.headers['accept-encoding'] ?? '') &&
				/text|json|svg|javascript/.test(headers['content-type'])
			) {
				body = gzipSync(body);
				headers['content-encoding'] = 'gzip';
				headers.vary = 'accept-encoding';
			}
			res.writeHead(200, headers);
			res.end(body);
		} catch {
			res.writeHead(404, { 'content-type': 'text/plain' });
			res.end('not found');
		}
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		origin: `http://127.0.0.1:${server.address().port}`,
		close: () => new Promise((resolve) => server.close(resolve))
	};
}

/** Every route of the site once (a product page stands for all of them), as built. */
export function siteRoutes() {
	const products = JSON.parse(readFileSync(join(REPO, 'data/accurx.json'), 'utf8')).products;
	return [
		'/',
		`/products/${products[0].id}/`,
		'/check/',
		'/history/',
		'/compare/',
		'/shared/',
		'/fleet/'
	].filter((route) => existsSync(join(BUILD, route, 'index.html')));
}
