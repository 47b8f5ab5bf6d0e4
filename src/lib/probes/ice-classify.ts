/**
 * Reads an ICE gathering log (see ice-log.ts) and says what it proves about one STUN or TURN server.
 *
 * Facts this rests on (measured with Chromium 156 / Firefox ESR 153 against coturn):
 * - TURN with deliberately wrong credentials answers 401, reported as icecandidateerror 401: the server
 *   was reached over that transport. Any STUN error response (300–699) proves the same.
 * - 701 "… host lookup received error." means the name did not resolve (Chromium over UDP).
 * - 701 "Failed to establish connection" means the TCP connection failed: refused, or — Chromium
 *   reports a DNS failure over TCP/TLS the same way — the name did not resolve.
 * - Dropped UDP gives no event at all for tens of seconds in Chromium; Firefox ESR 153 reports 701
 *   with an empty text once its STUN retransmissions run out (11 s in the lab; about 4 s was seen
 *   elsewhere). So silence until the bound means "no answer".
 * - Firefox gives no text at all, so its 701 says only "failed". Over TCP/TLS that is a failed
 *   connection. Over UDP, when it comes in under a second, no STUN transaction can have timed out
 *   yet (retransmissions alone take longer): the request never went out, which in practice means
 *   the name did not resolve (Firefox reports NXDOMAIN that way within ~50 ms in the lab). UDP has
 *   no "refused": both engines ignore ICMP port unreachable and wait as for a drop.
 * - The IPv6 socket reports its own 701 even when IPv4 works — typically "host lookup received
 *   error." because the server has no IPv6 address — so one event never decides: errors are grouped
 *   by address family, any positive answer wins, and IPv6 or unidentified sockets (TCP errors carry
 *   no address) decide only once gathering has finished.
 */
import type { ProbeEvidence, ProbeOutcome } from '$lib/result/result';
import {
	errorFamily,
	type IceCandidateEvent,
	type IceErrorEvent,
	type IceEvent,
	type IceLog
} from './ice-log';
import { parseIceUrl, type IceUrl } from '$lib/data/probe-url';

export interface IceClassification {
	outcome: ProbeOutcome;
	/** ms from the start of gathering to the first answer from the server (includes the DNS lookup) */
	rttMs?: number;
	evidence: ProbeEvidence;
}

type ErrorMeaning = 'answered' | 'dns-failed' | 'refused' | 'no-answer';

/**
 * No STUN transaction over UDP can time out sooner: with retransmissions (RFC 5389 7.2.1; browsers
 * start at 100–500 ms and retransmit several times) giving up takes seconds. A failure reported
 * before this was not a timeout.
 */
export const EARLIEST_UDP_TIMEOUT_MS = 1000;

/** What one icecandidateerror says, given the transport the server was reached over. */
export function errorMeaning(
	e: Pick<IceErrorEvent, 'code' | 'text'> & { t?: number },
	via: IceUrl['via']
): ErrorMeaning {
	if (e.code >= 300 && e.code <= 699) return 'answered';
	const text = e.text.trim();
	if (/host lookup/i.test(text)) return 'dns-failed';
	if (/failed to establish connection/i.test(text)) return 'refused';
	if (/timed? ?out/i.test(text)) return 'no-answer';
	// No text (Firefox) or an unknown one. Over TCP/TLS: a failed connection. Over UDP: a timeout,
	// unless it came too soon to be one; then the request could not be sent at all.
	if (via !== 'udp') return 'refused';
	return e.t !== undefined && e.t < EARLIEST_UDP_TIMEOUT_MS ? 'dns-failed' : 'no-answer';
}

function isPositive(e: IceEvent, kind: 'stun' | 'turn'): e is IceCandidateEvent | IceErrorEvent {
	if (e.type === 'candidate')
		return e.candidateType === 'relay' || (kind === 'stun' && e.candidateType === 'srflx');
	if (e.type === 'error') return e.code >= 300 && e.code <= 699;
	return false;
}

