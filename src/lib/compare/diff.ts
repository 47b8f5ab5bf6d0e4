/**
 * What changed between two runs, per product and per requirement: "TURN over UDP 3478: passed →
 * failed". Unchanged requirements are counted and listed separately so the page can fold them
 * away. "Before" is run A, "after" is run B; whether a change is better or worse is decided only
 * where the statuses rank (passed > partial > failed; ready > degraded > not-ready).
 */
import {
	CAUSES,
	type Cause,
	type CheckResult,
	type ProbeOutcome,
	type RequirementResult,
	type RequirementStatus,
	type Verdict
} from '$lib/result/result';

export type Direction = 'better' | 'worse' | 'changed' | 'added' | 'removed' | 'same';

export interface RequirementLookup {
	(id: string): { productId: string; productName: string; label: string } | undefined;
}

export interface ProbeChange {
	url: string;
	before?: ProbeOutcome;
	after?: ProbeOutcome;
	direction: Direction;
}

export interface RequirementChange {
	id: string;
	label: string;
	before?: RequirementStatus;
	after?: RequirementStatus;
	/** for inferred requirements: which way the inference pointed */
	beforeLean?: RequirementResult['inferredOutcome'];
	afterLean?: RequirementResult['inferredOutcome'];
	direction: Direction;
	/** outcome changes of the probes this requirement rests on */
	probes: ProbeChange[];
}

export interface ProductComparison {
	productId: string;
	name: string;
	before?: Verdict;
	after?: Verdict;
	verdictDirection: Direction;
	changed: RequirementChange[];
	unchanged: RequirementChange[];
}

export interface CauseChange {
	cause: Cause;
	/** named in the earlier run; undefined when that run has no diagnosis (made before there was one) */
	before?: boolean;
	after?: boolean;
}

export interface RunComparison {
	products: ProductComparison[];
	/** every probe whose outcome differs, for IT */
	probes: ProbeChange[];
	/** differences in how the runs were made that may explain changes */
	notes: string[];
	/** what the diagnosis said of the network in either run, where the two differ or agree */
	causes: CauseChange[];
	counts: Record<Direction, number>;
}

const STATUS_RANK: Partial<Record<RequirementStatus, number>> = {
	passed: 2,
	partial: 1,
	failed: 0
};
const VERDICT_RANK: Partial<Record<Verdict, number>> = { ready: 2, degraded: 1, 'not-ready': 0 };
const OUTCOME_RANK: Partial<Record<ProbeOutcome, number>> = {
	reachable: 1,
	refused: 0,
	'dns-failed': 0,
	timeout: 0
};
const LEAN_RANK = { open: 1, blocked: 0 } as const;

function direction<T extends string>(
	before: T | undefined,
	after: T | undefined,
	rank: Partial<Record<T, number>>
): Direction {
	if (before === after) return 'same';
	if (before === undefined) return 'added';
	if (after === undefined) return 'removed';
	const a = rank[before];
	const b = rank[after];
	if (a === undefined || b === undefined) return 'changed';
	return b > a ? 'better' : 'worse';
}

function requirementDirection(
	before: RequirementResult | undefined,
	after: RequirementResult | undefined
): Direction {
	const d = direction(before?.status, after?.status, STATUS_RANK);
	if (d !== 'same' || before?.status !== 'inferred') return d;
	const lean = direction(before.inferredOutcome, after?.inferredOutcome, LEAN_RANK);
	return lean === 'same' ? 'same' : lean === 'added' || lean === 'removed' ? 'changed' : lean;
}

const own = <T>(record: Record<string, T>, key: string): T | undefined =>
	Object.hasOwn(record, key) ? record[key] : undefined;

/** "passed → failed", "not in this run → passed" */
export function transitionText(before: string | undefined, after: string | undefined): string {
	return `${before ?? 'not in that run'} → ${after ?? 'not in that run'}`;
}

