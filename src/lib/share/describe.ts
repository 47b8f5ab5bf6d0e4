/**
 * Plain texts rebuilt from a shared result. A permalink carries statuses, verdicts and probe
 * evidence, not the sentences the check wrote (they would not fit in a link); the shared page says
 * so, and these texts are rebuilt from what the link does carry.
 */
import type { ProbeOutcome, ProbeResult, RequirementStatus, Verdict } from '$lib/check/result';

const OUTCOME_WORDS: Record<ProbeOutcome, string> = {
	reachable: 'answered',
	refused: 'refused',
	'dns-failed': 'name did not resolve',
	timeout: 'no answer in time',
	unsupported: 'not supported by the browser',
	inconclusive: 'inconclusive',
	cancelled: 'cancelled'
};

const STATUS_WORDS: Record<RequirementStatus, string> = {
	passed: 'Passed',
	failed: 'Failed',
	partial: 'Partly passed',
	inferred: 'Inferred',
	manual: 'Not testable in a browser',
	'not-run': 'Not run'
};

export function outcomeWord(outcome: ProbeOutcome): string {
	return OUTCOME_WORDS[outcome];
}

export function statusWord(status: RequirementStatus): string {
	return STATUS_WORDS[status];
}

export function sharedReason(status: RequirementStatus, probes: readonly ProbeResult[]): string {
	if (status === 'manual') return 'Not testable in a browser; IT can run the manual commands.';
	if (status === 'not-run') return 'Not run in this check.';
	if (probes.length === 0) return `${statusWord(status)}.`;
	return `${statusWord(status)}: ${probes.map((p) => `${p.url} ${outcomeWord(p.outcome)}`).join('; ')}.`;
}

export function sharedHeadline(
	verdict: Verdict,
	product: { name?: string; kind?: string } | undefined,
	fallbackName: string
): string {
	const name = product?.name ?? fallbackName;
	if (product?.kind === 'video') {
		switch (verdict) {
			case 'ready':
				return `${name}: video calls should work on that network.`;
			case 'degraded':
				return `${name}: video calls should work through the relay, with lower quality.`;
			case 'not-ready':
				return `${name}: video calls will not work on that network.`;
			case 'unknown':
				return `${name}: the check could not tell whether video calls will work.`;
		}
	}
	switch (verdict) {
		case 'ready':
			return `${name} should work on that network.`;
		case 'degraded':
			return `${name} should work, with some recommended connections blocked.`;
		case 'not-ready':
			return `${name} will not work on that network.`;
		case 'unknown':
			return `The check could not tell whether ${name} will work.`;
	}
}

export function sharedAdvice(verdict: Verdict): string[] {
	switch (verdict) {
		case 'ready':
			return [];
		case 'degraded':
			return ['Send this link to IT: the failed rules show which connections to allow.'];
		case 'not-ready':
			return ['Try mobile data.', 'Send this link to IT: the failed rules show what to open.'];
		case 'unknown':
			return ['Run the check again on this network.'];
	}
}
