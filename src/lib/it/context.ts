/**
 * The vendor data the IT toolkit works on. The app passes the catalog (`catalogData`); tests pass
 * small fixtures of their own, so every generator is a pure function of this value.
 */
import type { AddressSet, DataFile, Product, Requirement, SourceDocument } from '../data/schema';

export interface ItData {
	dataVersion: string;
	products: readonly Product[];
	sources: readonly SourceDocument[];
	addressSets: readonly AddressSet[];
}

export function dataFromFiles(files: readonly DataFile[], dataVersion: string): ItData {
	return {
		dataVersion,
		products: files.flatMap((f) => f.products),
		sources: files.map((f) => f.source),
		addressSets: files.flatMap((f) => f.addressSets ?? [])
	};
}

export function productById(data: ItData, id: string): Product | undefined {
	return data.products.find((p) => p.id === id);
}

export function addressSetById(data: ItData, id: string): AddressSet | undefined {
	return data.addressSets.find((s) => s.id === id);
}

export function sourceOf(data: ItData, product: Product): SourceDocument | undefined {
	return data.sources.find((s) => s.id === product.source);
}

/** The product a requirement belongs to (requirement ids are globally unique). */
export function productOfRequirement(data: ItData, requirement: Requirement): Product | undefined {
	return data.products.find((p) => p.requirements.some((r) => r.id === requirement.id));
}

/**
 * The chosen products and every product they require, each once, in the order chosen.
 * Same rule as catalog.withRequiredProducts, over any data set; unknown ids are reported.
 */
export function selectProducts(
	data: ItData,
	ids: readonly string[]
): { products: Product[]; unknown: string[] } {
	const seen = new Set<string>();
	const products: Product[] = [];
	const unknown: string[] = [];
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const p = productById(data, id);
		if (!p) {
			unknown.push(id);
			return;
		}
		products.push(p);
		for (const r of p.requires ?? []) visit(r);
	};
	ids.forEach(visit);
	return { products, unknown };
}
