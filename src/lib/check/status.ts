/** From probe outcomes to one status per requirement, with a one-line reason for IT. */
import type { ManualReason, Requirement } from '$lib/data/schema';
import {
	DIRECTION_LABELS,
	describeProbeUrl,
	formatDestination,
	formatPorts
} from '$lib/data/format';
import type { ProbeOutcome, ProbeResult, RequirementResult } from './result';
import { requirementTargets } from './plan';

export type ProbeSignal = 'pass' | 'fail' | 'undecided';

/** reachable passes; refused, dns-failed and timeout fail; the rest decide nothing. */
export function probeSignal(outcome: ProbeOutcome): ProbeSignal {
	switch (outcome) {
		case 'reachable':
			return 'pass';
		case 'refused':
		case 'dns-failed':
		case 'timeout':
			return 'fail';
		default:
			return 'undecided';
	}
}

export const OUTCOME_TEXT: Record<ProbeOutcome, string> = {
	reachable: 'reachable',
	refused: 'failed fast (refused or blocked)',
	'dns-failed': 'name did not resolve',
	timeout: 'no answer in time',
	unsupported: 'not possible in this browser',
	inconclusive: 'inconclusive',
	cancelled: 'stopped'
};

export const MANUAL_REASON_TEXT: Record<ManualReason, string> = {
	'raw-tcp': 'a browser cannot open a raw TCP connection to this port',
	ntp: 'a browser cannot send NTP (UDP 123)',
	dns: 'a browser cannot query a DNS server directly',
	'plain-http': 'a secure page cannot make plain HTTP requests (mixed content)',
	inbound: 'the connection is made towards this site, not from the browser',
	'local-network': 'the traffic stays inside the local network',
	'private-network':
		'the destination is a private (N3/HSCN) network the browser cannot name or reach',
	'media-range': 'only a real call uses this media port range',
	'no-destination': 'the vendor gives no destination to test against',
	withheld: 'netready deliberately does not contact this destination',
	'not-a-flow': 'this is device provisioning, not a network connection'
};

/** "UDP 10000–60000 outbound to *.twilio.com, 34.203.254.0 – 34.203.254.255 and 5 more" */
export function ruleSummary(r: Requirement, maxDestinations = 2): string {
	const ds = r.destinations.map(formatDestination);
	const shown = ds.slice(0, maxDestinations).join(', ');
	const more = ds.length > maxDestinations ? ` and ${ds.length - maxDestinations} more` : '';
	const to = ds.length ? ` to ${shown}${more}` : '';
	return `${formatPorts(r.ports)} ${DIRECTION_LABELS[r.direction].toLowerCase()}${to}`;
}

function probeLine(p: ProbeResult): string {
	return `${describeProbeUrl(p.url)}: ${OUTCOME_TEXT[p.outcome]}`;
}

const sentence = (s: string) => s.replace(/\s*\.?\s*$/, '.');

export function requirementResult(
	r: Requirement,
	probes: ReadonlyMap<string, ProbeResult>
): RequirementResult {
	if (r.check.kind === 'manual') {
		return {
			status: 'manual',
			probes: [],
			reason: sentence(
				`Not testable in a browser: ${MANUAL_REASON_TEXT[r.check.reason]}${r.check.detail ? ` (${r.check.detail})` : ''}. IT must check ${ruleSummary(r)} by hand`
			)
		};
	}
	const urls = [...new Set(requirementTargets(r).map((t) => t.url))];
	const found = urls.map((u) => probes.get(u)).filter((p): p is ProbeResult => !!p);
	const signals = found.map((p) => probeSignal(p.outcome));
	const passed = found.filter((_, i) => signals[i] === 'pass');
	const failed = found.filter((_, i) => signals[i] === 'fail');
	const undecided = found.filter((_, i) => signals[i] === 'undecided');
	const missing = urls.length - found.length;

	if (r.check.kind === 'inferred') {
		// One failed route next to undecided ones proves nothing about the rest: only all-failed is blocked.
		const inferredOutcome = passed.length
			? 'open'
			: failed.length && !undecided.length
				? 'blocked'
				: 'unknown';
		const basis = found.length ? found.map(probeLine).join('; ') : 'no probe ran';
		const lean =
			inferredOutcome === 'open'
				? 'so this is probably open'
				: inferredOutcome === 'blocked'
					? 'so this is probably blocked too'
					: 'so nothing can be concluded';
		return {
			status: 'inferred',
			probes: urls,
			inferredOutcome,
			reason: sentence(
				`Inferred, not tested: ${basis} — ${lean}. ${sentence(r.check.reason)} IT must still confirm ${ruleSummary(r)}`
			)
		};
	}

	const lines = found.map(probeLine);
	const all = urls.length;
	if (found.length === 0 || (passed.length === 0 && failed.length === 0)) {
		return {
			status: 'not-run',
			probes: urls,
			reason: sentence(
				found.length
					? `No probe could decide: ${lines.join('; ')}`
					: 'The probes for this requirement did not run'
			)
		};
	}
	if (failed.length === 0 && undecided.length === 0 && missing === 0)
		return {
			status: 'passed',
			probes: urls,
			reason: sentence(all === 1 ? lines[0]! : `All ${all} probes passed: ${lines.join('; ')}`)
		};
	if (passed.length === 0)
		return {
			status: 'failed',
			probes: urls,
			reason: sentence(
				`${failed.length === all ? (all === 1 ? 'Failed' : `All ${all} probes failed`) : `${failed.length} of ${all} probes failed, none passed`}: ${lines.join('; ')}`
			)
		};
	return {
		status: 'partial',
		probes: urls,
		reason: sentence(`${passed.length} of ${all} probes passed: ${lines.join('; ')}`)
	};
}

/** Every requirement of the given products, keyed by id. */
export function requirementResults(
	requirements: readonly Requirement[],
	probes: readonly ProbeResult[]
): Record<string, RequirementResult> {
	const byUrl = new Map(probes.map((p) => [p.url, p]));
	const out: Record<string, RequirementResult> = {};
	for (const r of requirements) out[r.id] = requirementResult(r, byUrl);
	return out;
}
