/**
 * History, permalinks, comparison and offline in real Chromium on the lab (docs/history.md,
 * docs/permalink-format.md). Contexts are persistent (a user-data dir per "device") so IndexedDB
 * and the service worker survive a browser restart, as they do for a real user.
 *
 * Needs the built site. Flows that start on the check page need it to include SaveResult and
 * RunActions from $lib/components/history (see the report of issue 4); they fail with a message
 * saying so when it does not.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { CHROMIUM_FLAGS, currentLab, startLab, stopLab } from '../support/browser';

const PRODUCTS = ['accurx-vc-patient'];
const dirs: string[] = [];
const contexts: BrowserContext[] = [];

/** A browser profile that keeps its storage across restarts, like a user's device. */
function newDevice(): string {
	const dir = mkdtempSync(join(tmpdir(), 'netready-device-'));
	dirs.push(dir);
	return dir;
}

async function openDevice(dir: string, initScript?: string): Promise<BrowserContext> {
	const context = await chromium.launchPersistentContext(dir, {
		executablePath: currentLab().chromiumWrapper,
		headless: true,
		args: CHROMIUM_FLAGS,
		acceptDownloads: true,
		timeout: 60_000
	});
	if (initScript) await context.addInitScript(initScript);
	contexts.push(context);
	return context;
}

async function closeDevice(context: BrowserContext): Promise<void> {
	contexts.splice(contexts.indexOf(context), 1);
	await context.close().catch(() => undefined);
}

async function goto(page: Page, path: string) {
	return page.goto(currentLab().url(path), { waitUntil: 'load', timeout: 30_000 });
}

/** Runs a check on the check page and waits for its history outcome. */
async function runCheck(page: Page, path = `/check/?products=${PRODUCTS.join(',')}`) {
	await goto(page, path);
	const start = page.getByTestId('start-check');
	await start.waitFor({ state: 'visible', timeout: 15_000 });
	await start.click();
	await page.getByTestId('check-done').waitFor({ state: 'attached', timeout: 60_000 });
	// SaveResult loads once there is a result (import()), so it may come a moment after check-done.
	const save = page.getByTestId('save-result');
	if (
		!(await save.waitFor({ timeout: 10_000 }).then(
			() => true,
			() => false
		))
	)
		throw new Error(
			'The check page does not show SaveResult ($lib/components/history/SaveResult.svelte) after a check'
		);
	await expect
		.poll(
			async () =>
				(await page.getByTestId('history-saved').count()) +
				(await page.getByTestId('history-not-saved').count()),
			{ timeout: 10_000 }
		)
		.toBeGreaterThan(0);
}

/** Seeds raw records into the history database, as an older build of the app would have left them. */
async function seedRecords(page: Page, records: unknown[]): Promise<void> {
	await page.evaluate(async (values) => {
		await new Promise<void>((resolve, reject) => {
			const request = indexedDB.open('netready-history', 1);
			request.onupgradeneeded = () => {
				const runs = request.result.createObjectStore('runs', { keyPath: 'id' });
				runs.createIndex('by-saved', 'savedAt');
				request.result.createObjectStore('quarantine', { autoIncrement: true });
			};
			request.onerror = () => reject(request.error);
			request.onsuccess = () => {
				const db = request.result;
				const tx = db.transaction('runs', 'readwrite');
				for (const value of values) tx.objectStore('runs').put(value);
				tx.oncomplete = () => {
					db.close();
					resolve();
				};
				tx.onerror = () => reject(tx.error);
			};
		});
	}, records);
}

let cachedResult: Record<string, unknown> | undefined;

/**
 * A real result from this lab: a check run on a throwaway device (so it leaves nothing in the
 * history of the device under test), downloaded as JSON. One check serves every test.
 */
async function realResult(): Promise<Record<string, unknown>> {
	if (cachedResult) return cachedResult;
	const device = await openDevice(newDevice());
	try {
		const page = await device.newPage();
		await goto(page, `/check/?products=${PRODUCTS.join(',')}`);
		await page.getByTestId('start-check').click();
		await page.getByTestId('check-done').waitFor({ state: 'attached', timeout: 60_000 });
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-json').click()
		]);
		const { readFile } = await import('node:fs/promises');
		cachedResult = JSON.parse(await readFile((await download.path())!, 'utf8'));
		return cachedResult!;
	} finally {
		await closeDevice(device);
	}
}

beforeAll(async () => {
	// NETREADY_SITE_ROOT serves another build of the site (default: build/).
	await startLab('open', { siteRoot: process.env.NETREADY_SITE_ROOT || undefined });
});

afterEach(async () => {
	for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
});

