import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { lightCatalogData } from '$lib/data/light-catalog';
import { catalogLookup } from '$lib/compare/labels';
import { fleetLookup } from './light-catalog';

// That the light catalog reads links exactly as the full one does, and stays small, is
// src/lib/data/light-catalog.spec.ts's to show.
describe('the fleet’s requirement names', () => {
	it('name requirements as the comparison page does', () => {
		const lookup = fleetLookup(lightCatalogData(catalog));
		for (const product of catalog.products)
			for (const r of product.requirements) expect(lookup(r.id)).toEqual(catalogLookup(r.id));
	});
});
