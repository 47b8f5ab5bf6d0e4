/** How a saved run is named on the pages: its label, else when it ran. */
import type { CheckResult } from '$lib/result/result';
import type { RunRecord } from './record';

export function formatWhen(iso: string): string {
	const date = new Date(iso);
	if (!Number.isFinite(date.getTime())) return 'an unknown time';
	return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function runName(
	run: Pick<RunRecord, 'label' | 'origin'> & { result: CheckResult }
): string {
	const when = formatWhen(run.result.startedAt);
	const base = run.label ? `${run.label} (${when})` : `the check of ${when}`;
	return run.origin === 'shared' ? `${base}, shared with you` : base;
}
