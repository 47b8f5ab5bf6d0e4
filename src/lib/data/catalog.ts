/**
 * The vendor data as the app uses it. Every file under data/*.json is one source document and its
 * products; `data.spec.ts` validates them against the schema, so the cast below is checked by tests.
 */
import type { AddressSet, DataFile, Product, Requirement, SourceDocument } from './schema';
import meta from '../../../data/meta.json';

const modules = import.meta.glob<DataFile>('../../../data/*.json', {
	eager: true,
	import: 'default'
});

export const dataFiles: DataFile[] = Object.entries(modules)
	.filter(([path]) => !path.endsWith('/meta.json'))
	.sort(([a], [b]) => a.localeCompare(b))
	.map(([, file]) => file);

/** Bumped whenever data/ changes meaningfully; recorded with every result. */
export const DATA_VERSION: string = meta.dataVersion;

export const products: Product[] = dataFiles.flatMap((f) => f.products);
export const sources: SourceDocument[] = dataFiles.map((f) => f.source);
export const addressSets: AddressSet[] = dataFiles.flatMap((f) => f.addressSets ?? []);

const productIndex = new Map(products.map((p) => [p.id, p]));
const requirementIndex = new Map(
	products.flatMap((p) =>
		p.requirements.map((r) => [r.id, { requirement: r, product: p }] as const)
	)
);

export function productById(id: string): Product | undefined {
	return productIndex.get(id);
}

export function sourceById(id: string): SourceDocument | undefined {
	return sources.find((s) => s.id === id);
}

export function addressSetById(id: string): AddressSet | undefined {
	return addressSets.find((s) => s.id === id);
}

export function requirementById(
	id: string
): { requirement: Requirement; product: Product } | undefined {
	return requirementIndex.get(id);
}

/** A product and every product it `requires`, transitively, each once, the product itself first. */
export function withRequiredProducts(ids: readonly string[]): Product[] {
	const seen = new Set<string>();
	const out: Product[] = [];
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const p = productIndex.get(id);
		if (!p) return;
		out.push(p);
		for (const r of p.requires ?? []) visit(r);
	};
	ids.forEach(visit);
	return out;
}
