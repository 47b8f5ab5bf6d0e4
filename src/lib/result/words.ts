/**
 * Every word the result shows: labels of statuses, outcomes and verdicts, the reason behind each
 * requirement's status, and each product's headline and advice — made at display time from the
 * facts a result carries, so an old result reads in today's words. Nothing here is stored.
 */
import type { ManualReason, Product, Purpose, Requirement } from '$lib/data/schema';
import type { LightRequirement } from '$lib/data/light-catalog';
import {
	DIRECTION_LABELS,
	describeProbeUrl,
	formatDestination,
	formatPorts
} from '$lib/data/format';
import type {
	Cause,
	ProbeOutcome,
	ProbeResult,
	ProductResult,
	RequirementResult,
	RequirementStatus,
	Verdict
} from './result';

export const VERDICT_LABELS: Record<Verdict, string> = {
	ready: 'Ready',
	degraded: 'Works with limits',
	'not-ready': 'Not ready',
	unknown: 'Could not tell'
};

export const STATUS_LABELS: Record<RequirementStatus, string> = {
	passed: 'Passed',
	failed: 'Failed',
	partial: 'Partly passed',
	inferred: 'Inferred',
	manual: 'Check by hand',
	'not-run': 'Not decided'
};

/** What one probe saw, for IT. */
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

/** What a requirement is for, in two or three plain words ("video and sound", "signing in"). */
export const PURPOSE_WORDS: Record<Purpose, string> = {
	video: 'video and sound',
	'call-setup': 'setting up calls',
	'web-app': 'the app itself',
	'sign-in': 'signing in',
	'clinical-data': 'clinical records',
	messaging: 'messages',
	updates: 'updates',
	'device-management': 'managing the device',
	logging: 'error reports',
	'time-sync': 'the clock',
	'name-lookup': 'finding the servers',
	'remote-support': 'remote support',
	'connectivity-check': 'the connection check',
	'network-setup': 'network settings'
};

/** The plain words for what blocked requirements are for, each once; never vendor table text. */
export function purposesOf(
	requirements: readonly (Pick<Requirement, 'purpose'> | undefined)[]
): string[] {
	return [
		...new Set(
			requirements.map((r) => (r ? PURPOSE_WORDS[r.purpose] : 'a rule this version does not know'))
		)
	];
}

const sentence = (s: string) => s.replace(/\s*\.?\s*$/, '.');
const SLOW_NOTE = ' (on this slow link, no answer in time is not proof of a block)';

/** "UDP 10000–60000 outbound to *.twilio.com, 34.203.254.0 – 34.203.254.255 and 5 more" */
export function ruleSummary(
	r: Pick<LightRequirement, 'destinations' | 'ports' | 'direction'>,
	maxDestinations = 2
): string {
	const ds = r.destinations.map(formatDestination);
	const shown = ds.slice(0, maxDestinations).join(', ');
	const more = ds.length > maxDestinations ? ` and ${ds.length - maxDestinations} more` : '';
	const to = ds.length ? ` to ${shown}${more}` : '';
	const direction = DIRECTION_LABELS[r.direction].toLowerCase();
	// "none given outbound to …" reads as nonsense: say the ports are missing instead.
	return r.ports.length
		? `${formatPorts(r.ports)} ${direction}${to}`
		: `${direction} traffic${to} (the document gives no ports)`;
}

export function probeLine(p: Pick<ProbeResult, 'url' | 'outcome'>): string {
	return `${describeProbeUrl(p.url)}: ${OUTCOME_TEXT[p.outcome]}`;
}

/** Why a manual rule cannot be tested, without saying the same thing twice. */
function manualWhy(reason: ManualReason, detail: string | undefined): string {
	const base = MANUAL_REASON_TEXT[reason];
	if (!detail) return base;
	// A detail that restates the reason (it opens with the same words: "netready deliberately does
	// not contact cdn.polyfill.io …") replaces it rather than repeating it in brackets.
	const opening = (text: string) => text.toLowerCase().split(/\s+/).slice(0, 3).join(' ');
	return opening(detail) === opening(base) ? detail.replace(/\.\s*$/, '') : `${base} (${detail})`;
}