afterAll(async () => {
	await stopLab();
	for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('history on a device', () => {
	test('a check is saved, survives a browser restart, can be renamed, compared and deleted', async () => {
		const dir = newDevice();
		let device = await openDevice(dir);
		let page = await device.newPage();
		await runCheck(page);
		await expect(page.getByTestId('history-saved').count()).resolves.toBe(1);
		await page.getByTestId('run-label').fill('Ward 3 Wi-Fi');
		await page.getByRole('button', { name: 'Save name' }).click();
		await page.getByText('Name saved.').waitFor();
		await closeDevice(device);

		// A second check on a network that blocks UDP, after a restart of the browser.
		await currentLab().applyProfile('udp-blocked');
		device = await openDevice(dir);
		page = await device.newPage();
		await runCheck(page);
		await currentLab().applyProfile('open');

		await goto(page, '/history/');
		const runs = page.getByTestId('history-run');
		await expect.poll(() => runs.count()).toBe(2);
		await expect(page.getByTestId('history-list').innerText()).resolves.toContain('Ward 3 Wi-Fi');

		await page.getByTestId('compare-pick').nth(0).check();
		await page.getByTestId('compare-pick').nth(1).check();
		await page.getByTestId('compare-picked').click();
		const summary = page.getByTestId('comparison-summary');
		await summary.waitFor();
		// Blocking UDP makes at least one UDP requirement worse between the two runs.
		expect(await summary.innerText()).toMatch(/[1-9]\d* requirements? got worse/);
		expect(await page.getByTestId('change').count()).toBeGreaterThan(0);

		await goto(page, '/history/');
		await runs.first().getByTestId('delete').click();
		await runs.first().getByTestId('delete-confirm').click();
		await expect.poll(() => runs.count()).toBe(1);
		await page.reload();
		await expect.poll(() => runs.count()).toBe(1);
	});

	test('another tab sees a deletion without reloading', async () => {
		const device = await openDevice(newDevice());
		const setup = await device.newPage();
		const result = await realResult();
		await goto(setup, '/history/');
		await seedRecords(setup, [
			{ recordVersion: 1, id: 'tab-a', savedAt: new Date().toISOString(), origin: 'local', result },
			{ recordVersion: 1, id: 'tab-b', savedAt: new Date().toISOString(), origin: 'local', result }
		]);
		const tabA = await device.newPage();
		const tabB = await device.newPage();
		await goto(tabA, '/history/');
		await goto(tabB, '/history/');
		await expect.poll(() => tabB.getByTestId('history-run').count()).toBe(2);
		await tabA.locator('[data-run-id="tab-a"]').getByTestId('delete').click();
		await tabA.locator('[data-run-id="tab-a"]').getByTestId('delete-confirm').click();
		await expect.poll(() => tabB.getByTestId('history-run').count(), { timeout: 5_000 }).toBe(1);
	});

	test('an older record is migrated and an unreadable one is set aside, not lost', async () => {
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		const result = await realResult();
		await goto(page, '/history/');
		await seedRecords(page, [
			{
				id: 'proto-1',
				time: Date.parse('2025-06-01T08:00:00Z'),
				name: 'Old prototype run',
				result
			},
			{ recordVersion: 1, id: 'broken', savedAt: 'not a date', origin: 'local', result: { x: 1 } }
		]);
		await page.reload();
		await page.getByTestId('history-quarantine').waitFor();
		await expect(page.getByTestId('history-list').innerText()).resolves.toContain(
			'Old prototype run'
		);
		expect(await page.getByTestId('history-run').count()).toBe(1);
		const aside = await page.evaluate(
			() =>
				new Promise<number>((resolve) => {
					const request = indexedDB.open('netready-history');
					request.onsuccess = () => {
						const count = request.result
							.transaction('quarantine')
							.objectStore('quarantine')
							.count();
						count.onsuccess = () => resolve(count.result);
					};
				})
		);
		expect(aside).toBe(1);
	});
});

describe('permalinks', () => {
	test('a shared link opens on another device, is marked as shared, and saves only when asked', async () => {
		const sender = await openDevice(newDevice());
		const page = await sender.newPage();
		const result = await realResult();
		await goto(page, '/history/');
		await seedRecords(page, [
			{
				recordVersion: 1,
				id: 'to-share',
				savedAt: new Date().toISOString(),
				origin: 'local',
				result
			}
		]);
		await goto(page, '/history/?run=to-share');
		await page.getByTestId('share').click();
		const link = await page.getByTestId('share-link').inputValue();
		expect(link).toContain('/shared/#r=2.');
		expect(link.length).toBeLessThanOrEqual(2000);
		// No address of any kind in the part that carries the result.
		const fragment = decodeURIComponent(link.slice(link.indexOf('#')));
		expect(fragment).not.toMatch(/\d+\.\d+\.\d+\.\d+|[0-9a-f]*:[0-9a-f]*:[0-9a-f:]+/i);

		const receiver = await openDevice(newDevice());
		const other = await receiver.newPage();
		await other.goto(link);
		await other.getByTestId('shared-banner').waitFor();
		const verdicts = result.verdicts as Record<string, { verdict: string }>;
		for (const [id, v] of Object.entries(verdicts))
			expect(await other.getByTestId(`verdict-${id}`).getAttribute('data-verdict')).toBe(v.verdict);

		// Damaged and hostile links: a message, no exception, history untouched.
		const errors: string[] = [];
		other.on('pageerror', (e) => errors.push(String(e)));
		const hash = link.slice(link.indexOf('#'));
		for (const bad of [
			hash.slice(0, Math.floor(hash.length / 2)),
			hash.replace(/r=2\./, 'r=9.'),
			'#r=1.<img src=x onerror=alert(1)>',
			hash.slice(0, 20) + 'A' + hash.slice(21)
		]) {
			await other.goto(currentLab().url(`/shared/${bad}`));
			await other.getByTestId('shared-error').waitFor();
		}
		expect(errors).toEqual([]);
		await goto(other, '/history/');
		await other.getByTestId('history-empty').waitFor();

		await other.goto(link);
		await other.getByTestId('shared-label').fill('From Sam');
		await other.getByTestId('save-shared').click();
		await other.getByTestId('shared-saved').waitFor();
		await goto(other, '/history/');
		await expect(other.getByTestId('history-list').innerText()).resolves.toContain(
			'shared with you'
		);
	});

	test('"compare with my network now" runs a check and compares it with the shared result', async () => {
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await runCheck(page);
		await page.getByTestId('share').click();
		const link = await page.getByTestId('share-link').inputValue();

		const receiver = await openDevice(newDevice());
		const other = await receiver.newPage();
		await other.goto(link);
		await other.getByTestId('compare-with-mine').click();
		await other.waitForURL(/\/check\/\?.*compareWith=shared/);
		await other.getByTestId('start-check').click();
		await other.getByTestId('compare-after-check').click({ timeout: 60_000 });
		await other.getByTestId('comparison-summary').waitFor();
	});

	test('without IndexedDB the check still runs and says history is not kept', async () => {
		const device = await openDevice(
			newDevice(),
			`Object.defineProperty(window, 'indexedDB', { get() { throw new DOMException('denied', 'SecurityError'); } });`
		);
		const page = await device.newPage();
		await runCheck(page);
		const notice = page.getByTestId('history-not-saved');
		await notice.waitFor();
		expect(await notice.getAttribute('data-reason')).toBe('unavailable');
		await goto(page, '/history/');
		expect(await page.getByTestId('history-unavailable').getAttribute('data-reason')).toBe(
			'unavailable'
		);
	});

	test('a full quota is reported when saving a shared result', async () => {
		const sender = await openDevice(newDevice());
		const page = await sender.newPage();
		const result = await realResult();
		await goto(page, '/history/');
		await seedRecords(page, [
			{ recordVersion: 1, id: 'q', savedAt: new Date().toISOString(), origin: 'local', result }
		]);
		await goto(page, '/history/?run=q');
		await page.getByTestId('share').click();
		const link = await page.getByTestId('share-link').inputValue();

		const full = await openDevice(
			newDevice(),
			`IDBObjectStore.prototype.add = function () { throw new DOMException('full', 'QuotaExceededError'); };`
		);
		const other = await full.newPage();
		await other.goto(link);
		await other.getByTestId('save-shared').click();
		await other.getByText(/storage for this site is full/).waitFor();
	});
});

describe('offline', () => {
	test('after one visit the site opens offline with history and comparisons', async () => {
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		const result = await realResult();
		await goto(page, '/history/');
		await seedRecords(page, [
			{ recordVersion: 1, id: 'off-a', savedAt: new Date().toISOString(), origin: 'local', result },
			{ recordVersion: 1, id: 'off-b', savedAt: new Date().toISOString(), origin: 'local', result }
		]);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.reload();
		expect(await page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);

		await device.setOffline(true);
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
		await goto(page, '/compare/?a=off-a&b=off-b');
		await page.getByTestId('comparison-summary').waitFor();
		// Not visited, the check page is not stored (precache budget, src/service-worker.ts):
		// offline it opens history, which says a check needs a network.
		await goto(page, '/check/?products=all');
		expect(new URL(page.url()).pathname).toBe('/history/');
		await page.getByTestId('offline-notice').waitFor();
		await device.setOffline(false);
	});

	test('the check page opens offline and says a check needs a network', async () => {
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await goto(page, '/check/?products=all');
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await device.setOffline(true);
		const response = await goto(page, '/check/?products=all');
		expect(response?.fromServiceWorker()).toBe(true);
		// Needs OfflineNotice ($lib/components/history/OfflineNotice.svelte) on the check page.
		await page.getByTestId('offline-notice').waitFor({ timeout: 5_000 });
		await device.setOffline(false);
	});
});
