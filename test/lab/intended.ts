/**
 * Intended outcomes (issue 11) shared by several profile files in ./profiles/. Not asserted yet:
 * the diagnosis module that will produce them does not exist.
 */
import type { Verdict } from '../../src/lib/result/result';
import type { IntendedOutcome } from './profiles/types';

/** No internet at all: one answer for the device, no product verdicts. */
export const NOT_CONNECTED: IntendedOutcome = {
	summary:
		'"This device is not connected": no product verdict and no "send this to your IT team"; ' +
		'history records the run as not connected.',
	overall: 'not-connected'
};

/** Every product of a run keeps the verdict it gets today; only the named cause is new. */
export function sameVerdicts(
	verdicts: Record<string, { verdict: Verdict; why: string }>,
	summary: string
): IntendedOutcome {
	return {
		summary,
		verdicts: Object.fromEntries(
			Object.entries(verdicts).map(([id, v]) => [id, { allowed: [v.verdict], why: v.why }])
		)
	};
}