/** True once the events already prove reachability, so the adapter can stop gathering early. */
export function iceDecided(events: readonly IceEvent[], kind: 'stun' | 'turn'): boolean {
	return events.some((e) => isPositive(e, kind));
}

/** Why gathering should stop now that `events` were seen, or undefined to keep listening. */
export function iceStopReason(
	events: readonly IceEvent[],
	kind: 'stun' | 'turn'
): 'gathering-complete' | 'decided' | undefined {
	if (events.at(-1)?.type === 'gathering-complete') return 'gathering-complete';
	return iceDecided(events, kind) ? 'decided' : undefined;
}

/**
 * The log the adapter would have written for this event sequence under this bound: the same
 * stopping rules, applied to a recording. Lets unit tests run real recordings through the probe.
 */
export function replayIce(
	recording: Pick<IceLog, 'url' | 'errorEvents'> & { events: readonly IceEvent[] },
	boundMs: number
): IceLog {
	const kind = parseIceUrl(recording.url)?.scheme === 'stun' ? 'stun' : 'turn';
	const events: IceEvent[] = [];
	const log = (t: number, reason: IceLog['end']['reason']): IceLog => ({
		url: recording.url,
		policy: kind === 'turn' ? 'relay' : 'all',
		errorEvents: recording.errorEvents,
		events,
		end: { t, reason }
	});
	for (const e of [...recording.events].sort((a, b) => a.t - b.t)) {
		if (e.t > boundMs) break;
		events.push(e);
		const stop = iceStopReason(events, kind);
		if (stop) return log(e.t, stop);
	}
	return log(boundMs, 'bound');
}

