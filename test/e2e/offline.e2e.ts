/**
 * Offline use and the precache budget, in real Chromium on the lab (issue 12). The service worker
 * stores at most 150 KB gz at install (src/service-worker.ts, $lib/app/precache.ts); the rest is
 * cached when first used. Needs the built site (npm run build).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../lab/lab';
import { currentBrowser, currentLab, startLab, stopLab } from '../support/browser';
import { precacheList, precacheWeight } from '../../scripts/precache-list.mjs';

const BUILD = join(REPO_ROOT, 'build');
const BUDGET_KB = 150;
const manifest = JSON.parse(
	readFileSync(join(REPO_ROOT, '.svelte-kit/output/client/.vite/manifest.json'), 'utf8')
) as Record<string, { file: string }>;
const fileOf = (key: string) => {
	const entry = manifest[key];
	if (!entry) throw new Error(`the build manifest has no ${key}: was the site built?`);
	return `/${entry.file}`;
};
const SIMPLE_PEER = fileOf('node_modules/simple-peer/simplepeer.min.js');
const IT_VIEW = fileOf('src/lib/components/result/ItDetails.svelte');

const contexts: BrowserContext[] = [];
/** CSP violations seen by any page of these tests: there must be none (inlined styles included). */
const violations: string[] = [];

async function newDevice(): Promise<Page> {
	const context = await currentBrowser().newContext();
	contexts.push(context);
	await context.exposeFunction('__reportViolation', (text: string) => violations.push(text));
	await context.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) =>
			(window as unknown as { __reportViolation(t: string): void }).__reportViolation(
				`${e.violatedDirective} ${e.blockedURI} ${e.sample}`
			)
		);
	});
	return context.newPage();
}

const goto = (page: Page, path: string) =>
	page.goto(currentLab().url(path), { waitUntil: 'load', timeout: 30_000 });

/** Waits until the service worker is active and controls the page (a reload takes it over). */
async function controlled(page: Page): Promise<void> {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

const cachedPaths = (page: Page) =>
	page.evaluate(async () => {
		const paths: string[] = [];
		for (const name of await caches.keys())
			for (const request of await (await caches.open(name)).keys())
				paths.push(new URL(request.url).pathname);
		return paths;
	});

async function runCheck(page: Page): Promise<void> {
	await goto(page, '/check/?products=accurx-vc-patient');
	await page.getByTestId('start-check').click();
	await page.getByTestId('check-done').waitFor({ state: 'attached', timeout: 60_000 });
	await page.getByTestId('history-saved').waitFor({ timeout: 10_000 });
}

beforeAll(async () => {
	await startLab('open');
});
afterEach(async () => {
	for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
	expect(violations.splice(0)).toEqual([]);
});
afterAll(async () => {
	await stopLab();
});

describe('precache', () => {
	test(`the service worker stores at most ${BUDGET_KB} KB gz at install, with what offline use needs`, async () => {
		const list = await precacheList(BUILD);
		const { total } = precacheWeight(BUILD, list);
		console.info(`[offline] precache: ${list.length} files, ${(total / 1024).toFixed(1)} KB gz`);
		expect(total / 1024).toBeLessThanOrEqual(BUDGET_KB);
		for (const page of ['/', '/history/', '/compare/']) expect(list).toContain(page);
		// IT's view is cached when first opened (the budget has no room for its ~50 KB gz).
		expect(list).not.toContain(IT_VIEW);
		expect(list).not.toContain(SIMPLE_PEER);
		expect(list.filter((path) => path.endsWith('__data.json'))).toEqual([]);
	});
});

describe('offline', () => {
	test("after a first online visit: history, a saved run, IT's view of it and compare open offline", async () => {
		const page = await newDevice();
		// The first visit: two checks, saved to history. The worker installs meanwhile.
		await runCheck(page);
		await controlled(page);
		await runCheck(page);
		// IT opens the details once while online: that is what stores IT's view (cache on use).
		await page.getByTestId('view-it').click();
		await page.getByTestId('it-rule-table').waitFor({ timeout: 10_000 });

		await page.context().setOffline(true);
		// Really offline: a file the service worker does not keep cannot be fetched.
		expect(
			await page.evaluate(() =>
				fetch(`/__lab/blank?${Math.random()}`).then(
					() => 'fetched',
					() => 'failed'
				)
			)
		).toBe('failed');

		const history = await goto(page, '/history/');
		expect(history?.fromServiceWorker()).toBe(true);
		await expect.poll(() => page.getByTestId('history-run').count()).toBe(2);
		await page.getByTestId('offline-notice').waitFor();

		// A saved run (its views from the precache) and IT's view of it (stored when it was used).
		await page.getByTestId('open-run').first().click();
		await page.getByTestId('view-it').click();
		await page.getByTestId('it-rule-table').waitFor({ timeout: 10_000 });
		expect(await page.locator('[data-testid^="it-rule-"][data-status]').count()).toBeGreaterThan(0);

		// Compare, reached by a link: offline, links are full navigations (Kit's router would need
		// /compare/__data.json, which is not stored), answered with the stored page.
		await goto(page, '/history/');
		await expect.poll(() => page.getByTestId('compare-pick').count()).toBe(2);
		for (const box of await page.getByTestId('compare-pick').all()) await box.check();
		await page.getByTestId('compare-picked').click();
		await page.getByTestId('comparison-summary').waitFor({ timeout: 15_000 });
		expect(new URL(page.url()).pathname).toBe('/compare/');

		// The home page (the installed app's start page) by the main navigation.
		await page.getByRole('link', { name: 'Products' }).click();
		await page.getByRole('checkbox', { name: /Amwell Home platform/ }).waitFor({ timeout: 15_000 });
		// and back: compare again, from the stored page
		await page.goBack();
		await page.getByTestId('comparison-summary').waitFor({ timeout: 15_000 });
		await page.context().setOffline(false);
	});

	test('a file that is not precached (simple-peer) is cached when first used, and works offline then', async () => {
		const page = await newDevice();
		await goto(page, '/check/?products=accurx-vc-patient');
		await controlled(page);
		expect(await cachedPaths(page)).not.toContain(SIMPLE_PEER);

		await page.getByText('For IT: test your own STUN/TURN server').click();
		await page.getByTestId('own-server-url').fill('turn:127.0.0.1:3478?transport=udp');
		await page.getByTestId('own-server-username').fill('nobody');
		await page.getByTestId('own-server-credential').fill('wrong');
		await page.getByTestId('own-server-start').click();
		await expect.poll(() => cachedPaths(page), { timeout: 15_000 }).toContain(SIMPLE_PEER);

		await page.context().setOffline(true);
		const status = await page.evaluate(
			(path) =>
				fetch(path).then(
					(r) => r.status,
					() => 0
				),
			SIMPLE_PEER
		);
		expect(status).toBe(200);
		await page.context().setOffline(false);
	});
});
