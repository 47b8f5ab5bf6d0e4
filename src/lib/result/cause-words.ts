/**
 * The words for what the diagnosis found: one sentence for a clinician or patient, and for IT the
 * evidence (which probes, how sure, what it cannot be told apart from) and what to change.
 */
import { describeProbeUrl } from '$lib/data/format';
import type { Cause, Diagnosis, Finding, ProbeResult } from './result';
import { CAUSE_LABELS, OUTCOME_TEXT } from './words';

const list = (xs: readonly string[]) =>
	xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

/** One plain sentence: what this network does, for someone with no IT team. */
export function causeSentence(f: Finding, diagnosis?: Pick<Diagnosis, 'rttMs'>): string {
	const domains = list(f.domains ?? []);
	switch (f.cause) {
		case 'offline':
			return 'This device is not connected to the internet.';
		case 'dns-filtered':
			return `This network does not look up the names of ${domains || 'some of the services'}, so the apps cannot find them.`;
		case 'udp-blocked':
			return 'This network blocks the fast kind of video traffic (UDP), so calls can only go through a slower relay.';
		case 'only-tcp-443':
			return 'This network only lets ordinary web traffic out (port 443); other connections are blocked.';
		case 'stun-turn-ports-blocked':
			return 'This network blocks the connections video services use to set up calls (ports 3478 and 5349).';
		case 'tls-intercepted':
			return 'Something on this network intercepts or filters secure web connections, so the services cannot be reached safely.';
		case 'websocket-blocked':
			return `This network blocks the live connection (WebSocket) to ${domains || 'some services'} while their web pages load.`;
		case 'proxy':
			return 'This network sends traffic through a web proxy that lets only web traffic through.';
		case 'slow-link':
			return `This connection is very slow${diagnosis?.rttMs ? ` (about ${diagnosis.rttMs.toLocaleString('en-GB')} ms for each round trip)` : ''}: slow answers were not counted as blocked.`;
		case 'local-firewall':
			return 'This computer’s own firewall or security software blocks video traffic (UDP).';
	}
}

/** What IT changes for this cause. */
export const CAUSE_FIX: Record<Cause, string> = {
	offline: 'Connect the device (Wi-Fi, cable, flight mode off) and run the check again.',
	'dns-filtered':
		'Allow these names in the DNS filter or resolver (and check the resolver forwards them).',
	'udp-blocked':
		'Allow outbound UDP to the vendors’ media and relay addresses (the failed rules below list them).',
	'only-tcp-443': 'Open the other ports and protocols the failed rules below list.',
	'stun-turn-ports-blocked':
		'Allow UDP and TCP 3478 and TCP 5349 (and the media ranges) to the vendors’ relays.',
	'tls-intercepted':
		'Exempt the vendors’ hosts from TLS inspection and web filtering, or install the inspecting certificate on this device.',
	'websocket-blocked':
		'Let WebSocket traffic to these hosts through the web filter: the Accurx guidance lists a Smoothwall authentication exception for appearin.net, turning off SonicWall App Control, and on Sophos UTM HTTP/HTTPS filtering exceptions with WebSocket traffic bypassing the UTM (a PAC file can send it direct).',
	proxy:
		'Let the video relays bypass the proxy (a PAC DIRECT rule) or allow CONNECT to ports 3478 and 5349, and allow outbound UDP for media.',
	'slow-link':
		'No rule to open for this: the link is slow (satellite, a congested VPN or mobile link). Time-outs were not counted as blocks; run the check again on a faster link to test them.',
	'local-firewall':
		'Allow the browser through this computer’s firewall or endpoint security for outbound UDP.'
};

const CERTAINTY_WORDS = { shown: 'Shown', likely: 'Likely' } as const;

/** The evidence for IT, in one line: how sure, by which probes, and what it cannot tell apart. */
export function causeEvidence(f: Finding, probes: readonly ProbeResult[]): string {
	const byUrl = new Map(probes.map((p) => [p.url, p]));
	const lines = f.probes.slice(0, 4).map((u) => {
		const p = byUrl.get(u);
		return p ? `${describeProbeUrl(u)}: ${OUTCOME_TEXT[p.outcome]}` : describeProbeUrl(u);
	});
	const more = f.probes.length > 4 ? ` and ${f.probes.length - 4} more` : '';
	const alt = f.alternatives?.length
		? ` It cannot be told apart from: ${f.alternatives.map((c) => CAUSE_LABELS[c]).join(', ')}.`
		: '';
	const domains = f.domains?.length ? ` (${f.domains.join(', ')})` : '';
	return `${CERTAINTY_WORDS[f.certainty]}: ${CAUSE_LABELS[f.cause]}${domains}, from ${f.probes.length} probe${f.probes.length === 1 ? '' : 's'}${lines.length ? ` — ${lines.join('; ')}${more}` : ''}.${alt}`;
}
