/**
 * The requirement browser in real Chromium: the product choice lives in the URL, so IT can send a
 * link that preselects products; product pages show every requirement of the data; exports load on
 * demand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO_ROOT } from '../lab/lab';
import { openPage, startLab, stopLab } from '../support/browser';

interface DataFile {
	products: { id: string; name: string; requirements: { id: string }[] }[];
}
const products = ['amwell', 'accurx', 'medserve', 'emis'].flatMap(
	(f) =>
		(JSON.parse(readFileSync(join(REPO_ROOT, 'data', `${f}.json`), 'utf8')) as DataFile).products
);

beforeAll(async () => {
	await startLab('open');
});
afterAll(async () => {
	await stopLab();
});

test('choosing products puts them in the URL, and the check link carries them', async () => {
	const page = await openPage('/');
	try {
		await page.getByRole('checkbox', { name: /Amwell Home platform/ }).check();
		await page.getByRole('checkbox', { name: /Accurx Video Consultation \(patient\)/ }).check();
		await expect
			.poll(() => new URL(page.url()).searchParams.get('products'))
			.toBe('accurx-vc-patient,amwell-home');
		const go = page.getByTestId('go-check');
		await expect.poll(() => go.textContent()).toMatch(/for 2 products/);
		await go.click();
		await page.waitForURL(/\/check\/\?products=/);
		expect(new URL(page.url()).searchParams.get('products')).toBe('accurx-vc-patient,amwell-home');
		await expect
			.poll(() => page.locator('main').textContent())
			.toMatch(/Checking Accurx Video Consultation \(patient\), Amwell Home platform/);
	} finally {
		await page.context().close();
	}
});

test('a link that preselects products is honoured and unknown ids are reported, not rendered', async () => {
	const page = await openPage('/?products=emis-web,%3Cimg%20src%3Dx%3E');
	try {
		await expect.poll(() => page.locator('input[value="emis-web"]').isChecked()).toBe(true);
		expect(await page.locator('input[value="emis-web-mobile"]').isChecked()).toBe(false);
		// Text that is not shaped like a product id is never echoed back on the site's origin.
		const notice = page.getByTestId('unknown-products');
		await expect.poll(() => notice.textContent()).toContain('1 entry that is not a product id');
		expect(await notice.textContent()).not.toContain('img');
		expect(await page.locator('main img').count()).toBe(0);
	} finally {
		await page.context().close();
	}
});

test.each(products.map((p) => [p.id, p] as const))(
	'the %s page shows every requirement of the data',
	async (id, product) => {
		const page = await openPage(`/products/${id}/`);
		try {
			expect(await page.locator('h1').textContent()).toBe(product.name);
			const shown = await page
				.locator('article.requirement')
				.evaluateAll((els) => els.map((e) => e.id));
			expect(shown).toEqual(product.requirements.map((r) => r.id));
		} finally {
			await page.context().close();
		}
	}
);

test('exports load on demand from a product page and download a rule table', async () => {
	const page = await openPage('/products/amwell-tv-kit-200l/');
	try {
		// The prerendered button is disabled until the scripts run (a tap before that did nothing,
		// and this test once clicked it then); the click below waits for it to be enabled.
		const html = await page.evaluate(() => fetch(location.href).then((r) => r.text()));
		expect(html.match(/<button[^>]*data-testid="show-exports"[^>]*>/)?.[0]).toMatch(/\sdisabled\b/);
		await page.getByTestId('show-exports').click();
		const button = page.getByRole('button', { name: /rules\.csv|rule table.*CSV|CSV/i }).first();
		const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
		const path = await download.path();
		const csv = readFileSync(path, 'utf8');
		expect(csv).toContain('34.203.254.0');
		expect(csv).toContain('amwell-tv-kit-200l.');
		// Required products come along: TV Kit 200L needs Converge's rules too.
		expect(csv).toContain('amwell-converge.');
	} finally {
		await page.context().close();
	}
});
