#!/usr/bin/env node
/**
 * Renders the fleet page with a sample fleet (sample-fleet.mjs) in headless Debian Chromium at a
 * phone and a desktop size, into the directory given (default /tmp/fleet-shots). Needs the built
 * site (npm run build). Not part of the test suite: it is for looking at the page.
 *
 *   node test/fleet/screenshots.mjs [out-dir]
 */
import { createReadStream, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { loadAppModules } from './app-modules.mjs';
import { sampleFleetFile } from './sample-file.mjs';

const BUILD = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'build');
const OUT = process.argv[2] ?? '/tmp/fleet-shots';
const TYPES = {
	'.html': 'text/html',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.webmanifest': 'application/manifest+json'
};

function serve() {
	const server = createServer((req, res) => {
		let path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname));
		let file = join(BUILD, path);
		if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
		if (!file.startsWith(BUILD) || !existsSync(file)) {
			res.writeHead(404).end();
			return;
		}
		res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
		createReadStream(file).pipe(res);
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

mkdirSync(OUT, { recursive: true });
const app = await loadAppModules();
// FLEET_FILE=path renders that fleet file instead of the sample.
const fleetFile = process.env.FLEET_FILE
	? readFileSync(process.env.FLEET_FILE, 'utf8')
	: await sampleFleetFile(app);
await app.close();
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu']
});
try {
	for (const [name, viewport] of [
		['desktop', { width: 1280, height: 800 }],
		['phone', { width: 390, height: 844 }]
	]) {
		const page = await browser.newPage({ viewport });
		await page.goto(`${origin}/fleet/`);
		await page.screenshot({ path: join(OUT, `fleet-empty-${name}.png`), fullPage: true });
		await page.getByTestId('fleet-files').setInputFiles({
			name: 'trust-fleet.json',
			mimeType: 'application/json',
			buffer: Buffer.from(fleetFile)
		});
		await page.getByTestId('fleet-row').first().waitFor();
		await page.screenshot({ path: join(OUT, `fleet-${name}.png`), fullPage: true });
		await page.getByTestId('fleet-matrix').scrollIntoViewIfNeeded();
		await page.screenshot({ path: join(OUT, `fleet-matrix-${name}.png`) });
		await page.locator('td[data-verdict="not-ready"] button').last().click();
		await page.getByTestId('fleet-detail').waitFor();
		await page.waitForTimeout(300);
		await page.screenshot({ path: join(OUT, `fleet-detail-${name}.png`), fullPage: true });
		const scroll = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
		if (scroll > 0) console.log(`${name}: the page is ${scroll} px wider than the screen`);
		await page.emulateMedia({ media: 'print' });
		await page.screenshot({ path: join(OUT, `fleet-print-${name}.png`), fullPage: true });
		if (name === 'desktop') {
			const pdf = await page.pdf({
				path: join(OUT, 'fleet-print.pdf'),
				landscape: true,
				format: 'A4'
			});
			const pages = pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? [];
			console.log(`the matrix prints on ${pages.length} A4 landscape page(s)`);
		}
		await page.close();
	}
} finally {
	await browser.close();
	server.close();
}
console.log(`screenshots in ${OUT}`);
