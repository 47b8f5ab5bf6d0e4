/**
 * IT's table: one row per requirement of the checked products, each once, with what was seen and
 * what to open. Facts; the component words them with words.ts.
 */
import type { ProductSection, RequirementRow } from './present';
import type { RequirementStatus } from './result';

export interface RuleTableRow extends RequirementRow {
	/** the product the row is listed under (the first checked product that needs it) */
	listedUnder: string;
	/** failed, partly passed, or inferred blocked: IT has something to open */
	needsAction: boolean;
}

export interface RuleCounts {
	total: number;
	byStatus: Record<RequirementStatus, number>;
	needsAction: number;
}

export function needsAction(row: RequirementRow): boolean {
	const r = row.result;
	return (
		!!r &&
		(r.status === 'failed' ||
			r.status === 'partial' ||
			(r.status === 'inferred' && r.inferredOutcome === 'blocked'))
	);
}

export function ruleTable(sections: readonly ProductSection[]): RuleTableRow[] {
	const seen = new Set<string>();
	const rows: RuleTableRow[] = [];
	for (const s of sections)
		for (const row of s.rows) {
			if (seen.has(row.id)) continue;
			seen.add(row.id);
			rows.push({ ...row, listedUnder: s.id, needsAction: needsAction(row) });
		}
	// What IT must act on first, then the rest in catalog order.
	return [...rows.filter((r) => r.needsAction), ...rows.filter((r) => !r.needsAction)];
}

export function ruleCounts(rows: readonly RuleTableRow[]): RuleCounts {
	const byStatus: RuleCounts['byStatus'] = {
		passed: 0,
		failed: 0,
		partial: 0,
		inferred: 0,
		manual: 0,
		'not-run': 0
	};
	for (const r of rows) if (r.result) byStatus[r.result.status]++;
	return { total: rows.length, byStatus, needsAction: rows.filter((r) => r.needsAction).length };
}

/** Every security-risk flag of the checked products, each once (products share requirements). */
export function securityRisks(
	sections: readonly ProductSection[]
): ProductSection['securityRisks'] {
	const seen = new Set<string>();
	return sections
		.flatMap((s) => s.securityRisks)
		.filter((r) => {
			const key = `${r.requirementId ?? ''}|${r.flag.text}`;
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
}

/** What IT does next about one row of the table; the component words it. */
export type NextStep =
	'open' | 'confirm-by-hand' | 'confirm-inferred' | 'run-again' | 'nothing' | 'unknown';

export function nextStep(row: RequirementRow): NextStep {
	const r = row.result;
	if (!r || !row.requirement) return 'unknown';
	if (needsAction(row)) return 'open';
	switch (r.status) {
		case 'manual':
			return 'confirm-by-hand';
		case 'inferred':
			return 'confirm-inferred';
		case 'not-run':
			return 'run-again';
		default:
			return 'nothing';
	}
}
