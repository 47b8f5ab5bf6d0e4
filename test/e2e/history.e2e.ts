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
import { VERDICT_MARKS } from '../../src/lib/result/summary-words';
import type { Verdict } from '../../src/lib/result/result';

/** The words beside each mark, as a reader sees them (never the colour alone). */
const VERDICT_WORDS: Record<Verdict, string> = {
	ready: 'Ready',
	degraded: 'Works with limits',
	'not-ready': 'Not ready',
	unknown: 'Could not tell'
};
const PRODUCT_NAMES: Record<string, string> = {
	'accurx-vc-patient': 'Accurx Video Consultation (patient)',
	'emis-web': 'EMIS Web'
};
const SIZES = [
	{ width: 390, height: 844 },
	{ width: 1280, height: 800 }
] as const;

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

type LabResult = Record<string, unknown> & {
	products: string[];
	startedAt: string;
	verdicts: Record<string, { verdict: Verdict }>;
	requirements: Record<string, { status: string; inferredOutcome?: string; probes: string[] }>;
};
const cachedResults = new Map<string, LabResult>();

/**
 * A real result from this lab: a check run on a throwaway device (so it leaves nothing in the
 * history of the device under test), downloaded as JSON. One check per product set and network
 * profile serves every test.
 */
async function realResult(products = PRODUCTS, profile = 'open'): Promise<LabResult> {
	const key = `${products.join(',')}@${profile}`;
	const cached = cachedResults.get(key);
	if (cached) return structuredClone(cached);
	const device = await openDevice(newDevice());
	if (profile !== 'open') await currentLab().applyProfile(profile);
	try {
		const page = await device.newPage();
		await goto(page, `/check/?products=${products.join(',')}`);
		await page.getByTestId('start-check').click();
		await page.getByTestId('check-done').waitFor({ state: 'attached', timeout: 60_000 });
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('export-json').click()
		]);
		const { readFile } = await import('node:fs/promises');
		const result = JSON.parse(await readFile((await download.path())!, 'utf8')) as LabResult;
		cachedResults.set(key, result);
		return structuredClone(result);
	} finally {
		if (profile !== 'open') await currentLab().applyProfile('open');
		await closeDevice(device);
	}
}

/** A history record of the current layout around a result. */
function record(id: string, result: LabResult, label?: string) {
	return {
		recordVersion: 2,
		id,
		savedAt: new Date().toISOString(),
		origin: 'local',
		...(label ? { label } : {}),
		result
	};
}

/** Whether the page scrolls sideways (it must not, at any size). */
const scrollsSideways = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

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
		// One saved run, whose views load on demand: they must come from the offline copy too.
		await goto(page, '/history/?run=off-a');
		await page.getByTestId('run-actions').waitFor();
		await page.getByTestId('print-report').waitFor({ state: 'attached' });
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

