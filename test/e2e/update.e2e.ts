/**
 * The update prompt in real Chromium (issue 12): the lab serves build A, a device visits it, then
 * the lab serves build B (a copy of build/ with another version in its service worker, and a
 * marker in its pages). The new worker waits; the prompt offers a reload, which cannot be taken
 * up while a check runs, and Reload brings version B. Needs the built site (npm run build).
 */
import {
	cpSync,
	mkdtempSync,
	readFileSync,
	readdirSync,
	renameSync,
	rmSync,
	statSync,
	symlinkSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO_ROOT } from '../lab/lab';
import { currentBrowser, currentLab, startLab, stopLab } from '../support/browser';

const dir = mkdtempSync(join(tmpdir(), 'netready-update-'));
const site = join(dir, 'site');
const contexts: BrowserContext[] = [];

/** Points the served site at `root` in one step (the lab's static server reads files per request). */
function serve(root: string): void {
	const next = join(dir, 'site.next');
	symlinkSync(root, next);
	renameSync(next, site);
}

function htmlFiles(root: string): string[] {
	return readdirSync(root).flatMap((name) => {
		const path = join(root, name);
		if (statSync(path).isDirectory()) return htmlFiles(path);
		return name.endsWith('.html') ? [path] : [];
	});
}

/** Build B: build/ with another version name in its service worker and a marker on every page. */
function makeBuildB(): string {
	const a = join(dir, 'a');
	const b = join(dir, 'b');
	cpSync(join(REPO_ROOT, 'build'), a, { recursive: true });
	cpSync(join(REPO_ROOT, 'build'), b, { recursive: true });
	const version = (
		JSON.parse(readFileSync(join(b, '_app/version.json'), 'utf8')) as { version: string }
	).version;
	const worker = join(b, 'service-worker.js');
	const code = readFileSync(worker, 'utf8');
	if (!code.includes(version))
		throw new Error(`service-worker.js does not name version ${version}`);
	writeFileSync(worker, code.replaceAll(version, `${version}-b`));
	writeFileSync(join(b, '_app/version.json'), JSON.stringify({ version: `${version}-b` }));
	for (const file of htmlFiles(b)) {
		const html = readFileSync(file, 'utf8');
		// An attribute only: the pages' inline scripts, whose hashes the CSP pins, stay as they are.
		writeFileSync(file, html.replace('<html lang="en">', '<html lang="en" data-build="b">'));
	}
	serve(a);
	return b;
}

const buildOf = (page: Page) =>
	page.evaluate(() => document.documentElement.dataset.build ?? 'a').catch(() => 'navigating');

let buildB: string;
beforeAll(async () => {
	buildB = makeBuildB();
	// A silent network: a check takes a couple of seconds, long enough to try the prompt meanwhile.
	await startLab('all-blocked', { siteRoot: site });
});
afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await stopLab();
	rmSync(dir, { recursive: true, force: true });
});

test('a new version is offered, waits for a running check, and Reload brings it', async () => {
	const context = await currentBrowser().newContext();
	contexts.push(context);
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(String(e)));
	await page.goto(currentLab().url('/check/?products=accurx-vc-patient'), { waitUntil: 'load' });
	await page.evaluate(() => navigator.serviceWorker.ready);
	await page.reload();
	expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
	// The first install is not an update: no prompt.
	expect(await page.getByTestId('update-prompt').count()).toBe(0);
	expect(await buildOf(page)).toBe('a');

	serve(buildB);
	await page.evaluate(async () => {
		const registration = await navigator.serviceWorker.getRegistration();
		await registration?.update();
	});
	const prompt = page.getByTestId('update-prompt');
	await prompt.waitFor({ timeout: 20_000 });
	expect(await prompt.getAttribute('role')).toBe('status');
	expect(await prompt.textContent()).toContain('A new version of netready is ready.');
	const reload = page.getByRole('button', { name: 'Reload' });
	expect(await reload.isEnabled()).toBe(true);

	// While a check runs, Reload cannot be pressed, and the page stays on version A.
	await page.getByTestId('start-check').click();
	await expect
		.poll(() => prompt.textContent())
		.toContain('You can reload when the check has finished.');
	expect(await reload.isDisabled()).toBe(true);
	await page.getByTestId('check-done').waitFor({ state: 'attached', timeout: 60_000 });
	expect(await buildOf(page)).toBe('a');
	expect(await reload.isEnabled()).toBe(true);

	await reload.click();
	await expect.poll(() => buildOf(page), { timeout: 20_000 }).toBe('b');
	await page.waitForLoadState('load');
	// Version B's worker controls the page now, and version A's cache is gone.
	const cacheNames = await page.evaluate(() => caches.keys());
	expect(cacheNames).toHaveLength(1);
	expect(cacheNames[0]).toMatch(/-b$/);
	expect(await page.getByTestId('update-prompt').count()).toBe(0);
	expect(errors).toEqual([]);
});
