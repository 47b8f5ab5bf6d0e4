#!/usr/bin/env node
/**
 * First-visit weight of built pages, from the build output alone: every script and stylesheet a
 * page's index.html loads (modulepreload links, stylesheets, the start script's imports), gzip -9.
 * The e2e test (test/e2e/fleet.e2e.ts) checks the same figure against what Chromium really loads.
 *
 *   node test/fleet/page-weight.mjs [page …]      e.g.  node test/fleet/page-weight.mjs fleet/ /
 */
import { readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build');

/** @param {string} page a path under build/, such as "fleet/" or "/" */
export function pageWeight(page, build = BUILD) {
	const htmlPath = join(build, page.replace(/^\/+/, ''), 'index.html');
	const html = readFileSync(htmlPath, 'utf8');
	// Kit also writes a disabled <link> for each stylesheet it inlined (so its loader does not fetch
	// it again); the browser never loads those, and the inlined styles are counted below instead.
	const links = [...html.matchAll(/<link\b[^>]*>/g)]
		.map((m) => m[0])
		.filter((tag) => !/\sdisabled(?:[\s=>/]|$)/.test(tag));
	/** @type {Set<string>} */
	const refs = new Set([
		...links.flatMap((tag) => {
			const href = /href="([^"]+\.(?:js|css))"/.exec(tag)?.[1];
			return href ? [href] : [];
		}),
		...[...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) => String(m[1]))
	]);
	const files = [...refs].map((ref) => {
		const body = readFileSync(normalize(join(dirname(htmlPath), ref)));
		return {
			file: ref.replace(/^(\.\.\/)+|^\.\//, ''),
			type: ref.endsWith('.css') ? 'css' : 'js',
			bytes: body.length,
			gzip: gzipSync(body, { level: 9 }).length
		};
	});
	const inline = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]).join('\n');
	if (inline)
		files.push({
			file: '(styles inlined into the page)',
			type: 'css',
			bytes: Buffer.byteLength(inline),
			gzip: gzipSync(inline, { level: 9 }).length
		});
	/** @param {'js' | 'css' | undefined} type @param {'gzip' | 'bytes'} key */
	const sum = (type, key) =>
		files.filter((f) => !type || f.type === type).reduce((n, f) => n + f[key], 0);
	return {
		page,
		files,
		jsGzip: sum('js', 'gzip'),
		cssGzip: sum('css', 'gzip'),
		gzip: sum(undefined, 'gzip'),
		raw: sum(undefined, 'bytes'),
		htmlGzip: gzipSync(html, { level: 9 }).length
	};
}

/** @param {ReturnType<typeof pageWeight>} w */
export function weightLine(w) {
	const kb = (/** @type {number} */ n) => (n / 1024).toFixed(1);
	return `first visit (${w.page}): JS ${kb(w.jsGzip)} KB + CSS ${kb(w.cssGzip)} KB = ${kb(w.gzip)} KB gzip (${kb(w.raw)} KB raw, ${w.files.length} files; HTML ${kb(w.htmlGzip)} KB gzip)`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
	const pages = process.argv.slice(2);
	for (const page of pages.length ? pages : ['fleet/']) console.log(weightLine(pageWeight(page)));
}
