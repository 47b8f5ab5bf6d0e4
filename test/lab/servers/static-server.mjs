// Serves the built site from loopback inside the client namespace, so the page origin is
// http://127.0.0.1:<port> (a secure context, like https). The same build is served at "/" and under a
// sub-path, to prove the site works from any static host path.
//   node static-server.mjs <root> <subPath>     prints {"port":N} once listening on 127.0.0.1
// /__lab/blank is a minimal page for tests that need a page of this origin without the site.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const [root, subPathArg = '/netready'] = process.argv.slice(2);
if (!root) {
	console.error('usage: static-server.mjs <root> [subPath]');
	process.exit(2);
}
const subPath = '/' + subPathArg.replace(/^\/+|\/+$/g, '');

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webmanifest': 'application/manifest+json',
	'.txt': 'text/plain; charset=utf-8',
	'.woff2': 'font/woff2'
};

const BLANK =
	'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>lab</title></head><body></body></html>';

/** @param {string} path */
async function fileIfExists(path) {
	try {
		const info = await stat(path);
		return info.isFile() ? path : undefined;
	} catch {
		return undefined;
	}
}

/** Like a typical static host: exact file, then path.html, then path/index.html. */
async function resolveFile(urlPath) {
	const decoded = decodeURIComponent(urlPath);
	const relative = normalize(decoded).replace(/^(\.\.(\/|\\|$))+/, '');
	const base = join(root, relative);
	if (!base.startsWith(normalize(root + sep)) && base !== normalize(root)) return undefined;
	return (
		(await fileIfExists(base)) ??
		(await fileIfExists(base.replace(/\/$/, '') + '.html')) ??
		(await fileIfExists(join(base, 'index.html')))
	);
}

const server = createServer(async (req, res) => {
	try {
		let path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
		if (path === '/__lab/blank') {
			res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
			res.end(BLANK);
			return;
		}
		if (path === subPath) {
			res.writeHead(301, { location: subPath + '/' });
			res.end();
			return;
		}
		if (path.startsWith(subPath + '/')) path = path.slice(subPath.length);
		const file = await resolveFile(path);
		if (!file) {
			const notFound = await fileIfExists(join(root, '404.html'));
			res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
			res.end(notFound ? await readFile(notFound) : 'not found');
			return;
		}
		res.writeHead(200, {
			'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
			'cache-control': 'no-store'
		});
		res.end(req.method === 'HEAD' ? undefined : await readFile(file));
	} catch (error) {
		res.writeHead(500);
		res.end(String(error));
	}
});

server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	console.log(
		JSON.stringify({ ready: true, port: typeof address === 'object' && address ? address.port : 0 })
	);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => process.exit(0));
}
