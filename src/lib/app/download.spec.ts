/**
 * downloadText: the charset rule with a recording host, then in real headless Chromium, where the
 * Blob + object URL + download link must produce a file with exactly the bytes generated.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { downloadText, type DownloadHost } from './download';

/** A host that records what a browser would be asked to do. */
function recordingHost() {
	const blobs: Blob[] = [];
	const revoked: string[] = [];
	const clicks: { href: string; download: string }[] = [];
	const attached = new Set<object>();
	const host = {
		URL: {
			createObjectURL: (blob: Blob) => {
				blobs.push(blob);
				return `blob:test/${blobs.length}`;
			},
			revokeObjectURL: (url: string) => void revoked.push(url)
		},
		document: {
			createElement: () => {
				const link = {
					href: '',
					download: '',
					rel: '',
					style: {} as CSSStyleDeclaration,
					click: () => clicks.push({ href: link.href, download: link.download }),
					remove: () => void attached.delete(link)
				};
				return link;
			},
			body: { append: (link: object) => void attached.add(link) }
		}
	} as unknown as DownloadHost;
	return { host, blobs, revoked, clicks, attached };
}

describe('downloadText', () => {
	it('adds UTF-8 unless a charset is given, clicks once, leaves nothing behind', async () => {
		vi.useFakeTimers();
		try {
			const rec = recordingHost();
			downloadText('a.csv', 'x,y\r\n', 'text/csv', rec.host);
			downloadText('b.json', '{}', 'application/json;charset=utf-8', rec.host);
			expect(rec.blobs.map((b) => b.type)).toEqual([
				'text/csv;charset=utf-8',
				'application/json;charset=utf-8'
			]);
			expect(await rec.blobs[0]!.text()).toBe('x,y\r\n');
			expect(rec.clicks).toEqual([
				{ href: 'blob:test/1', download: 'a.csv' },
				{ href: 'blob:test/2', download: 'b.json' }
			]);
			expect(rec.attached.size).toBe(0);
			// The object URL outlives the click, then is let go.
			expect(rec.revoked).toEqual([]);
			vi.advanceTimersByTime(1000);
			expect(rec.revoked).toEqual(['blob:test/1', 'blob:test/2']);
		} finally {
			vi.useRealTimers();
		}
	});
});

const CHROMIUM = '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('downloadText in Chromium', () => {
	let browser: Browser;
	beforeAll(async () => {
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run']
		});
	}, 30_000);
	afterAll(async () => {
		await browser?.close();
	});

	it('saves the exact text under the given name, byte-order mark kept', async () => {
		const page = await browser.newPage({ acceptDownloads: true });
		await page.setContent('<!doctype html><title>t</title><body></body>');
		const content = '\ufeffproduct,status\r\n"Ward 3 — “Wi-Fi”",passed €\r\n';
		const [download] = await Promise.all([
			page.waitForEvent('download'),
			page.evaluate(
				({ source, content }) => {
					const fn = new Function(`return (${source})`)() as (
						n: string,
						c: string,
						m: string
					) => void;
					fn('netready-run.csv', content, 'text/csv');
				},
				{ source: downloadText.toString(), content }
			)
		]);
		expect(download.suggestedFilename()).toBe('netready-run.csv');
		const bytes = readFileSync(await download.path());
		expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		expect(bytes.toString('utf8')).toBe(content);
		expect(await page.locator('a').count()).toBe(0);
		await page.close();
	}, 30_000);
});
