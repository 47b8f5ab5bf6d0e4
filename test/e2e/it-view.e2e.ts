/**
 * IT's view of a real check of all 13 products on a network that blocks UDP (udp-blocked), in
 * real Chromium at phone (390×844) and desktop (1280×800) size: the rule table with its counts and
 * filter, links that land on the requirement's card, copy buttons that put the command in the
 * clipboard, the three "rules to open" downloads (the CSV parses, nft -c accepts the snippet, the
 * ticket names a failed rule and its port), no sideways scrolling in either colour scheme, and axe.
 * NETREADY_SHOTS=<dir> also writes screenshots of IT's view there.
 */
import { readFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { axeViolations } from '../support/axe';
import { currentBrowser, currentLab, startLab, stopLab } from '../support/browser';
import { nftCheck } from '../fixtures/it/syntax-check';

const SIZES = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 800 }
} as const;

const SHOTS = process.env.NETREADY_SHOTS;

beforeAll(async () => {
	await startLab('udp-blocked');
}, 180_000);
afterAll(async () => {
	await stopLab();
});

/** A finished check of all products, IT's view open, in a context that may use the clipboard. */
async function itView(size: keyof typeof SIZES): Promise<Page> {
	const context = await currentBrowser().newContext({
		viewport: SIZES[size],
		acceptDownloads: true
	});
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: new URL(currentLab().url('/')).origin
	});
	const page = await context.newPage();
	await page.goto(currentLab().url('/check/?products=all'), { waitUntil: 'load' });
	await page.getByTestId('start-check').click();
	await page.getByTestId('check-done').waitFor({ timeout: 30_000 });
	await page.getByTestId('view-it').click();
	await page.getByTestId('it-rule-table').waitFor();
	return page;
}

/** The page does not scroll sideways; when it does, the elements that stick out say where. */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
	const { scrollWidth, width, wide } = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		width: window.innerWidth,
		wide: [
			`scrollX ${window.scrollX}, body ${document.body.scrollWidth}`,
			// the innermost elements whose content runs past their own box and past the screen
			...[...document.querySelectorAll('body *')]
				.filter((e) => {
					const r = e.getBoundingClientRect();
					return (
						e.scrollWidth > e.clientWidth + 1 &&
						r.left + e.scrollWidth > window.innerWidth + 1 &&
						getComputedStyle(e).overflowX === 'visible'
					);
				})
				.filter((e, _, all) => !all.some((o) => o !== e && e.contains(o)))
				.slice(0, 8)
				.map(
					(e) =>
						`${e.tagName.toLowerCase()}.${e.className} ${e.clientWidth}px holds ${e.scrollWidth}px: ${(e.textContent ?? '').slice(0, 80)}`
				)
		]
	}));
	expect(scrollWidth, wide.join('\n')).toBeLessThanOrEqual(width);
}

const openAllDetails = (page: Page) =>
	page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));

const rows = (page: Page) => page.locator('[data-testid^="it-rule-"][data-status]');

async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
	const [file] = await Promise.all([
		page.waitForEvent('download'),
		page.getByTestId(testid).click()
	]);
	const path = await file.path();
	return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

