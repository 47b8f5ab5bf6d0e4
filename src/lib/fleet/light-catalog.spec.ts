import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { requirementLookup } from '$lib/compare/labels';
import { decodeShare, encodeShare } from '$lib/share/codec';
import { realisticFullResult } from '$fixtures/results';
import { fleetLookup, makeFleetCatalog } from './light-catalog';

const light = makeFleetCatalog(catalog);

describe('the fleet’s light catalog', () => {
	it('decodes links exactly as the full catalog does', async () => {
		for (const seed of [1, 2, 3]) {
			const result = realisticFullResult(catalog, seed);
			const encoded = await encodeShare(result, catalog);
			if (!encoded.ok) throw new Error(encoded.message);
			const full = await decodeShare(encoded.payload, catalog);
			const lightly = await decodeShare(encoded.payload, light);
			expect(lightly).toEqual(full);
			expect(lightly.ok && lightly.shared.unmatchedProducts).toEqual([]);
			// …and writes the same links.
			const again = await encodeShare(result, light);
			expect(again.ok && again.payload).toBe(encoded.payload);
		}
	});

	it('names requirements as the comparison page does', () => {
		const lookup = fleetLookup(light);
		for (const product of catalog.products)
			for (const r of product.requirements)
				expect(lookup(r.id)).toEqual(requirementLookup(catalog)(r.id));
	});

	it('is much smaller than the catalog', () => {
		expect(JSON.stringify(light).length).toBeLessThan(JSON.stringify(catalog.products).length / 4);
	});
});
