/**
 * What the fleet page needs of the catalog, made at build time: per product its name and kind,
 * and per requirement its id, a short label and the probe urls the permalink codec lays out.
 * About 3 KB gzip instead of the whole vendor data (~24 KB), so the page stays light. It is a
 * `ShareCatalog`: decodeShare reads links with it exactly as with the full catalog, because the
 * codec's layout rests only on these ids and urls.
 */
import type { Catalog } from '$lib/data/make-catalog';
import type { Product } from '$lib/data/schema';
import { formatPorts } from '$lib/data/format';
import type { ShareCatalog, ShareProduct } from '$lib/share/codec';
import type { RequirementLookup } from '$lib/compare/diff';

export interface FleetRequirement {
	id: string;
	/** "Secure WebRTC (TCP 443)" */
	label: string;
	check: ShareProduct['requirements'][number]['check'];
}

export interface FleetProduct {
	id: string;
	name: string;
	kind: Product['kind'];
	requirements: FleetRequirement[];
}

export interface FleetCatalog extends ShareCatalog {
	dataVersion: string;
	products: FleetProduct[];
}

export function makeFleetCatalog(catalog: Pick<Catalog, 'products' | 'dataVersion'>): FleetCatalog {
	return {
		dataVersion: catalog.dataVersion,
		products: catalog.products.map((p) => ({
			id: p.id,
			name: p.name,
			kind: p.kind,
			requirements: p.requirements.map((r) => {
				const ports = r.ports.length ? ` (${formatPorts(r.ports)})` : '';
				const check: FleetRequirement['check'] =
					r.check.kind === 'probe'
						? { kind: 'probe', probes: r.check.probes.map((t) => ({ url: t.url })) }
						: r.check.kind === 'inferred'
							? { kind: 'inferred', from: r.check.from.map((t) => ({ url: t.url })) }
							: { kind: 'manual' };
				return { id: r.id, label: `${r.service}${ports}`, check };
			})
		}))
	};
}

/** Requirement names for compareRuns, as compare/labels.ts makes them from the full catalog. */
export function fleetLookup(catalog: FleetCatalog): RequirementLookup {
	const index = new Map<string, { productId: string; productName: string; label: string }>();
	for (const p of catalog.products)
		for (const r of p.requirements)
			if (!index.has(r.id))
				index.set(r.id, { productId: p.id, productName: p.name, label: r.label });
	return (id) => index.get(id);
}
