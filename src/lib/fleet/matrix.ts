/**
 * The fleet matrix: sites × products. Each cell is the verdict of the site's newest run for that
 * product, or "not checked" when that run did not check it — never "ready" by default. Each row
 * carries the diagnosed cause ("—" when the result has no diagnosis: older results and links), and,
 * where the site has a baseline, how each verdict moved since (compare/diff.ts decides).
 */
import {
	compareRuns,
	verdictDirectionOf,
	type Direction,
	type RunComparison
} from '$lib/compare/diff';
import type { Cause, Verdict } from '$lib/result/result';
import { CAUSE_LABELS, VERDICT_LABELS } from '$lib/result/words';
import { baselineRun, currentRun, type FleetRun, type FleetSite } from './model';

export type CellVerdict = Verdict | 'not-checked';

export const CELL_VERDICTS = ['ready', 'degraded', 'not-ready', 'unknown', 'not-checked'] as const;

export const CELL_MARKS: Record<CellVerdict, string> = {
	ready: '✓',
	degraded: '⚠',
	'not-ready': '✗',
	unknown: '?',
	'not-checked': '–'
};

export const CELL_WORDS: Record<CellVerdict, string> = {
	...VERDICT_LABELS,
	'not-checked': 'Not checked'
};

/** Worst first: what IT looks at first. */
const RANK: Record<CellVerdict, number> = {
	'not-ready': 0,
	degraded: 1,
	unknown: 2,
	'not-checked': 3,
	ready: 4
};

export interface MatrixProduct {
	id: string;
	name: string;
}

export interface MatrixColumn extends MatrixProduct {
	/** false when today's data does not know this product (a result made with other data) */
	known: boolean;
}

export interface MatrixCell {
	productId: string;
	verdict: CellVerdict;
	/** "Ready", "Not checked"; "Ready (probably)" when a mandatory rule could not be tested */
	words: string;
	mark: string;
	/** set when the site has a baseline other than this run and the verdict moved */
	change?: { direction: Direction; before: CellVerdict };
}

export type CauseFilter = Cause | 'none-found' | 'no-diagnosis';

export interface MatrixRow {
	site: FleetSite;
	run: FleetRun;
	cells: MatrixCell[];
	causes: Cause[];
	/** "UDP blocked; Slow connection (likely)", "None found", or "—" without a diagnosis */
	causeText: string;
	baseline?: FleetRun;
	/** the comparison of the baseline with the current run, when both exist and differ */
	comparison?: RunComparison;
	better: number;
	worse: number;
	/** the run's data version, when it is not today's: its rules may since have changed */
	olderData?: string;
}

export interface ProductSummary {
	productId: string;
	counts: Record<CellVerdict, number>;
	/** sites shown */
	total: number;
}

export interface Matrix {
	columns: MatrixColumn[];
	rows: MatrixRow[];
	summary: ProductSummary[];
	/** every site in the fleet, before filtering */
	siteCount: number;
}