function describeError(e: IceErrorEvent): string {
	return `${e.code}${e.text ? ` “${e.text}”` : ' (no text)'}`;
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function candidateTypes(events: readonly IceEvent[]): string[] {
	const types = new Set<string>();
	for (const e of events)
		if (e.type === 'candidate')
			types.add(e.protocol ? `${e.candidateType}/${e.protocol}` : e.candidateType);
	return [...types];
}

function iceErrors(events: readonly IceEvent[]): NonNullable<ProbeEvidence['iceErrors']> {
	const out: NonNullable<ProbeEvidence['iceErrors']> = [];
	for (const e of events) {
		if (e.type !== 'error') continue;
		const family = errorFamily(e);
		if (!out.some((o) => o.code === e.code && o.text === e.text && o.family === family))
			out.push({ code: e.code, text: e.text, family });
	}
	return out;
}

/** Classifies a STUN or TURN log; the kind comes from the url's scheme. */
export function classifyIce(log: IceLog): IceClassification {
	const url = parseIceUrl(log.url);
	const kind = url?.scheme === 'stun' ? 'stun' : 'turn';
	const via = url?.via ?? 'udp';
	const evidence: ProbeEvidence = {};
	const types = candidateTypes(log.events);
	if (types.length) evidence.candidateTypes = types;
	const errors = iceErrors(log.events);
	if (errors.length) evidence.iceErrors = errors;

	const positive = log.events.find((e) => isPositive(e, kind));
	if (positive) {
		if (positive.type === 'candidate' && positive.candidateType === 'srflx' && positive.address)
			evidence.publicAddress = positive.address;
		evidence.detail =
			positive.type === 'candidate'
				? `${positive.candidateType === 'srflx' ? 'server-reflexive' : 'relay'} candidate after ${fmtMs(positive.t)}`
				: `the server answered ${describeError(positive)} after ${fmtMs(positive.t)}` +
					(positive.code === 401
						? ' — netready sends test credentials on purpose, so this refusal proves the server is reachable'
						: '');
		return { outcome: 'reachable', rttMs: Math.round(positive.t), evidence };
	}

	const end = log.end;
	if (end.reason === 'aborted') {
		evidence.detail = `stopped after ${fmtMs(end.t)}`;
		return { outcome: 'cancelled', evidence };
	}
	if (end.reason === 'setup-failed') {
		evidence.detail = `the browser refused to start WebRTC${end.detail ? `: ${end.detail}` : ''}`;
		return { outcome: 'unsupported', evidence };
	}

	const completed =
		end.reason !== 'bound' || log.events.some((e) => e.type === 'gathering-complete');
	const errorEvents = log.events.filter((e): e is IceErrorEvent => e.type === 'error');
	const byFamily = (f: string) => errorEvents.filter((e) => errorFamily(e) === f);
	// IPv4 decides when it spoke; the others only once gathering finished, because a lone IPv6
	// failure says nothing while the IPv4 socket may still be waiting.
	let decisive = byFamily('ipv4');
	// TCP/TLS errors carry no address. Recorded Chromium runs show every TCP socket taking the same
	// path (both answer 401, or both fail together, or both stay silent), so over TCP they decide.
	if (!decisive.length && (completed || via !== 'udp')) decisive = byFamily('unknown');
	// Not even a failed name lookup decides on its own: a server without an IPv6 address (no AAAA
	// record) makes the IPv6 socket report "host lookup received error" while IPv4 works.
	if (!decisive.length && completed) decisive = byFamily('ipv6');

	if (decisive.length) {
		const meanings = decisive.map((e) => errorMeaning(e, via));
		const first = decisive[0]!;
		const dnsFailure = decisive.find((e, i) => meanings[i] === 'dns-failed');
		if (dnsFailure) {
			evidence.detail = /host lookup/i.test(dnsFailure.text)
				? `${describeError(dnsFailure)} after ${fmtMs(dnsFailure.t)}: the server's name did not resolve`
				: `${describeError(dnsFailure)} after ${fmtMs(dnsFailure.t)}, too soon for any answer to have been awaited: ` +
					'the request could not be sent, which means the server’s name did not resolve ' +
					'(or, rarely, that this computer has no route to it; the browser gives no reason)';
			return { outcome: 'dns-failed', evidence };
		}
		if (meanings.includes('refused')) {
			evidence.detail =
				`${describeError(first)} after ${fmtMs(first.t)}: the ${via === 'tls' ? 'TLS' : 'TCP'} connection failed — ` +
				'refused, or the name did not resolve (the browser reports both the same way over TCP)';
			return { outcome: 'refused', evidence };
		}
		evidence.detail = `${describeError(first)} after ${fmtMs(first.t)}: no answer from the server`;
		return { outcome: 'timeout', evidence };
	}

	if (kind === 'turn' && !log.errorEvents) {
		evidence.detail =
			'this browser does not report TURN errors (no icecandidateerror event): a relay candidate would have ' +
			'proved the server reachable, but its absence proves nothing, because netready uses test credentials';
		return { outcome: 'inconclusive', evidence };
	}

	if (completed) {
		if (kind === 'stun' && !log.events.some((e) => e.type === 'candidate')) {
			evidence.detail =
				'the browser gathered no local candidates at all: WebRTC is probably limited by a policy or an extension';
			return { outcome: 'unsupported', evidence };
		}
		evidence.detail =
			`gathering finished after ${fmtMs(end.t)} without a ${kind === 'stun' ? 'server-reflexive' : 'relay'} candidate and without an error` +
			(kind === 'stun'
				? ' (this happens when the computer has a public address of its own, or when the browser hides the result)'
				: '');
		return { outcome: 'inconclusive', evidence };
	}

	evidence.detail =
		`no answer within ${fmtMs(end.t)}` +
		(errorEvents.length
			? ` (${errorEvents.map(describeError).join(', ')} came only from an IPv6 or unidentified socket, which does not decide)`
			: '') +
		(via === 'udp'
			? ': UDP is probably dropped on the way, or the name lookup got no answer'
			: ': the connection never completed (packets dropped on the way, or the name lookup got no answer)');
	return { outcome: 'timeout', evidence };
}