/**
 * The one line for IT under a requirement's status. `requirement` is undefined when today's data
 * no longer has it (an old result): the line then rests on the probes alone.
 */
export function requirementReason(
	requirement: Requirement | undefined,
	rr: RequirementResult,
	probes: readonly ProbeResult[]
): string {
	const lines = probes.map(probeLine);
	const count = rr.probes.length;
	const passed = probes.filter((p) => p.outcome === 'reachable').length;
	const failed = probes.filter((p) => ['refused', 'dns-failed', 'timeout'].includes(p.outcome));
	switch (rr.status) {
		case 'manual':
			if (requirement?.check.kind !== 'manual')
				return 'Not testable in a browser; IT can run the manual commands.';
			// A destination that is itself a risk is not one to check by hand and then open.
			return sentence(
				`Not testable in a browser: ${manualWhy(requirement.check.reason, requirement.check.detail)}. ${
					requirement.flags?.some((f) => f.kind === 'security-risk')
						? `IT must not allow ${ruleSummary(requirement)}: see the security risk`
						: `IT must check ${ruleSummary(requirement)} by hand`
				}`
			);
		case 'inferred': {
			const basis = probes.length ? lines.join('; ') : 'no probe ran';
			const lean =
				rr.inferredOutcome === 'open'
					? 'so this is probably open'
					: rr.inferredOutcome === 'blocked'
						? 'so this is probably blocked too'
						: 'so nothing can be concluded';
			const why =
				requirement?.check.kind === 'inferred' ? ` ${sentence(requirement.check.reason)}` : '';
			const confirm = requirement ? ` IT must still confirm ${ruleSummary(requirement)}` : '';
			return sentence(`Inferred, not tested: ${basis} — ${lean}.${why}${confirm}`);
		}
		case 'not-run':
			return sentence(
				probes.length
					? `No probe could decide: ${lines.join('; ')}${rr.slowNotBlocked ? SLOW_NOTE : ''}`
					: 'The probes for this requirement did not run'
			);
		case 'passed':
			return sentence(
				count <= 1 && lines.length ? lines[0]! : `All ${count} probes passed: ${lines.join('; ')}`
			);
		case 'failed': {
			const slow = rr.slowNotBlocked ? SLOW_NOTE : '';
			const head =
				failed.length === count
					? count === 1
						? 'Failed'
						: `All ${count} probes failed`
					: `${failed.length} of ${count} probes failed, none passed`;
			return sentence(`${head}: ${lines.join('; ')}${slow}`);
		}
		case 'partial':
			return sentence(
				`${passed} of ${count} probes passed: ${lines.join('; ')}${rr.slowNotBlocked ? SLOW_NOTE : ''}`
			);
	}
}

type Named = Pick<Product, 'name' | 'kind'>;

/** One plain sentence for a clinician or patient. `product` may be missing from today's data. */
export function productHeadline(product: Named | undefined, pr: ProductResult, id = ''): string {
	const name = product?.name ?? id;
	const video = product?.kind === 'video';
	switch (pr.verdict) {
		case 'not-ready': {
			const will = pr.onlyInferred ? 'will probably not' : 'will not';
			return video
				? `Video calls ${will} work on this network`
				: `${name} ${will} work on this network`;
		}
		case 'degraded':
			if (pr.limit === 'relay')
				return video
					? 'Video calls will work through the relay, with lower quality'
					: `${name} will work through the relay, with lower quality`;
			if (pr.limit === 'partial')
				return video
					? 'Video calls should work, but part of what they need is blocked'
					: `${name} should work, but part of what it needs is blocked`;
			// A link made before version 2 carries no reason for the limit: say no more than it knows.
			return video ? 'Video calls should work, with limits' : `${name} should work, with limits`;
		case 'ready':
			if (pr.doubt)
				return video
					? 'Video calls should probably work'
					: `${name} should probably work on this network`;
			return video
				? 'Video calls will work'
				: pr.manualMandatory
					? `${name} should work on this network`
					: `${name} will work on this network`;
		case 'unknown':
			if (pr.undecided === 'offline') return 'This device is not connected to the internet';
			if (pr.undecided === 'slow-link')
				return video
					? 'The connection is too slow to tell whether video calls will work'
					: `The connection is too slow to tell whether ${name} will work`;
			return video
				? 'We could not tell whether video calls will work'
				: `We could not tell whether ${name} will work`;
	}
}

