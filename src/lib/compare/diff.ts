/**
 * What changed between two runs, per product and per requirement: "TURN over UDP 3478: passed →
 * failed". Unchanged requirements are counted and listed separately so the page can fold them
 * away. "Before" is run A, "after" is run B; whether a change is better or worse is decided only
 * where the statuses rank (passed > partial > failed; ready > degraded > not-ready).
 *
 * Only the products both runs checked are compared: a product checked in one run only is listed
 * apart (onlyBefore, onlyAfter), not counted as a hundred rules "added" or "removed".
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

/** A product's name by its id, for products no requirement names (checked in one run only). */
export type ProductNameLookup = (id: string) => string | undefined;

/** A product checked in one of the two runs only. */
export interface ProductInOneRun {
	productId: string;
	name: string;
	verdict?: Verdict;
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
	/** the products both runs checked */
	products: ProductComparison[];
	/** products only the earlier run checked, and only the later one */
	onlyBefore: ProductInOneRun[];
	onlyAfter: ProductInOneRun[];
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

/** The products a run checked: those it was asked for and those it has a verdict for. */
const productsOf = (r: CheckResult) => [...new Set([...r.products, ...Object.keys(r.verdicts)])];

export function compareRuns(
	a: CheckResult,
	b: CheckResult,
	lookup: RequirementLookup = () => undefined,
	productName: ProductNameLookup = () => undefined
): RunComparison {
	const outcomeA = new Map(a.probes.map((p) => [p.url, p.outcome]));
	const outcomeB = new Map(b.probes.map((p) => [p.url, p.outcome]));
	const probeChange = (url: string): ProbeChange => {
		const before = outcomeA.get(url);
		const after = outcomeB.get(url);
		return { url, before, after, direction: direction(before, after, OUTCOME_RANK) };
	};

	const inA = productsOf(a);
	const inB = productsOf(b);
	const common = new Set(inA.filter((id) => inB.includes(id)));
	const productOrder: string[] = [...common];
	const names = new Map<string, string>();

	const byProduct = new Map<string, RequirementChange[]>();
	// Probes only a product checked in one run rests on are left out of the list for IT too.
	const skippedUrls = new Set<string>();
	const comparedUrls = new Set<string>();
	const requirementIds = [
		...new Set([...Object.keys(a.requirements), ...Object.keys(b.requirements)])
	];
	for (const id of requirementIds) {
		const before = own(a.requirements, id);
		const after = own(b.requirements, id);
		const found = lookup(id);
		const productId = found?.productId ?? id.split('.')[0] ?? id;
		if (found) names.set(productId, found.productName);
		const urls = [...new Set([...(before?.probes ?? []), ...(after?.probes ?? [])])];
		// A rule of a product one run did not check is not a change of the network.
		if (!common.has(productId)) {
			// Rules of a product neither run names as checked (an old result) are still compared.
			if (inA.includes(productId) || inB.includes(productId)) {
				urls.forEach((u) => skippedUrls.add(u));
				continue;
			}
			productOrder.push(productId);
			common.add(productId);
		}
		urls.forEach((u) => comparedUrls.add(u));
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
			name: names.get(productId) ?? productName(productId) ?? productId,
			before,
			after,
			verdictDirection: direction(before, after, VERDICT_RANK),
			changed: changes.filter((c) => c.direction !== 'same'),
			unchanged: changes.filter((c) => c.direction === 'same')
		};
	});

	const probeUrls = [
		...new Set([...a.probes.map((p) => p.url), ...b.probes.map((p) => p.url)])
	].filter((u) => comparedUrls.has(u) || !skippedUrls.has(u));
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
	const inOneRun = (ids: string[], run: CheckResult): ProductInOneRun[] =>
		ids
			.filter((id) => !common.has(id))
			.map((productId) => {
				const verdict = own(run.verdicts, productId)?.verdict;
				return {
					productId,
					name: productName(productId) ?? names.get(productId) ?? productId,
					...(verdict ? { verdict } : {})
				};
			});
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
		onlyBefore: inOneRun(inA, a),
		onlyAfter: inOneRun(inB, b),
		probes: probeUrls.map(probeChange).filter((p) => p.direction !== 'same'),
		notes,
		causes,
		counts
	};
}

/**
 * How a product's verdict moved from the earlier run to the later: a common product's direction,
 * 'added' for one only the later run checked, 'removed' for one only the earlier run checked.
 */
export function verdictDirectionOf(
	comparison: RunComparison,
	productId: string
): Direction | undefined {
	const common = comparison.products.find((p) => p.productId === productId);
	if (common) return common.verdictDirection;
	if (comparison.onlyAfter.some((p) => p.productId === productId)) return 'added';
	if (comparison.onlyBefore.some((p) => p.productId === productId)) return 'removed';
	return undefined;
}
