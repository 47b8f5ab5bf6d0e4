import { describe, expect, it } from 'vitest';
import { products } from '$lib/data/catalog';
import { decodeShare, encodeShare, genericTexts } from './codec';
import { evaluatedFullResult } from './samples';
import { checkTexts } from './texts';

const catalog = { products };

describe('checkTexts', () => {
	it('gives a shared result the same reasons, headlines and advice the check wrote', async () => {
		expect(products.length).toBeGreaterThan(0);
		for (const seed of [1, 2, 3, 4, 5]) {
			const original = evaluatedFullResult(seed);
			const encoded = await encodeShare(original, catalog);
			if (!encoded.ok) throw new Error(encoded.message);
			const decoded = await decodeShare(encoded.payload, catalog, { texts: checkTexts });
			if (!decoded.ok) throw new Error(decoded.message);
			expect(decoded.shared.result.requirements).toEqual(original.requirements);
			expect(decoded.shared.result.verdicts).toEqual(original.verdicts);
		}
	});

	it('keeps the generic text where the link disagrees with what the check would conclude', async () => {
		const original = evaluatedFullResult(1);
		const [id, r] = Object.entries(original.requirements).find(([, r]) => r.status === 'passed')!;
		r.status = 'failed';
		const encoded = await encodeShare(original, catalog);
		if (!encoded.ok) throw new Error(encoded.message);
		const decoded = await decodeShare(encoded.payload, catalog, { texts: checkTexts });
		if (!decoded.ok) throw new Error(decoded.message);
		const shown = decoded.shared.result.requirements[id]!;
		expect(shown.status).toBe('failed');
		expect(shown.reason).toBe(
			genericTexts(decoded.shared.result, catalog).requirements[id]!.reason
		);
		expect(shown.reason).toMatch(/^Failed/);
	});
});
