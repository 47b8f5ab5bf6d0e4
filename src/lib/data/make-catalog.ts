/**
 * THE catalog: every vendor data file as one value with its look-ups. The app builds it once from
 * data/*.json (catalog.ts); tests build their own from small fixtures. Callers that need less take a
 * Pick<Catalog, …> so a test can hand in just that part.
 */
import type { AddressSet, DataFile, Product, Requirement, SourceDocument } from './schema';

export interface RequirementEntry {
	requirement: Requirement;
	/** the product the requirement belongs to (requirement ids are unique across the catalog) */
	product: Product;
}

export interface Catalog {
	dataVersion: string;
	products: readonly Product[];
	sources: readonly SourceDocument[];
	addressSets: readonly AddressSet[];
	productById(id: string): Product | undefined;
	sourceById(id: string): SourceDocument | undefined;
	addressSetById(id: string): AddressSet | undefined;
	requirementById(id: string): RequirementEntry | undefined;
	/** A product and every product it `requires`, transitively, each once, the product itself first. */
	withRequiredProducts(ids: readonly string[]): Product[];
	/** The same walk, also reporting the ids the catalog does not know. */
	selectProducts(ids: readonly string[]): { products: Product[]; unknown: string[] };
}

/** The smallest shape the look-ups below walk: the full vendor data and the light catalog both have it. */
export interface IndexableProduct {
	id: string;
	requires?: readonly string[];
	requirements: readonly { id: string }[];
}

export interface ProductIndex<P extends IndexableProduct> {
	productById(id: string): P | undefined;
	requirementById(id: string): { requirement: P['requirements'][number]; product: P } | undefined;
	withRequiredProducts(ids: readonly string[]): P[];
	selectProducts(ids: readonly string[]): { products: P[]; unknown: string[] };
}

/** THE look-ups by id and the walk through `requires`, for any product shape. */
export function indexProducts<P extends IndexableProduct>(products: readonly P[]): ProductIndex<P> {
	// Maps, not plain objects: ids come from links and files, and "constructor" is a valid id.
	const productIndex = new Map(products.map((p) => [p.id, p]));
	const requirementIndex = new Map(
		products.flatMap((product) =>
			product.requirements.map((requirement) => [requirement.id, { requirement, product }] as const)
		)
	);

	const selectProducts = (ids: readonly string[]) => {
		const seen = new Set<string>();
		const out: P[] = [];
		const unknown: string[] = [];
		const visit = (id: string) => {
			if (seen.has(id)) return;
			seen.add(id);
			const p = productIndex.get(id);
			if (!p) {
				unknown.push(id);
				return;
			}
			out.push(p);
			for (const r of p.requires ?? []) visit(r);
		};
		ids.forEach(visit);
		return { products: out, unknown };
	};

	return {
		productById: (id) => productIndex.get(id),
		requirementById: (id) => requirementIndex.get(id),
		withRequiredProducts: (ids) => selectProducts(ids).products,
		selectProducts
	};
}

export function makeCatalog(files: readonly DataFile[], dataVersion: string): Catalog {
	const products = files.flatMap((f) => f.products);
	const sources = files.map((f) => f.source);
	const addressSets = files.flatMap((f) => f.addressSets ?? []);
	const sourceIndex = new Map(sources.map((s) => [s.id, s]));
	const addressSetIndex = new Map(addressSets.map((s) => [s.id, s]));
	const index = indexProducts(products);
	return {
		dataVersion,
		products,
		sources,
		addressSets,
		sourceById: (id) => sourceIndex.get(id),
		addressSetById: (id) => addressSetIndex.get(id),
		...index
	};
}
