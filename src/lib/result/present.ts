/**
 * Arranges any CheckResult for display: per chosen product, its verdict and every requirement it
 * depends on (its own and those of products it requires), each with the probes behind it. Results
 * may be old (history) or come from a link, so ids the current data no longer knows are kept and shown
 * plainly rather than dropped.
 */
import type { Catalog } from '$lib/data/make-catalog';
import type { Flag, Product, Requirement } from '$lib/data/schema';
import {
	own,
	type CheckResult,
	type ProbeResult,
	type ProductResult,
	type RequirementResult
} from './result';

export type PresentCatalog = Pick<Catalog, 'withRequiredProducts' | 'requirementById'>;

export interface RequirementRow {
	id: string;
	/** undefined when the current data no longer has this requirement */
	requirement?: Requirement;
	/** the product the requirement belongs to (may be a required product) */
	owner?: Product;
	result?: RequirementResult;
	probes: ProbeResult[];
}

export interface ProductSection {
	id: string;
	product?: Product;
	verdict?: ProductResult;
	/** products whose requirements also apply, after the product itself */
	alsoRequires: Product[];
	rows: RequirementRow[];
	/** flags of kind security-risk on the product or any of its requirements */
	securityRisks: { flag: Flag; requirementId?: string; service?: string }[];
}

export function presentResult(
	result: CheckResult,
	catalog: PresentCatalog
): { sections: ProductSection[]; orphans: RequirementRow[] } {
	const probeByUrl = new Map(result.probes.map((p) => [p.url, p]));
	const probesOf = (rr?: RequirementResult) =>
		(rr?.probes ?? []).map((u) => probeByUrl.get(u)).filter((p): p is ProbeResult => !!p);
	const shown = new Set<string>();

	const sections = [...new Set(result.products)].map((id): ProductSection => {
		const chain = catalog.withRequiredProducts([id]);
		const product = chain[0];
		const rows: RequirementRow[] = chain.flatMap((owner) =>
			owner.requirements.map((requirement) => {
				shown.add(requirement.id);
				const rr = own(result.requirements, requirement.id);
				return { id: requirement.id, requirement, owner, result: rr, probes: probesOf(rr) };
			})
		);
		const securityRisks: ProductSection['securityRisks'] = [];
		for (const p of chain)
			for (const flag of p.flags ?? [])
				if (flag.kind === 'security-risk') securityRisks.push({ flag });
		for (const row of rows)
			for (const flag of row.requirement?.flags ?? [])
				if (flag.kind === 'security-risk')
					securityRisks.push({ flag, requirementId: row.id, service: row.requirement!.service });
		return {
			id,
			product,
			verdict: own(result.verdicts, id),
			alsoRequires: chain.slice(1),
			rows,
			securityRisks
		};
	});

	const orphans = Object.entries(result.requirements)
		.filter(([id]) => !shown.has(id))
		.map(([id, rr]): RequirementRow => {
			const found = catalog.requirementById(id);
			return {
				id,
				requirement: found?.requirement,
				owner: found?.product,
				result: rr,
				probes: probesOf(rr)
			};
		});
	return { sections, orphans };
}

/** A requirement's name for lists of blocking ids: "Twilio STUN/TURN Servers (Amwell Converge)". */
export function requirementName(
	id: string,
	catalog: Pick<PresentCatalog, 'requirementById'>,
	forProduct?: string
): string {
	const found = catalog.requirementById(id);
	if (!found) return id;
	return found.product.id === forProduct
		? found.requirement.service
		: `${found.requirement.service} (${found.product.name})`;
}
