/**
 * How a saved run is named on the pages: its label (the place the user named), else when it ran
 * and what it checked. Light on purpose: the history list and the compare picker load it first.
 */
import type { LightProduct } from '$lib/data/light-catalog';
import type { ProductIndex } from '$lib/data/make-catalog';
import type { CheckResult } from '$lib/result/result';
import { formatWhen } from '$lib/dates';
import type { RunRecord } from './record';

/** The one date formatter ($lib/dates), re-exported for the pages that name runs. */
export { formatWhen };

export function runName(
	run: Pick<RunRecord, 'label' | 'origin'> & { result: CheckResult }
): string {
	const when = formatWhen(run.result.startedAt);
	const base = run.label ? `${run.label} (${when})` : `the check of ${when}`;
	return run.origin === 'shared' ? `${base}, shared with you` : base;
}

type Index = Pick<ProductIndex<LightProduct>, 'productById'>;

const list = (xs: readonly string[]) =>
	xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

/** "EMIS Web", "EMIS Web and Accurx …", "EMIS Web, Accurx … and 11 more" */
export function checkedWhat(result: Pick<CheckResult, 'products'>, catalog: Index): string {
	const names = [...new Set(result.products)].map((id) => catalog.productById(id)?.name ?? id);
	if (names.length === 0) return 'no products';
	if (names.length <= 3) return list(names);
	return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

/** A title for a run without a name: what was checked (its date is shown beside it). */
export function untitledRunTitle(result: Pick<CheckResult, 'products'>, catalog: Index): string {
	return `Check of ${checkedWhat(result, catalog)}`;
}