export const SORT_KEYS = ['name', 'newest', 'oldest', 'worst', 'cause', 'changed'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Record<SortKey, string> = {
	name: 'Site name (A–Z)',
	newest: 'Checked, newest first',
	oldest: 'Checked, oldest first',
	worst: 'Worst verdict first',
	cause: 'Diagnosed cause',
	changed: 'Changed since baseline, worse first'
};

export interface MatrixOptions {
	/** show only this product's column; the verdict filter and "worst" sort then apply to it */
	product?: string;
	verdict?: CellVerdict;
	cause?: CauseFilter;
	sort?: SortKey;
	/** today's data version: rows made with another are labelled */
	dataVersion?: string;
}

export function causeText(run: Pick<FleetRun, 'result'>): string {
	const diagnosis = run.result.diagnosis;
	if (!diagnosis) return '—';
	if (!diagnosis.findings.length) return 'None found';
	return diagnosis.findings
		.map((f) => CAUSE_LABELS[f.cause] + (f.certainty === 'likely' ? ' (likely)' : ''))
		.join('; ');
}

function cellOf(run: FleetRun, productId: string): Omit<MatrixCell, 'change'> {
	const pr = Object.hasOwn(run.result.verdicts, productId)
		? run.result.verdicts[productId]
		: undefined;
	const verdict: CellVerdict = pr ? pr.verdict : 'not-checked';
	const words = pr?.verdict === 'ready' && pr.doubt ? 'Ready (probably)' : CELL_WORDS[verdict];
	return { productId, verdict, words, mark: CELL_MARKS[verdict] };
}

/** Every product any run in the fleet checked: today's catalog order first, unknown ids after. */
export function fleetColumns(
	sites: readonly FleetSite[],
	products: readonly MatrixProduct[]
): MatrixColumn[] {
	const used = new Set<string>();
	for (const site of sites)
		for (const run of site.runs) {
			run.result.products.forEach((id) => used.add(id));
			Object.keys(run.result.verdicts).forEach((id) => used.add(id));
		}
	const known = products.filter((p) => used.has(p.id)).map((p) => ({ ...p, known: true }));
	const knownIds = new Set(known.map((p) => p.id));
	const unknown = [...used]
		.filter((id) => !knownIds.has(id))
		.sort()
		.map((id) => ({ id, name: id, known: false }));
	return [...known, ...unknown];
}

function rowOf(
	site: FleetSite,
	columns: readonly MatrixColumn[],
	dataVersion: string | undefined
): MatrixRow | undefined {
	const run = currentRun(site);
	if (!run) return undefined;
	const baseline = baselineRun(site);
	const comparison =
		baseline && baseline.id !== run.id ? compareRuns(baseline.result, run.result) : undefined;
	let better = 0;
	let worse = 0;
	const cells = columns.map((column): MatrixCell => {
		const cell = cellOf(run, column.id);
		if (!comparison || !baseline) return cell;
		const direction = verdictDirectionOf(comparison, column.id);
		if (!direction || direction === 'same') return cell;
		if (direction === 'better') better++;
		if (direction === 'worse') worse++;
		return { ...cell, change: { direction, before: cellOf(baseline, column.id).verdict } };
	});
	return {
		site,
		run,
		cells,
		causes: run.result.diagnosis?.findings.map((f) => f.cause) ?? [],
		causeText: causeText(run),
		...(baseline ? { baseline } : {}),
		...(comparison ? { comparison } : {}),
		better,
		worse,
		...(dataVersion && run.result.dataVersion !== dataVersion
			? { olderData: run.result.dataVersion }
			: {})
	};
}

function matchesCause(row: MatrixRow, cause: CauseFilter): boolean {
	if (cause === 'no-diagnosis') return !row.run.result.diagnosis;
	if (cause === 'none-found') return !!row.run.result.diagnosis && row.causes.length === 0;
	return row.causes.includes(cause);
}

const worstRank = (row: MatrixRow) => row.cells.map((c) => RANK[c.verdict]).sort((a, b) => a - b);

function compareRanks(a: number[], b: number[]): number {
	for (let i = 0; i < Math.max(a.length, b.length); i++) {
		const d = (a[i] ?? 9) - (b[i] ?? 9);
		if (d) return d;
	}
	return 0;
}

const byName = (a: MatrixRow, b: MatrixRow) =>
	a.site.name.localeCompare(b.site.name, undefined, { numeric: true, sensitivity: 'base' });

const SORTS: Record<SortKey, (a: MatrixRow, b: MatrixRow) => number> = {
	name: byName,
	newest: (a, b) => b.run.result.startedAt.localeCompare(a.run.result.startedAt) || byName(a, b),
	oldest: (a, b) => a.run.result.startedAt.localeCompare(b.run.result.startedAt) || byName(a, b),
	worst: (a, b) => compareRanks(worstRank(a), worstRank(b)) || byName(a, b),
	cause: (a, b) =>
		(a.causes.length ? 0 : 1) - (b.causes.length ? 0 : 1) ||
		a.causeText.localeCompare(b.causeText) ||
		byName(a, b),
	changed: (a, b) => b.worse - a.worse || b.better - a.better || byName(a, b)
};

export function buildMatrix(
	sites: readonly FleetSite[],
	products: readonly MatrixProduct[],
	options: MatrixOptions = {}
): Matrix {
	const all = fleetColumns(sites, products);
	const columns = options.product ? all.filter((c) => c.id === options.product) : all;
	let rows = sites
		.map((s) => rowOf(s, columns, options.dataVersion))
		.filter((r): r is MatrixRow => !!r);
	if (options.verdict) {
		const wanted = options.verdict;
		rows = rows.filter((r) => r.cells.some((c) => c.verdict === wanted));
	}
	if (options.cause) {
		const wanted = options.cause;
		rows = rows.filter((r) => matchesCause(r, wanted));
	}
	rows.sort(SORTS[options.sort ?? 'name']);
	const summary = columns.map((column, i): ProductSummary => {
		const counts = Object.fromEntries(CELL_VERDICTS.map((v) => [v, 0])) as Record<
			CellVerdict,
			number
		>;
		for (const row of rows) counts[row.cells[i]!.verdict]++;
		return { productId: column.id, counts, total: rows.length };
	});
	return { columns, rows, summary, siteCount: sites.length };
}

/** "3 of 5 ready" (of the sites that checked it), with what is not checked said separately. */
export function summaryText(summary: ProductSummary): string {
	const { counts, total } = summary;
	const checked = total - counts['not-checked'];
	const base = `${counts.ready} of ${checked} ready`;
	return counts['not-checked'] ? `${base}; ${counts['not-checked']} not checked` : base;
}
