/**
 * Links already pasted into tickets keep opening: test/fixtures/v1/links.json holds permalinks
 * made by netready before the result-core change (share version 1), with the verdicts it showed.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { products } from '$lib/data/catalog';
import { decodeShare } from './decode';

const { links } = JSON.parse(readFileSync('test/fixtures/v1/links.json', 'utf8')) as {
	links: Record<string, { payload: string; verdicts: Record<string, string> }>;
};

describe('version-1 permalinks', () => {
	it('has fixtures', () => expect(Object.keys(links).length).toBeGreaterThanOrEqual(8));
	for (const [name, link] of Object.entries(links))
		it(`${name} opens with the verdicts it had`, async () => {
			expect(link.payload.startsWith('1.')).toBe(true);
			const decoded = await decodeShare(link.payload, { products });
			expect(decoded.ok).toBe(true);
			if (!decoded.ok) return;
			const verdicts = Object.fromEntries(
				Object.entries(decoded.shared.result.verdicts).map(([id, v]) => [id, v.verdict])
			);
			const before = Object.fromEntries(
				Object.entries(link.verdicts).map(([id, text]) => [id, text.split(' | ')[0]])
			);
			expect(verdicts).toEqual(before);
		});
});
