/**
 * The products an export is for, with the products they require, and the part of the one
 * `Catalog` (src/lib/data/make-catalog.ts) the IT toolkit reads. The app passes its catalog; tests
 * pass one made with makeCatalog from small fixtures, so every generator is a pure function.
 */
import type { Catalog } from '$lib/data/make-catalog';
import type { Product, SourceDocument } from '$lib/data/schema';

/** What the IT toolkit needs of the catalog. */
export type ItCatalog = Pick<
	Catalog,
	| 'dataVersion'
	| 'products'
	| 'sourceById'
	| 'addressSetById'
	| 'requirementById'
	| 'selectProducts'
>;

export interface ExportOptions {
	/** list destinations flagged as a security risk in the allow-lists too (still marked) */
	includeRisky?: boolean;
}

export interface Selection {
	catalog: ItCatalog;
	/** the chosen products first, then what they require, each once */
	products: Product[];
	/** ids the caller asked for */
	chosen: string[];
	includeRisky: boolean;
}

export function makeSelection(
	catalog: ItCatalog,
	productIds: readonly string[],
	options: ExportOptions = {}
): Selection {
	const { products, unknown } = catalog.selectProducts(productIds);
	if (unknown.length) throw new Error(`unknown product id(s): ${unknown.join(', ')}`);
	if (products.length === 0) throw new Error('choose at least one product');
	return {
		catalog,
		products,
		chosen: [...productIds],
		includeRisky: options.includeRisky ?? false
	};
}

/** The vendor documents of the selection's products, each once, in product order. */
export function sourcesOf(selection: Selection): SourceDocument[] {
	const out: SourceDocument[] = [];
	for (const p of selection.products) {
		const s = selection.catalog.sourceById(p.source);
		if (s && !out.includes(s)) out.push(s);
	}
	return out;
}

/** "Title" — Publisher, updated 2023-07-25 (or "undated"). */
export function describeSource(s: SourceDocument): string {
	return `"${s.title}" — ${s.publisher}, ${s.updated ? `updated ${s.updated}` : 'undated'}`;
}
