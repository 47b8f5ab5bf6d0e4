/**
 * The catalog as the permalink sees it: each product's requirement ids and distinct probe urls in
 * catalog order (so a link can send positions instead of names), and a fingerprint of that layout
 * (so a link made with other data is read as far as it still matches, never misread).
 */
import type { CheckResult } from '$lib/result/result';
import { fnv1a } from './bytes';
import { ID, LIMITS, type ShareCatalog, type ShareProduct } from './format';

export interface ProductLayout {
	product: ShareProduct;
	requirementIds: string[];
	requirementIndex: Map<string, number>;
	/** each requirement's probe urls in catalog order */
	requirementProbes: string[][];
	probeUrls: string[];
	probeIndex: Map<string, number>;
	fingerprint: number;
}

export interface CatalogLayout {
	byProduct: Map<string, ProductLayout>;
	ownerOfRequirement: Map<string, string>;
}

const layoutCache = new WeakMap<ShareCatalog, CatalogLayout>();

function productLayout(product: ShareProduct): ProductLayout {
	const requirementIds = product.requirements.map((r) => r.id);
	const requirementProbes = product.requirements.map((r) => {
		const targets =
			r.check.kind === 'probe' ? r.check.probes : r.check.kind === 'inferred' ? r.check.from : [];
		return [...new Set(targets.map((t) => t.url))];
	});
	const probeUrls = [...new Set(requirementProbes.flat())];
	const fingerprint = fnv1a(
		[
			product.id,
			requirementIds.join(' '),
			probeUrls.join(' '),
			requirementProbes.map((p) => p.length).join(',')
		].join('\n')
	);
	return {
		product,
		requirementIds,
		requirementIndex: new Map(requirementIds.map((id, i) => [id, i])),
		requirementProbes,
		probeUrls,
		probeIndex: new Map(probeUrls.map((u, i) => [u, i])),
		fingerprint
	};
}

export function layoutOf(catalog: ShareCatalog): CatalogLayout {
	const cached = layoutCache.get(catalog);
	if (cached) return cached;
	const byProduct = new Map<string, ProductLayout>();
	const ownerOfRequirement = new Map<string, string>();
	for (const product of catalog.products) {
		// A catalog listing a product twice: the first one is the product, as everywhere else.
		if (byProduct.has(product.id)) continue;
		const pl = productLayout(product);
		byProduct.set(product.id, pl);
		for (const id of pl.requirementIds)
			if (!ownerOfRequirement.has(id)) ownerOfRequirement.set(id, product.id);
	}
	const layout = { byProduct, ownerOfRequirement };
	layoutCache.set(catalog, layout);
	return layout;
}

/** Ordered product ids that get a section: the selection, then verdicts, then requirement owners. */
export function sectionProducts(result: CheckResult, layout: CatalogLayout): string[] {
	const ids: string[] = [];
	const seen = new Set<string>();
	const add = (id: string) => {
		if (ID.test(id) && !seen.has(id)) {
			seen.add(id);
			ids.push(id);
		}
	};
	result.products.forEach(add);
	Object.keys(result.verdicts).forEach(add);
	for (const id of Object.keys(result.requirements)) {
		const owner = layout.ownerOfRequirement.get(id);
		if (owner) add(owner);
	}
	// One section is kept free for requirements no catalog product owns.
	return ids.slice(0, LIMITS.sections - 1);
}
