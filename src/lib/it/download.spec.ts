/**
 * downloadText in real headless Chromium: the Blob + object URL + download link must produce a
 * file with exactly the bytes generated (UTF-8, the PowerShell byte-order mark kept).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { downloadText } from './download';
import { BOM } from '$lib/csv';

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('downloadText in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		});
	}, 30_000);
	afterAll(async () => {
		await browser?.close();
	});

	it('saves the exact text under the given name', async () => {
		const page = await browser.newPage({ acceptDownloads: true });
		await page.setContent('<!doctype html><title>t</title><body></body>');
		const content = `${BOM}Write-Output 'PASS — ok'\r\n# “quoted” ‘text’ €\r\n`;
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.evaluate(
				({ source, content }) => {
					const fn = new Function(`return (${source})`)() as (
						n: string,
						c: string,
						m: string
					) => void;
					fn('netready-x-check-network.ps1', content, 'text/plain');
				},
				{ source: downloadText.toString(), content }
			)
		]);
		expect(download.suggestedFilename()).toBe('netready-x-check-network.ps1');
		const path = await download.path();
		const bytes = readFileSync(path);
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(bytes.toString('utf8')).toBe(content);
		expect(await page.locator('a').count()).toBe(0);
		await page.close();
	}, 30_000);
});
