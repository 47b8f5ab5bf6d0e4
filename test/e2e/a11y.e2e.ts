/**
 * Accessibility: every page of the built site, in real Chromium, against axe-core's WCAG 2.0/2.1/2.2
 * A and AA rules; a desktop and a phone viewport. Also fails on any CSP violation a page reports.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../lab/lab';
import { axeViolations } from '../support/axe';
import { openPage, startLab, stopLab } from '../support/browser';

// A whole result as a link opens it (written by share version 2, never rewritten).
const sharedLink = (
	JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/v2/links.json'), 'utf8')) as {
		links: Record<string, { payload: string }>;
	}
).links['full-diagnosed']!.payload;
const productIds = readdirSync(join(REPO_ROOT, 'build', 'products'));
const PAGES = [
	'/',
	'/?products=all',
	...productIds.map((id) => `/products/${id}/`),
	'/check/?products=all',
	'/history/',
	'/compare/',
	'/shared/',
	`/shared/#r=${sharedLink}`,
	`/shared/#r=${sharedLink}&view=it`,
	'/fleet/'
];

beforeAll(async () => {
	await startLab('open');
});

afterAll(async () => {
	await stopLab();
});

describe.each([
	['desktop', { width: 1280, height: 900 }, 'light'],
	['phone', { width: 375, height: 740 }, 'light'],
	['desktop in dark mode', { width: 1280, height: 900 }, 'dark'],
	['phone in dark mode', { width: 375, height: 740 }, 'dark']
] as const)('accessibility on %s', (_name, viewport, colorScheme) => {
	// A link's payload is long: the test's name shows it as "#r=…".
	const named = PAGES.map((path) => [path.replace(/#r=[^&]*/, '#r=…'), path] as const);
	test.each(named)('%s has no WCAG 2.2 A/AA violations', async (_name, path) => {
		const page = await openPage(path);
		const cspErrors: string[] = [];
		page.on('console', (m) => {
			if (m.type() === 'error' && /Content Security Policy/.test(m.text()))
				cspErrors.push(m.text());
		});
		try {
			await page.setViewportSize(viewport);
			await page.emulateMedia({ colorScheme });
			await page.reload({ waitUntil: 'load' });
			if (path.includes('#r=')) await page.getByTestId('overall-headline').waitFor();
			if (path.includes('view=it')) await page.getByTestId('it-rule-table').waitFor();
			const readable = await axeViolations(page);
			expect(readable, `axe violations on ${path}`).toEqual([]);
			expect(cspErrors, `CSP violations on ${path}`).toEqual([]);
		} finally {
			await page.context().close();
		}
	});
});

test.each(['light', 'dark'] as const)(
	'a finished check, in both views, in %s mode, has no WCAG 2.2 A/AA violations',
	async (colorScheme) => {
		const page = await openPage('/check/?products=all');
		try {
			await page.emulateMedia({ colorScheme });
			await page.getByTestId('start-check').click();
			await page.getByTestId('check-done').waitFor({ timeout: 30_000 });
			expect(await axeViolations(page), 'summary view').toEqual([]);
			await page.getByTestId('view-it').click();
			await page.getByTestId('it-rule-table').waitFor({ timeout: 10_000 });
			// Every product's requirement cards open too, so axe sees all of IT's view.
			await page.evaluate(() =>
				document
					.querySelectorAll('details.product')
					.forEach((d) => ((d as HTMLDetailsElement).open = true))
			);
			await page.locator('[data-testid^="requirement-"]').first().waitFor({ timeout: 10_000 });
			expect(await axeViolations(page), 'IT view').toEqual([]);
		} finally {
			await page.context().close();
		}
	}
);
