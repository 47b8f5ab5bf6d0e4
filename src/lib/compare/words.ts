/**
 * The words of a comparison, made when it is shown: how a requirement's status reads on either
 * side ("Inferred blocked", "not in that run"), what a direction is called, what a product checked
 * in one run only is, and names for the two sides that never read the same.
 */
import { STATUS_LABELS, VERDICT_LABELS } from '$lib/result/words';
import type { RequirementResult, RequirementStatus } from '$lib/result/result';
import type { CauseChange, Direction, ProductInOneRun, RunComparison } from './diff';

export const DIRECTION_WORDS: Record<Direction, string> = {
	better: 'better',
	worse: 'worse',
	changed: 'changed',
	added: 'only in the later run',
	removed: 'only in the earlier run',
	same: 'unchanged'
};

type Lean = RequirementResult['inferredOutcome'];

/**
 * One side of a requirement: "Failed", "Inferred blocked", "Inferred, undecided". An inferred
 * status says which way the inference pointed, so a change of the inference alone reads plainly.
 */
export function sideStatus(status: RequirementStatus | undefined, lean?: Lean): string {
	if (!status) return 'not in that run';
	if (status !== 'inferred') return STATUS_LABELS[status];
	if (lean === 'open') return 'Inferred open';
	if (lean === 'blocked') return 'Inferred blocked';
	return 'Inferred, undecided';
}

/**
 * "Passed → Failed"; when only the inference changed: "Inferred blocked (before: Inferred open)",
 * the side that is new first.
 */
export function changeText(change: {
	before?: RequirementStatus;
	after?: RequirementStatus;
	beforeLean?: Lean;
	afterLean?: Lean;
}): string {
	const before = sideStatus(change.before, change.beforeLean);
	const after = sideStatus(change.after, change.afterLean);
	if (change.before === change.after && change.after === 'inferred')
		return `${after} (before: ${before.replace(/^Inferred,? /, '').replace(/^./, (c) => c.toLowerCase())})`;
	return `${before} → ${after}`;
}

/** "then, not now": the earlier run is "then", the later one "now". */
export function causeChangeText(c: CauseChange): string {
	if (c.before && c.after) return 'then and now';
	const then = c.before === undefined ? 'not diagnosed then' : c.before ? 'then' : 'not then';
	const now = c.after === undefined ? 'not diagnosed now' : c.after ? 'now' : 'not now';
	return `${then}, ${now}`;
}

const list = (xs: readonly string[]) =>
	xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

const inOne = (p: ProductInOneRun) =>
	p.verdict ? `${p.name} (${VERDICT_LABELS[p.verdict].toLowerCase()})` : p.name;

/**
 * What a comparison of different product sets leaves out, in one sentence, or undefined when both
 * runs checked the same products.
 */
export function productSetNote(
	onlyBefore: readonly ProductInOneRun[],
	onlyAfter: readonly ProductInOneRun[]
): string | undefined {
	if (!onlyBefore.length && !onlyAfter.length) return undefined;
	const parts = [];
	if (onlyBefore.length) parts.push(`only the earlier checked ${list(onlyBefore.map(inOne))}`);
	if (onlyAfter.length) parts.push(`only the later checked ${list(onlyAfter.map(inOne))}`);
	return `The two checks covered different products: ${parts.join('; ')}. Only the products both checked are compared below.`;
}

export interface SideFacts {
	/** the place or network the user named, if any */
	label?: string;
	startedAt: string;
	shared?: boolean;
}

/**
 * Names for the earlier and the later side that a reader can tell apart: the label and when, else
 * when; and where the two would still read the same (same label and minute, or a run compared
 * with itself) "the earlier"/"the later", or "first"/"second" when even the times are equal.
 */
export function sideNames(
	a: SideFacts,
	b: SideFacts,
	when: (iso: string) => string
): [string, string] {
	const name = (s: SideFacts) => {
		const base = s.label
			? `${s.label} (${when(s.startedAt)})`
			: `the check of ${when(s.startedAt)}`;
		return s.shared ? `${base}, shared with you` : base;
	};
	const names: [string, string] = [name(a), name(b)];
	if (names[0] !== names[1]) return names;
	const order = Date.parse(a.startedAt) - Date.parse(b.startedAt);
	const [x, y] =
		order < 0 ? ['earlier', 'later'] : order > 0 ? ['later', 'earlier'] : ['first', 'second'];
	return [`${names[0]} — the ${x} one`, `${names[1]} — the ${y} one`];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * The line after "From … to …:": how many product answers moved, then the requirement counts —
 * "the answer changed for 2 of 3 products; 1 requirement got worse, 0 got better; 24 unchanged."
 */
export function comparisonSummary(c: Pick<RunComparison, 'products' | 'counts'>): string {
	const moved = c.products.filter((p) => p.verdictDirection !== 'same').length;
	const touched = c.products.some((p) => p.changed.length);
	if (!moved && !touched) return 'nothing changed.';
	const other = c.counts.changed + c.counts.added + c.counts.removed;
	const requirements =
		`${plural(c.counts.worse, 'requirement')} got worse, ${c.counts.better} got better` +
		`${other ? `, ${other} changed otherwise` : ''}; ${c.counts.same} unchanged.`;
	const answers = moved
		? `the answer changed for ${moved} of ${plural(c.products.length, 'product')}; `
		: 'no product’s answer changed; ';
	return answers + requirements;
}
