/** The downloadable JSON of a CheckResult, and the privacy filter every share goes through. */
import type { CheckResult } from './result';

/** A copy without the public (server-reflexive) addresses: the default for downloads, links and history. */
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

/** netready-result-2026-11-29T19-53-07Z.json — colons are not allowed in file names everywhere. */
export function resultFilename(result: Pick<CheckResult, 'finishedAt'>): string {
	const stamp = result.finishedAt.replace(/\.\d+(?=Z$)/, '').replaceAll(':', '-');
	return `netready-result-${stamp}.json`;
}

export function resultJson(
	result: CheckResult,
	options: { includePublicAddress?: boolean } = {}
): string {
	const out = options.includePublicAddress ? result : withoutPublicAddresses(result);
	return JSON.stringify(out, null, 2) + '\n';
}