const IT_ADVICE = 'Send this result to your IT team: it lists exactly which rule to open.';

/** What to do next, plainly. */
export function productAdvice(product: Named | undefined, pr: ProductResult): string[] {
	const video = product?.kind === 'video';
	switch (pr.verdict) {
		case 'not-ready':
			return [
				video
					? 'Try mobile data or another network (for example your phone’s hotspot).'
					: 'If you can, try another network to confirm the problem is this one.',
				IT_ADVICE
			];
		case 'degraded':
			return [
				pr.limit === 'relay'
					? 'Calls should connect. For better quality, ask IT to allow outbound UDP for video (details below).'
					: 'It may be slower or less reliable than it should be.',
				IT_ADVICE
			];
		case 'ready': {
			const n = pr.manualMandatory ?? 0;
			const advice: string[] = [];
			if (pr.doubt)
				advice.push(
					'Part of what it needs could not be tested while similar traffic failed in this check: ask IT to confirm (see Details for IT).'
				);
			if (n)
				advice.push(
					`${n} required rule${n === 1 ? '' : 's'} cannot be tested from a browser: ask IT to check ${n === 1 ? 'it' : 'them'} (see Details for IT).`
				);
			return advice;
		}
		case 'unknown':
			switch (pr.undecided) {
				case 'offline':
					return [
						'Check that Wi-Fi or the network cable is connected, or turn off flight mode, then run the check again.'
					];
				case 'cancelled':
					return ['The check was stopped before it finished: run it again.', IT_ADVICE];
				case 'webrtc-unavailable':
					return [
						'This browser cannot test video calls (WebRTC is turned off or missing). On an iPhone, iPad or Mac, check whether Lockdown Mode is on; otherwise try an up-to-date Chrome, Edge, Firefox or Safari, or ask IT whether a policy disables WebRTC.',
						IT_ADVICE
					];
				case 'no-error-events':
					return [
						'This browser cannot fully test video relays (TURN). Run the check again in Chrome, Edge or an up-to-date Firefox.',
						IT_ADVICE
					];
				case 'slow-link':
					return [
						'This connection is very slow. Move closer to the Wi-Fi, turn off a VPN, or try another network, then run the check again.',
						IT_ADVICE
					];
				case 'manual-only':
					return [
						'A browser cannot test what it needs: ask IT to check the rules in Details for IT.',
						IT_ADVICE
					];
				default:
					return ['Try again, or in another browser.', IT_ADVICE];
			}
	}
}

/** What the network does, in two or three words: grids, history rows, the fleet matrix. */
export const CAUSE_LABELS: Record<Cause, string> = {
	offline: 'No internet connection',
	'dns-filtered': 'Names filtered (DNS)',
	'udp-blocked': 'UDP blocked',
	'only-tcp-443': 'Only TCP 443 open',
	'stun-turn-ports-blocked': 'STUN/TURN ports blocked',
	'tls-intercepted': 'HTTPS intercepted or filtered',
	'websocket-blocked': 'WebSocket blocked',
	proxy: 'Web proxy in the way',
	'slow-link': 'Slow connection',
	'local-firewall': 'This computer’s firewall'
};