describe('history rows, compare and print (issue 13)', () => {
	test('rows show the place, the answer and each product as a mark with words, at phone and desktop size', async () => {
		const one = await realResult();
		const two = await realResult(['accurx-vc-patient', 'emis-web']);
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await goto(page, '/history/');
		await seedRecords(page, [record('named', one, 'Clinic room 3'), record('unnamed', two)]);
		for (const size of SIZES) {
			await page.setViewportSize(size);
			await page.reload();
			const rows = page.getByTestId('history-run');
			await expect.poll(() => rows.count()).toBe(2);
			const named = page.locator('[data-run-id="named"]');
			const unnamed = page.locator('[data-run-id="unnamed"]');
			expect(await named.getByTestId('open-run').innerText()).toBe('Clinic room 3');
			const title = await unnamed.getByTestId('open-run').innerText();
			expect(title).toBe(
				`Check of ${PRODUCT_NAMES['accurx-vc-patient']} and ${PRODUCT_NAMES['emis-web']}`
			);
			expect(await page.getByTestId('history-list').innerText()).not.toContain('Unnamed check');
			for (const [row, result] of [
				[named, one],
				[unnamed, two]
			] as const) {
				const verdicts = row.getByTestId('run-verdicts');
				for (const id of result.products) {
					const verdict = result.verdicts[id]!.verdict;
					const item = verdicts.locator(`li`, { hasText: PRODUCT_NAMES[id]! });
					expect(await item.getAttribute('data-verdict')).toBe(verdict);
					// The mark and the words, never the colour alone.
					expect((await item.innerText()).replace(/\s+/g, ' ').trim()).toBe(
						`${VERDICT_MARKS[verdict]} ${PRODUCT_NAMES[id]}: ${VERDICT_WORDS[verdict]}`
					);
				}
				const answer = (await row.getByTestId('run-answer').innerText()).trim();
				expect(answer).toMatch(
					new RegExp(
						`^[${Object.values(VERDICT_MARKS).join('')}] (${Object.values(VERDICT_WORDS).join('|')}):`
					)
				);
				const box = await row.getByTestId('compare-pick').boundingBox();
				expect(box!.width).toBeGreaterThanOrEqual(24);
				expect(box!.height).toBeGreaterThanOrEqual(24);
			}
			expect(await scrollsSideways(page), `no sideways scroll at ${size.width} px`).toBe(false);
		}
	});

	test('the check page asks where the check was run, and history shows it', async () => {
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await runCheck(page);
		await expect(page.locator('label[for="run-label"]').innerText()).resolves.toMatch(
			/^Where was this check run\?/
		);
		expect(await page.getByTestId('run-label').getAttribute('placeholder')).toContain(
			'Clinic room 3, Home Wi-Fi'
		);
		await page.getByTestId('run-label').fill('Home Wi-Fi');
		await page.getByRole('button', { name: 'Save name' }).click();
		await page.getByText('Name saved.').waitFor();
		// The printed report of the check page carries it too.
		await page.getByTestId('print-report').waitFor({ state: 'attached' });
		await expect(page.getByTestId('print-facts').textContent()).resolves.toContain('Home Wi-Fi');
		await goto(page, '/history/');
		await expect(page.getByTestId('open-run').first().innerText()).resolves.toBe('Home Wi-Fi');
	});

	test('compare says which products only one run checked, compares the rest, and names the sides apart', async () => {
		const one = await realResult();
		const two = await realResult(['accurx-vc-patient', 'emis-web']);
		// Both unnamed and started in the same minute: their names must still differ.
		const minute = Math.floor(Date.parse(one.startedAt) / 60_000) * 60_000;
		one.startedAt = new Date(minute + 10_000).toISOString();
		two.startedAt = new Date(minute + 40_000).toISOString();
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await goto(page, '/history/');
		await seedRecords(page, [record('one', one), record('two', two)]);
		for (const size of SIZES) {
			await page.setViewportSize(size);
			await goto(page, '/compare/?a=one&b=two');
			const note = page.getByTestId('compare-product-sets');
			await note.waitFor();
			expect(await note.innerText()).toContain(
				`only the later checked ${PRODUCT_NAMES['emis-web']}`
			);
			expect(await page.getByTestId('compare-emis-web').count()).toBe(0);
			const names = await page.getByTestId('comparison-summary').locator('strong').allInnerTexts();
			expect(names).toHaveLength(2);
			expect(names[0]).not.toBe(names[1]);
			expect(names[0]).toMatch(/earlier/);
			expect(await scrollsSideways(page), `no sideways scroll at ${size.width} px`).toBe(false);
		}
	});

	test('a change of inference reads plainly, not as "(inference: — → blocked)"', async () => {
		const before = await realResult();
		const [id] = Object.entries(before.requirements).find(([, r]) => r.status === 'inferred') ?? [];
		expect(id, 'the Accurx patient check has an inferred rule').toBeDefined();
		before.requirements[id!]!.inferredOutcome = 'open';
		const after = structuredClone(before);
		after.requirements[id!]!.inferredOutcome = 'blocked';
		after.startedAt = new Date(Date.parse(before.startedAt) + 3_600_000).toISOString();
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await goto(page, '/history/');
		await seedRecords(page, [record('before', before, 'Ward 3'), record('after', after, 'Ward 3')]);
		await goto(page, '/compare/?a=before&b=after');
		const change = page.locator(`[data-testid="change"][data-requirement="${id}"]`);
		await change.waitFor();
		expect(await change.getByTestId('change-text').innerText()).toBe(
			'Inferred blocked (before: open)'
		);
		const text = await page.getByTestId('comparison').innerText();
		expect(text).not.toMatch(/inference:|— →|→ —/);
	});

	test('one printed report with a header, the failed rules and no buttons, on history and the check page', async () => {
		// A network that refuses everything: every tested rule fails, fast.
		const blocked = await realResult(PRODUCTS, 'all-rejected');
		const failed = Object.entries(blocked.requirements).filter(([, r]) => r.status === 'failed');
		expect(
			failed.length,
			'a refusing network fails a rule of the Accurx patient check'
		).toBeGreaterThan(0);
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await goto(page, '/history/');
		await seedRecords(page, [record('printed', blocked, 'Clinic room 3')]);
		await goto(page, '/history/?run=printed');
		await page.getByTestId('run-actions').waitFor();
		await page.emulateMedia({ media: 'print' });
		const report = page.getByTestId('print-report');
		await report.waitFor({ state: 'visible' });
		const text = await report.innerText();
		expect(text).toContain('netready report: Clinic room 3');
		const facts = await page.getByTestId('print-facts').innerText();
		expect(facts).toContain(PRODUCT_NAMES['accurx-vc-patient']);
		expect(facts).toMatch(/Where\s+Clinic room 3/);
		expect(facts).toMatch(/Browser\s+Chrome/);
		expect(facts).toMatch(/Requirements data\s+version \d{4}-\d\d-\d\d/);
		const verdict = blocked.verdicts['accurx-vc-patient']!.verdict;
		expect(await page.getByTestId('print-answer').innerText()).toContain(
			`${VERDICT_MARKS[verdict]} ${VERDICT_WORDS[verdict]}:`
		);
		// Kit's build timestamp is not a version a reader can use.
		expect(text).not.toMatch(/netready \d{9,}/);
		// Every failed rule, with what to open.
		for (const [id] of failed) {
			const row = page.getByTestId('print-attention').locator(`tr[data-requirement="${id}"]`);
			expect(await row.locator('td.open').innerText()).toMatch(/(TCP|UDP) \d+/);
		}
		expect(await page.locator('button:visible').count()).toBe(0);
		expect(await page.locator('nav:visible, [data-testid="run-actions"]:visible').count()).toBe(0);
		// Product and requirement names wrap between words, never inside one (host lists may break).
		const brokenWords = await page
			.locator('.print-report td:not(.open):not(.why)')
			.evaluateAll((cells) =>
				cells.flatMap((cell) => {
					const node = cell.firstChild;
					if (!node || node.nodeType !== Node.TEXT_NODE) return [];
					const out: string[] = [];
					const re = /\S+/g;
					for (let m = re.exec(node.textContent!); m; m = re.exec(node.textContent!)) {
						const range = document.createRange();
						range.setStart(node, m.index);
						range.setEnd(node, m.index + m[0].length);
						if (range.getClientRects().length > 1) out.push(m[0]);
					}
					return out;
				})
			);
		expect(brokenWords).toEqual([]);
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

		// The check page prints the same report, not its buttons.
		await page.emulateMedia({ media: 'screen' });
		await runCheck(page);
		await page.getByTestId('print-report').waitFor({ state: 'attached' });
		await page.emulateMedia({ media: 'print' });
		await page.getByTestId('print-report').waitFor({ state: 'visible' });
		expect(await page.getByTestId('print-facts').innerText()).toContain(
			PRODUCT_NAMES['accurx-vc-patient']
		);
		expect(await page.locator('button:visible').count()).toBe(0);
		await page.emulateMedia({ media: 'screen' });
	});

	test("a saved run's IT downloads are named after the place it was run", async () => {
		const blocked = await realResult(PRODUCTS, 'all-rejected');
		const device = await openDevice(newDevice());
		const page = await device.newPage();
		await goto(page, '/history/');
		await seedRecords(page, [record('named', blocked, 'Clinic room 3')]);
		await goto(page, '/history/?run=named');
		await page.getByTestId('view-it').click();
		await page.getByTestId('rules-to-open').waitFor();
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.getByTestId('open-csv').click()
		]);
		expect(download.suggestedFilename()).toMatch(
			/^netready-\d{4}-.*-clinic-room-3-rules-to-open\.csv$/
		);
	});
});