for (const size of ['phone', 'desktop'] as const)
	describe(`IT’s view at ${size} size`, () => {
		let page: Page;
		beforeAll(async () => {
			page = await itView(size);
		}, 90_000);
		afterAll(async () => {
			await page?.context().close();
		});

		test('the rule table: every column, counts that match the rows, the filter', async () => {
			const headers = await page.getByTestId('it-rule-table').locator('thead th').allTextContents();
			expect(headers.map((h) => h.trim())).toEqual([
				'Rule',
				'Product',
				'Level',
				'Status',
				'Destination',
				'Protocol and port',
				'What to open'
			]);
			// each rule's evidence is one line under it, across the table
			const evidence = page.locator('[data-testid="it-rule-table"] tr.evidence');
			expect(await evidence.count()).toBe(await rows(page).count());
			for (const line of (await evidence.allTextContents()).slice(0, 20))
				expect(line).toMatch(/^Evidence:? \S/);
			const counts = (await page.getByTestId('it-counts').textContent())!;
			const total = Number(/^(\d+) rules/.exec(counts.trim())![1]);
			const needAction = Number(/(\d+) need action/.exec(counts)![1]);
			const failed = Number(/(\d+) failed/.exec(counts)![1]);
			expect(await rows(page).count()).toBe(total);
			expect(needAction).toBeGreaterThan(0);
			expect(needAction).toBeLessThan(total);
			const statuses = await rows(page).evaluateAll((r) =>
				r.map((x) => x.getAttribute('data-status'))
			);
			expect(statuses.filter((s) => s === 'failed')).toHaveLength(failed);

			await page.getByTestId('it-action-only').check();
			await expect.poll(() => rows(page).count()).toBe(needAction);
			expect(await page.getByTestId('it-shown').textContent()).toContain(
				`Showing ${needAction} of ${total} rules`
			);
			for (const s of await rows(page).evaluateAll((r) =>
				r.map((x) => x.getAttribute('data-status'))
			))
				expect(['failed', 'partial', 'inferred']).toContain(s);
			for (const text of await rows(page)
				.locator('td[data-label="What to open"]')
				.allTextContents())
				expect(text).toMatch(/^Open /);
			await page.getByTestId('it-action-only').uncheck();
			await expect.poll(() => rows(page).count()).toBe(total);
		});

		test('a rule’s link lands on its card, which is opened and in view', async () => {
			const row = rows(page).first();
			const id = (await row.getAttribute('id'))!.replace(/^rule-/, '');
			expect(await row.getAttribute('data-testid')).toBe(`it-rule-${id}`);
			await row.locator(`a[href="#req-${id}"]`).click();
			await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#req-${id}`);
			const card = page.getByTestId(`requirement-${id}`);
			expect(await card.isVisible()).toBe(true);
			const box = (await card.boundingBox())!;
			expect(box.y).toBeGreaterThanOrEqual(-1);
			expect(box.y).toBeLessThan(SIZES[size].height);
			// and back to the table
			await card.getByRole('link', { name: 'back to the rule table' }).click();
			await expect.poll(() => page.evaluate(() => location.hash)).toBe('#it-rules');
		});

		test('copy buttons put the command block, and the ticket, in the clipboard', async () => {
			await openAllDetails(page);
			const buttons = page.locator(
				'[data-testid^="copy-posix-"], [data-testid^="copy-powershell-"]'
			);
			expect(await buttons.count()).toBeGreaterThan(1);
			// every command block has its button
			expect(await buttons.count()).toBe(
				await page.locator('[data-testid^="requirement-"] details pre').count()
			);
			for (const which of [buttons.first(), buttons.last()]) {
				await which.scrollIntoViewIfNeeded();
				await which.click();
				const block = which.locator('xpath=ancestor::p[1]/following-sibling::pre[1]');
				const expected = (await block.textContent())!;
				await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(expected);
				expect(expected).toMatch(/\S/);
				expect(
					await which.locator('xpath=following-sibling::*[@role="status"]').textContent()
				).toBe('Copied');
			}
			await page.getByTestId('copy-ticket').click();
			await expect
				.poll(() => page.evaluate(() => navigator.clipboard.readText()))
				.toMatch(/^Network change request: open \d+ rules? for 13 products\n/);
		});

		test('the three downloads: a CSV with BOM that parses, an nft snippet nft accepts, a ticket', async () => {
			const counts = (await page.getByTestId('it-counts').textContent())!;
			const needAction = Number(/(\d+) need action/.exec(counts)![1]);
			expect(await page.getByTestId('rules-to-open-count').textContent()).toMatch(
				new RegExp(`for ${needAction}\\s+rules`)
			);

			const csv = await download(page, 'open-csv');
			expect(csv.name).toMatch(/^netready-\d{4}-\d\d-\d\dT\d{4}-rules-to-open\.csv$/);
			expect(csv.text.charCodeAt(0)).toBe(0xfeff);
			const records = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[];
			expect(records.length).toBeGreaterThan(needAction - 1);
			expect(new Set(records.map((r) => r.requirement_id)).size).toBe(needAction);
			// a rule seen to fail (failed, or partly passed) with its port
			const seenToFail = (r: Record<string, string>) =>
				(r.status === 'failed' || r.status === 'partial') && r.action === 'open' && !!r.ports;
			const failed =
				records.find((r) => r.status === 'failed' && seenToFail(r)) ?? records.find(seenToFail)!;
			expect(failed).toBeDefined();
			// a security-risk host is never an entry to open
			for (const r of records.filter((x) => x.destination?.includes('polyfill')))
				expect(r.action).toBe('do-not-open');

			const nft = await download(page, 'open-nft');
			expect(nft.name).toMatch(/-rules-to-open\.nft$/);
			expect(nft.text).toMatch(/^#!\/usr\/sbin\/nft -f\n# RULES TO OPEN/);
			const verdict = nftCheck(nft.text);
			expect(verdict.ran, verdict.ran ? '' : verdict.why).toBe(true);
			if (verdict.ran) expect(verdict.ok, verdict.output).toBe(true);
			expect(nft.text).not.toMatch(/^[^#]*polyfill/m);

			const ticket = await download(page, 'open-ticket');
			expect(ticket.name).toMatch(/-rules-to-open\.txt$/);
			expect(ticket.text).toContain(`[${failed.requirement_id}]`);
			expect(ticket.text).toContain(`${failed.protocol!.toUpperCase()} ${failed.ports} → `);
			expect(ticket.text).toMatch(/The result: https?:\/\/\S+\/shared\/#r=2\.[\w-]+&view=it/);
			expect(ticket.text).not.toMatch(/Open: .*polyfill/);
		});

		test('where the browser refuses the clipboard, the block is selected and Ctrl+C named', async () => {
			// The browser's own permission, denied (not a stand-in for the clipboard API).
			const cdp = await currentBrowser().newBrowserCDPSession();
			const origin = new URL(currentLab().url('/')).origin;
			const pageSession = await page.context().newCDPSession(page);
			const { targetInfo } = await pageSession.send('Target.getTargetInfo');
			await pageSession.detach();
			await page.context().clearPermissions();
			await cdp.send('Browser.setPermission', {
				permission: { name: 'clipboard-write' },
				setting: 'denied',
				origin,
				browserContextId: targetInfo.browserContextId
			});
			try {
				await openAllDetails(page);
				const button = page.locator('[data-testid^="copy-posix-"]').first();
				await button.scrollIntoViewIfNeeded();
				await button.click();
				const status = button.locator('xpath=following-sibling::*[@role="status"]');
				await expect.poll(() => status.textContent()).toMatch(/press Ctrl\+C/);
				const block = button.locator('xpath=ancestor::p[1]/following-sibling::pre[1]');
				expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(
					await block.textContent()
				);
			} finally {
				await cdp.send('Browser.resetPermissions', {
					browserContextId: targetInfo.browserContextId
				});
				await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
				await cdp.detach();
			}
		});

		for (const colorScheme of ['light', 'dark'] as const)
			test(`no sideways scrolling and axe clean in ${colorScheme} mode`, async () => {
				await page.emulateMedia({ colorScheme });
				await openAllDetails(page);
				await expectNoSidewaysScroll(page);
				await page.getByTestId('it-action-only').check();
				await expectNoSidewaysScroll(page);
				await page.getByTestId('it-action-only').uncheck();
				expect(await axeViolations(page)).toEqual([]);
				if (SHOTS) {
					mkdirSync(SHOTS, { recursive: true });
					await page.evaluate(() =>
						document.querySelectorAll('details').forEach((d) => (d.open = false))
					);
					await page.locator('#it-network').scrollIntoViewIfNeeded();
					await page.screenshot({ path: join(SHOTS, `it-${size}-${colorScheme}.png`) });
					await page.locator('#it-rules').scrollIntoViewIfNeeded();
					await page.screenshot({ path: join(SHOTS, `it-table-${size}-${colorScheme}.png`) });
					await page.screenshot({
						path: join(SHOTS, `it-full-${size}-${colorScheme}.png`),
						fullPage: true
					});
					// a card with its commands and copy buttons, and the ticket text
					const copy = page.locator('[data-testid^="copy-posix-"]').first();
					await copy.evaluate((b) => {
						for (let d = b.closest('details'); d; d = d.parentElement?.closest('details') ?? null)
							d.open = true;
					});
					await copy.evaluate((b) => b.closest('article')?.scrollIntoView());
					await page.screenshot({ path: join(SHOTS, `it-card-${size}-${colorScheme}.png`) });
					await page.locator('[data-testid="rules-to-open"] details').evaluate((d) => {
						(d as HTMLDetailsElement).open = true;
					});
					await page.locator('#it-open').scrollIntoViewIfNeeded();
					await page.locator('#it-open').evaluate((h) => h.scrollIntoView());
					await page.screenshot({ path: join(SHOTS, `it-open-${size}-${colorScheme}.png`) });
				}
			});
	});

test('a check where nothing needs opening shows the empty state', async () => {
	await startLab('open');
	const context = await currentBrowser().newContext({ viewport: SIZES.phone });
	const page = await context.newPage();
	try {
		await page.goto(currentLab().url('/check/?products=accurx-vc-patient'), { waitUntil: 'load' });
		await page.getByTestId('start-check').click();
		await page.getByTestId('check-done').waitFor({ timeout: 30_000 });
		await page.getByTestId('view-it').click();
		await page.getByTestId('it-rule-table').waitFor();
		const counts = (await page.getByTestId('it-counts').textContent())!;
		expect(counts).toContain('0 need action');
		expect(await page.getByTestId('rules-to-open-empty').textContent()).toMatch(/Nothing to open/);
		expect(await page.getByTestId('open-csv').count()).toBe(0);
	} finally {
		await context.close();
	}
}, 90_000);
