/**
 * Screenshots of the main screens at phone (390×844) and desktop (1280×800) size, from a real
 * check in the lab (the udp-blocked profile: some products degraded, some not ready), for
 * docs/screenshots/ and the README. Run by scripts/screenshots.mjs (as root, like the lab).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { currentBrowser, currentLab, startLab, stopLab } from './browser';

const SIZES = { phone: { width: 390, height: 844 }, desktop: { width: 1280, height: 800 } };

export async function captureScreens(outDir: string): Promise<string[]> {
	mkdirSync(outDir, { recursive: true });
	const written: string[] = [];
	await startLab('udp-blocked');
	try {
		for (const [size, viewport] of Object.entries(SIZES)) {
			const context = await currentBrowser().newContext({ viewport });
			const page = await context.newPage();
			const shot = async (name: string, fullPage = false) => {
				const file = join(outDir, `${name}-${size}.png`);
				await page.screenshot({ path: file, fullPage });
				written.push(file);
			};
			await page.goto(currentLab().url('/'), { waitUntil: 'networkidle' });
			await shot('home');
			await page.goto(currentLab().url('/check/?products=all'), { waitUntil: 'networkidle' });
			await page.getByTestId('start-check').click();
			await page.getByTestId('check-done').waitFor({ timeout: 30_000 });
			await page.getByTestId('overall-answer').scrollIntoViewIfNeeded();
			await shot('clinician');
			await page.getByTestId('view-it').click();
			await page.getByTestId('it-rule-table').waitFor();
			await page.locator('#it-network').scrollIntoViewIfNeeded();
			await shot('it');
			await page.goto(
				currentLab().url('/check/?products=accurx-vc-patient,amwell-home&reader=patient'),
				{ waitUntil: 'networkidle' }
			);
			await page.getByTestId('start-check').click();
			await page.getByTestId('check-done').waitFor({ timeout: 30_000 });
			await page.getByTestId('overall-answer').scrollIntoViewIfNeeded();
			await shot('patient');
			await context.close();
		}
	} finally {
		await stopLab();
	}
	return written;
}