export function compareRuns(
	a: CheckResult,
	b: CheckResult,
	lookup: RequirementLookup = () => undefined
): RunComparison {
	const outcomeA = new Map(a.probes.map((p) => [p.url, p.outcome]));
	const outcomeB = new Map(b.probes.map((p) => [p.url, p.outcome]));
	const probeChange = (url: string): ProbeChange => {
		const before = outcomeA.get(url);
		const after = outcomeB.get(url);
		return { url, before, after, direction: direction(before, after, OUTCOME_RANK) };
	};

	const productOrder: string[] = [];
	const addProduct = (id: string) => {
		if (!productOrder.includes(id)) productOrder.push(id);
	};
	[...a.products, ...b.products, ...Object.keys(a.verdicts), ...Object.keys(b.verdicts)].forEach(
		addProduct
	);

	const byProduct = new Map<string, RequirementChange[]>();
	const names = new Map<string, string>();
	const requirementIds = [
		...new Set([...Object.keys(a.requirements), ...Object.keys(b.requirements)])
	];
	for (const id of requirementIds) {
		const before = own(a.requirements, id);
		const after = own(b.requirements, id);
		const found = lookup(id);
		const productId = found?.productId ?? id.split('.')[0] ?? id;
		if (found) names.set(productId, found.productName);
		addProduct(productId);
		const urls = [...new Set([...(before?.probes ?? []), ...(after?.probes ?? [])])];
		const change: RequirementChange = {
			id,
			label: found?.label ?? id,
			before: before?.status,
			after: after?.status,
			direction: requirementDirection(before, after),
			probes: urls.map(probeChange).filter((p) => p.direction !== 'same')
		};
		if (before?.inferredOutcome) change.beforeLean = before.inferredOutcome;
		if (after?.inferredOutcome) change.afterLean = after.inferredOutcome;
		const list = byProduct.get(productId) ?? [];
		list.push(change);
		byProduct.set(productId, list);
	}

	const counts: Record<Direction, number> = {
		better: 0,
		worse: 0,
		changed: 0,
		added: 0,
		removed: 0,
		same: 0
	};
	const products: ProductComparison[] = productOrder.map((productId) => {
		const changes = byProduct.get(productId) ?? [];
		changes.forEach((c) => counts[c.direction]++);
		const before = own(a.verdicts, productId)?.verdict;
		const after = own(b.verdicts, productId)?.verdict;
		return {
			productId,
			name: names.get(productId) ?? productId,
			before,
			after,
			verdictDirection: direction(before, after, VERDICT_RANK),
			changed: changes.filter((c) => c.direction !== 'same'),
			unchanged: changes.filter((c) => c.direction === 'same')
		};
	});

	const probeUrls = [...new Set([...a.probes.map((p) => p.url), ...b.probes.map((p) => p.url)])];
	const notes: string[] = [];
	if (a.dataVersion !== b.dataVersion)
		notes.push(
			`The runs used different requirement data (${a.dataVersion} and ${b.dataVersion}); some rules may have changed between them.`
		);
	if (a.browser !== b.browser)
		notes.push(`The runs were made in different browsers (${a.browser} and ${b.browser}).`);
	if (a.webrtc !== b.webrtc)
		notes.push(
			`WebRTC support differed (${a.webrtc} and ${b.webrtc}), which changes what could be tested.`
		);
	const onlyA = a.products.filter((id) => !b.products.includes(id));
	const onlyB = b.products.filter((id) => !a.products.includes(id));
	if (onlyA.length || onlyB.length)
		notes.push(
			`The runs checked different products${onlyA.length ? ` (only the earlier: ${onlyA.join(', ')})` : ''}${onlyB.length ? ` (only the later: ${onlyB.join(', ')})` : ''}; a product checked in one run only is "not checked" in the other.`
		);
	const named = (r: CheckResult) =>
		r.diagnosis ? new Set(r.diagnosis.findings.map((f) => f.cause)) : undefined;
	const causesA = named(a);
	const causesB = named(b);
	const causes: CauseChange[] = CAUSES.filter((c) => causesA?.has(c) || causesB?.has(c)).map(
		(cause) => ({
			cause,
			...(causesA ? { before: causesA.has(cause) } : {}),
			...(causesB ? { after: causesB.has(cause) } : {})
		})
	);
	return {
		products,
		probes: probeUrls.map(probeChange).filter((p) => p.direction !== 'same'),
		notes,
		causes,
		counts
	};
}
