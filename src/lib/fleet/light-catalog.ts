/**
 * What the fleet page needs of the catalog is the app's light catalog (data/light-catalog.ts):
 * product names and kinds, and the probe urls the permalink codec lays out. This file adds the
 * fleet's requirement names for compareRuns.
 */
import type { LightCatalogData } from '$lib/data/light-catalog';
import { formatPorts } from '$lib/data/format';
import type { RequirementLookup } from '$lib/compare/diff';

export type FleetCatalog = LightCatalogData;

/** Requirement names for compareRuns, as compare/labels.ts makes them from the full catalog. */
export function fleetLookup(catalog: FleetCatalog): RequirementLookup {
	const index = new Map<string, { productId: string; productName: string; label: string }>();
	for (const p of catalog.products)
		for (const r of p.requirements)
			if (!index.has(r.id)) {
				const ports = r.ports.length ? ` (${formatPorts(r.ports)})` : '';
				index.set(r.id, { productId: p.id, productName: p.name, label: `${r.service}${ports}` });
			}
	return (id) => index.get(id);
}
