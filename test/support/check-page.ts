/**
 * Drives the check page through its test contract: button[data-testid=start-check] starts the check,
 * [data-testid=check-done] appears when it ends, button[data-testid=export-json] downloads the
 * CheckResult JSON (src/lib/check/result.ts).
 */
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
// The downloaded JSON: the result's facts with the words written beside them at download time.
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import { openPage } from './browser';

export interface CheckRun {
	result: CheckResult;
	/** ms from the click on start-check to check-done appearing, measured inside the page */
	pressToVerdictMs: number;
	/** finishedAt - startedAt from the exported JSON */
	resultDurationMs: number;
	/** navigator.onLine on the check page just before start-check was pressed */
	onLineBeforeCheck: boolean;
	page: Page;
}

export function checkPath(productIds: readonly string[] | 'all'): string {
	return `/check/?products=${productIds === 'all' ? 'all' : productIds.join(',')}`;
}

/** Opens the check page, presses start, waits for the verdict and downloads the exported JSON. */
export async function runCheckInPage(
	productIds: readonly string[] | 'all',
	options: { timeoutMs?: number; subPath?: boolean } = {}
): Promise<CheckRun> {
	const page = await openPage(checkPath(productIds), { subPath: options.subPath });
	const start = page.getByTestId('start-check');
	await start.waitFor({ state: 'visible', timeout: 15_000 });
	// Timestamps taken in the page: the click as the page sees it, and the first frame check-done exists.
	await page.evaluate(() => {
		const w = window as unknown as { __nrLab: { pressed?: number; done?: number } };
		w.__nrLab = {};
		document.addEventListener(
			'click',
			(e) => {
				const target = e.target as Element | null;
				if (target?.closest('[data-testid="start-check"]') && w.__nrLab.pressed === undefined) {
					w.__nrLab.pressed = performance.now();
				}
			},
			{ capture: true }
		);
		const seen = () => {
			if (w.__nrLab.done === undefined && document.querySelector('[data-testid="check-done"]')) {
				w.__nrLab.done = performance.now();
				observer.disconnect();
			}
		};
		const observer = new MutationObserver(seen);
		observer.observe(document.documentElement, {
			childList: true,
			subtree: true,
			attributes: true
		});
	});
	const onLineBeforeCheck = await page.evaluate(() => navigator.onLine);
	await start.click();
	await page
		.getByTestId('check-done')
		.waitFor({ state: 'attached', timeout: options.timeoutMs ?? 60_000 });
	const times = await page.evaluate(
		() => (window as unknown as { __nrLab: { pressed?: number; done?: number } }).__nrLab
	);
	if (times.pressed === undefined || times.done === undefined) {
		throw new Error(
			`check page: could not time the check (pressed=${times.pressed}, done=${times.done})`
		);
	}
	const result = await exportResult(page);
	return {
		result,
		pressToVerdictMs: times.done - times.pressed,
		onLineBeforeCheck,
		resultDurationMs: Date.parse(result.finishedAt) - Date.parse(result.startedAt),
		page
	};
}

/** Clicks export-json and parses the download. */
export async function exportResult(page: Page): Promise<CheckResult> {
	const [download] = await Promise.all([
		page.waitForEvent('download', { timeout: 15_000 }),
		page.getByTestId('export-json').click()
	]);
	const path = await download.path();
	const text = await readFile(path, 'utf8');
	try {
		return JSON.parse(text) as CheckResult;
	} catch (error) {
		throw new Error(
			`export-json did not download JSON (${download.suggestedFilename()}): ${(error as Error).message}`,
			{ cause: error }
		);
	}
}
