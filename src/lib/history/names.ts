/** How a saved run is named on the pages: its label, else when it ran. */
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
