/**
 * The result as each reader meets it, in real Chromium at phone (390×844) and desktop (1280×800)
 * sizes, after a real check on a network that blocks UDP (some products degraded, some not ready):
 * one answer with the cause and the action beside it, a grid, no vendor table text or risk boxes
 * in the plain view, no sideways scrolling, IT's table and filter, home advice for a patient, a
 * link for IT that opens in IT's view, and the printed report.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { currentBrowser, currentLab, startLab, stopLab } from '../support/browser';

const SIZES = {
	phone: { width: 390, height: 844 },
	desktop: { width: 1280, height: 800 }
} as const;

beforeAll(async () => {
	await startLab('udp-blocked');
});
afterAll(async () => {
	await stopLab();
});

async function finishedCheck(
	size: keyof typeof SIZES,
	path = '/check/?products=all'
): Promise<Page> {
	const context = await currentBrowser().newContext({ viewport: SIZES[size] });
	const page = await context.newPage();
	await page.goto(currentLab().url(path), { waitUntil: 'load' });
	await page.getByTestId('start-check').click();
	await page.getByTestId('check-done').waitFor({ timeout: 30_000 });
	return page;
}

const noSidewaysScroll = (page: Page) =>
	page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

for (const size of ['phone', 'desktop'] as const)
	describe(`at ${size} size`, () => {
		test('one answer with the cause and the action beside it, then a grid', async () => {
			const page = await finishedCheck(size);
			try {
				const answer = page.getByTestId('overall-answer');
				expect(await answer.getAttribute('data-kind')).toBe('not-ready');
				const headline = (await page.getByTestId('overall-headline').textContent())!.trim();
				expect(headline).toMatch(/^\d+ of 13 will not work on this network: /);
				expect(await page.title()).toContain(headline);
				expect(await page.getByTestId('cause-udp-blocked').textContent()).toMatch(/UDP/);

				// The action is on the first screen after the verdict.
				const top = (await page.getByTestId('overall-headline').boundingBox())!.y;
				const share = (await page.getByTestId('copy-link-for-it').boundingBox())!;
				expect(share.y + share.height - top).toBeLessThan(SIZES[size].height);

				const rows = page.locator('[data-testid^="grid-"]');
				expect(await rows.count()).toBe(13);
				for (const text of await rows.allTextContents())
					expect(text).toMatch(/[✓⚠✗?]\s*(Ready|Works with limits|Not ready|Could not tell)/);
				expect(await noSidewaysScroll(page)).toBe(true);
			} finally {
				await page.context().close();
			}
		});

		test('the plain view has no vendor table text and no security-risk boxes', async () => {
			const page = await finishedCheck(size);
			try {
				const plain = (await page.locator('[data-testid="check-done"]').textContent())!;
				// Footnote markers stuck to a word ("DMS2)", "servers4)"), and the table's asides.
				expect(plain).not.toMatch(/[A-Za-z]\d\)|Reduces number of ports/);
				expect(plain).not.toContain('Security risk');
				expect(plain).not.toContain('cdn.polyfill.io');
			} finally {
				await page.context().close();
			}
		});

		test('IT’s view: what the network does, risks, the rule table with counts and a filter', async () => {
			const page = await finishedCheck(size);
			try {
				await page.getByTestId('view-it').click();
				await page.getByTestId('it-rule-table').waitFor();
				expect(await page.getByTestId('it-cause-udp-blocked').textContent()).toMatch(
					/Shown: UDP blocked/
				);
				expect(await page.locator('.it').textContent()).toContain('cdn.polyfill.io');
				const counts = (await page.getByTestId('it-counts').textContent())!;
				const needAction = Number(/(\d+) need action/.exec(counts)![1]);
				expect(needAction).toBeGreaterThan(0);
				const all = await page.locator('[data-testid^="it-rule-"][data-status]').count();
				await page.getByTestId('it-action-only').check();
				const shown = page.locator('[data-testid^="it-rule-"][data-status]');
				await expect.poll(() => shown.count()).toBe(needAction);
				expect(needAction).toBeLessThan(all);
				for (const s of await shown.evaluateAll((rows) =>
					rows.map((r) => r.getAttribute('data-status'))
				))
					expect(['failed', 'partial', 'inferred']).toContain(s);
				expect(await noSidewaysScroll(page)).toBe(true);
			} finally {
				await page.context().close();
			}
		});
	});

test('a patient on a home network gets home advice, not "send it to IT"', async () => {
	const page = await finishedCheck(
		'phone',
		'/check/?products=accurx-vc-patient,amwell-home&reader=patient'
	);
	try {
		const advice = page.getByTestId('home-advice');
		expect(await advice.textContent()).toMatch(
			/Restart your router.*mobile data.*contact your GP practice/s
		);
		expect(await page.getByTestId('share-with-it').count()).toBe(0);
		expect(await page.locator('[data-testid="check-done"]').textContent()).not.toContain(
			'Send this result to your IT team'
		);
	} finally {
		await page.context().close();
	}
});

test('the link for IT opens in IT’s view', async () => {
	const page = await finishedCheck('desktop');
	try {
		await page.getByTestId('copy-link-for-it').click();
		const link = await page.getByTestId('link-for-it').inputValue();
		expect(link).toMatch(/\/shared\/#r=2\.[\w-]+&view=it$/);
		expect(link.length).toBeLessThanOrEqual(2000);
		await page.goto(link);
		await page.getByTestId('it-rule-table').waitFor({ timeout: 15_000 });
		expect(await page.getByTestId('view-it').getAttribute('aria-pressed')).toBe('true');
	} finally {
		await page.context().close();
	}
});

test('printing the check page gives the report, with a header and without the buttons', async () => {
	const page = await finishedCheck('desktop');
	try {
		await page.emulateMedia({ media: 'print' });
		const report = page.getByTestId('print-report');
		expect(await report.isVisible()).toBe(true);
		expect(await report.textContent()).toMatch(/netready · network check report/);
		expect(await report.textContent()).not.toMatch(/netready \d{10,}/);
		expect(await page.getByTestId('start-check').isVisible()).toBe(false);
		expect(await page.getByTestId('copy-link-for-it').isVisible()).toBe(false);
	} finally {
		await page.context().close();
	}
});
