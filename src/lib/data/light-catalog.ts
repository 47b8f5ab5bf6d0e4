/**
 * What the result pages need of the vendor data, made at build time (a +page.server.ts load):
 * per product its name, kind and `requires`; per requirement its id, name, purpose, level, ports,
 * destinations (values only) and the probe urls the permalink codec lays out. A few KB instead of
 * the whole vendor data with its verbatim cells, notes and hand-tests (~24 KB gzip of script), so a
 * first visit stays light. IT's full view loads the whole catalog when it is opened.
 *
 * It is a ShareCatalog: decodeShare reads links with it exactly as with the full catalog, because
 * the codec's layout rests only on these ids and urls.
 */
import type { Catalog } from './make-catalog';
import { indexProducts, type ProductIndex } from './make-catalog';
import type { Destination, Product, Requirement } from './schema';

/** A destination without its grouping label and note. */
export type LightDestination =
	| { kind: 'ip-range'; from: string; to: string }
	| { kind: 'address-set'; ref: string }
	| { kind: Exclude<Destination['kind'], 'ip-range' | 'address-set'>; value: string };

export type LightCheck =
	| { kind: 'probe'; probes: { url: string }[] }
	| { kind: 'inferred'; from: { url: string }[] }
	| { kind: 'manual' };

export interface LightRequirement extends Pick<
	Requirement,
	'id' | 'service' | 'purpose' | 'level' | 'direction' | 'ports'
> {
	destinations: LightDestination[];
	check: LightCheck;
}

export interface LightProduct extends Pick<Product, 'id' | 'name' | 'kind' | 'requires'> {
	requirements: LightRequirement[];
}

/** Plain data: it travels from the build into the page as JSON. */
export interface LightCatalogData {
	dataVersion: string;
	products: LightProduct[];
}

export interface LightCatalog extends LightCatalogData, ProductIndex<LightProduct> {}

function lightDestination(d: Destination): LightDestination {
	switch (d.kind) {
		case 'ip-range':
			return { kind: d.kind, from: d.from, to: d.to };
		case 'address-set':
			return { kind: d.kind, ref: d.ref };
		default:
			return { kind: d.kind, value: d.value };
	}
}

function lightCheck(check: Requirement['check']): LightCheck {
	switch (check.kind) {
		case 'probe':
			return { kind: 'probe', probes: check.probes.map((t) => ({ url: t.url })) };
		case 'inferred':
			return { kind: 'inferred', from: check.from.map((t) => ({ url: t.url })) };
		default:
			return { kind: 'manual' };
	}
}

/** Build time: the light copy of the catalog. */
export function lightCatalogData(
	catalog: Pick<Catalog, 'products' | 'dataVersion'>
): LightCatalogData {
	return {
		dataVersion: catalog.dataVersion,
		products: catalog.products.map((p) => ({
			id: p.id,
			name: p.name,
			kind: p.kind,
			...(p.requires ? { requires: [...p.requires] } : {}),
			requirements: p.requirements.map((r) => ({
				id: r.id,
				service: r.service,
				purpose: r.purpose,
				level: r.level,
				direction: r.direction,
				ports: r.ports.map((x) => ({ ...x })),
				destinations: r.destinations.map(lightDestination),
				check: lightCheck(r.check)
			}))
		}))
	};
}

/** In the page: the light copy with the catalog's look-ups. */
export function lightCatalog(data: LightCatalogData): LightCatalog {
	return { ...data, ...indexProducts(data.products) };
}
