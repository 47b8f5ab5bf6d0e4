/**
 * axe-core's WCAG 2.0/2.1/2.2 A and AA rules on a page, as readable lines (empty: nothing found).
 * axe is evaluated as a script in the page; the page's CSP applies to its own scripts, not to CDP.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

interface AxeViolation {
	id: string;
	impact: string;
	help: string;
	nodes: { target: string[]; failureSummary?: string }[];
}

/** `openDetails`: open every <details> first, so axe sees what they hold. */
export async function axeViolations(
	page: Page,
	{ openDetails = true }: { openDetails?: boolean } = {}
): Promise<string[]> {
	if (openDetails)
		await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
	await page.evaluate(axeSource);
	const violations = (await page.evaluate(
		async (tags) =>
			// @ts-expect-error axe is the global the script above defined
			(await window.axe.run(document, { runOnly: { type: 'tag', values: tags } })).violations,
		WCAG_TAGS
	)) as AxeViolation[];
	return violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help}\n` +
			v.nodes
				.slice(0, 5)
				.map((n) => `    ${n.target.join(' ')}: ${n.failureSummary ?? ''}`)
				.join('\n')
	);
}
