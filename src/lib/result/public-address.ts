/**
 * The public (server-reflexive) address out of a result: the default for downloads, links and
 * history. Kept apart from the scrubber (privacy.ts, which needs ipaddr.js) so the check page can
 * strip it without loading that on a first visit.
 */
import type { CheckResult } from './result';

export function withoutPublicAddresses(result: CheckResult): CheckResult {
	return {
		...result,
		probes: result.probes.map((p) => {
			if (p.evidence.publicAddress === undefined) return p;
			const { publicAddress: _drop, ...evidence } = p.evidence;
			void _drop;
			return { ...p, evidence };
		})
	};
}
