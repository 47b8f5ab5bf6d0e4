/**
 * One answer for the whole check, and one grid row per product: what a clinician reads first.
 * Facts only; words.ts makes the sentences.
 */
import type { ProductIndex } from '$lib/data/make-catalog';
import type { LightProduct, LightRequirement } from '$lib/data/light-catalog';
import { own, type CheckResult, type Finding, type ProductResult, type Verdict } from './result';

export { READERS, type Reader } from './reader';

export interface GridRow {
	id: string;
	product?: LightProduct;
	verdict?: ProductResult;
	/** the findings of the diagnosis that touch this product's traffic (first is the main one) */
	causes: Finding[];
	/** the requirements its verdict rests on (undefined where today's data lacks one) */
	blocking: (LightRequirement | undefined)[];
}

export interface Overall {
	/** the answer for the whole check */
	kind: 'offline' | 'ready' | 'degraded' | 'not-ready' | 'unknown' | 'empty';
	/** product ids by verdict, in the result's order */
	by: Record<Verdict, string[]>;
	total: number;
	/** true when a "ready" product is only "probably" ready */
	doubt: boolean;
	/** findings worth telling a clinician (the slow link only when it changed a verdict) */
	findings: Finding[];
}

/** The patient's side of a product (Accurx patient links) reads home advice, not "send to IT". */
export function isPatientProduct(id: string): boolean {
	return /(^|-)patient$/.test(id);
}

export function overallOf(result: CheckResult): Overall {
	const by: Overall['by'] = { ready: [], degraded: [], 'not-ready': [], unknown: [] };
	let doubt = false;
	for (const id of result.products) {
		const v = own(result.verdicts, id);
		if (!v) continue;
		by[v.verdict].push(id);
		if (v.verdict === 'ready' && v.doubt) doubt = true;
	}
	const total = by.ready.length + by.degraded.length + by['not-ready'].length + by.unknown.length;
	const findings = result.diagnosis?.findings ?? [];
	const offline = findings.some((f) => f.cause === 'offline');
	const kind: Overall['kind'] = offline
		? 'offline'
		: total === 0
			? 'empty'
			: by['not-ready'].length
				? 'not-ready'
				: by.unknown.length
					? 'unknown'
					: by.degraded.length
						? 'degraded'
						: 'ready';
	return { kind, by, total, doubt, findings };
}

/** One row per chosen product: its verdict and the causes that explain it. */
export function gridOf(
	result: CheckResult,
	// The light catalog or the full one: a full Product is a LightProduct with more in it.
	catalog: Pick<ProductIndex<LightProduct>, 'productById' | 'requirementById'>
): GridRow[] {
	const findings = result.diagnosis?.findings ?? [];
	return [...new Set(result.products)].map((id) => {
		const verdict = own(result.verdicts, id);
		const touched = new Set([...(verdict?.blocking ?? []), ...(verdict?.alsoFailed ?? [])]);
		const reqProbes = new Set(
			[...touched].flatMap((rid) => own(result.requirements, rid)?.probes ?? [])
		);
		// A cause explains this product when its probes are among those its blocking rules rest on;
		// offline and a slow link explain every product.
		const causes = findings.filter(
			(f) =>
				f.cause === 'offline' ||
				(f.cause === 'slow-link' && verdict?.undecided === 'slow-link') ||
				verdict?.doubt === f.cause ||
				f.probes.some((u) => reqProbes.has(u))
		);
		return {
			id,
			product: catalog.productById(id),
			verdict,
			causes,
			blocking: (verdict?.blocking ?? []).map((rid) => catalog.requirementById(rid)?.requirement)
		};
	});
}
