import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { lightCatalog, lightCatalogData } from '$lib/data/light-catalog';
import { requirementLookup } from './labels';

describe('requirementLookup', () => {
	it('titles a rule as the result views do, with its ports, from either catalog', () => {
		const id = 'accurx-vc-clinician.intercom-support';
		const label = requirementLookup(catalog)(id)?.label;
		// The vendor writes "support functionality"; a title starts with a capital.
		expect(label).toMatch(/^Support functionality \(TCP /);
		expect(requirementLookup(lightCatalog(lightCatalogData(catalog)))(id)?.label).toBe(label);
		expect(requirementLookup(catalog)('no.such-rule')).toBeUndefined();
	});
});
