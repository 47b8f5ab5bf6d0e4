/** Which probes a check needs: one per distinct url across every requirement of every product. */
import type { ProbeTarget, Product, Requirement } from '$lib/data/schema';
import type { ProbeRequest } from '$lib/probes/types';

/** The probe targets a requirement's status rests on (tested directly or inferred from). */
export function requirementTargets(r: Requirement): readonly ProbeTarget[] {
	switch (r.check.kind) {
		case 'probe':
			return r.check.probes;
		case 'inferred':
			return r.check.from;
		case 'manual':
			return [];
	}
}

/**
 * Every distinct probe the products need, in first-seen order. Pass the products with their required
 * products already added (catalog.withRequiredProducts); equal urls share one probe.
 */
export function planProbes(products: readonly Product[]): ProbeRequest[] {
	const byUrl = new Map<string, ProbeRequest>();
	for (const p of products)
		for (const r of p.requirements)
			for (const t of requirementTargets(r))
				if (!byUrl.has(t.url)) byUrl.set(t.url, { url: t.url, kind: t.kind });
	return [...byUrl.values()];
}
