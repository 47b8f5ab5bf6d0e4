/**
 * What this network does, read from every probe of one run at once: the network is one, so a
 * pattern across products and vendors names the cause where one product's probes alone cannot.
 * Facts only, each with the probes that show it and how sure it is ("shown": the probes leave no
 * other reading; "likely": the best reading, with the ones it cannot be told apart from). The
 * words are made in result/words.ts; docs/diagnosis.md says what it can and cannot tell.
 */
import { parseProbeUrl, type ProbeUrl } from '$lib/data/probe-url';
import { SLOW_LINK_RTT_MS, medianRtt, rttSample } from '$lib/probes/bounds';
import {
	probeSignal,
	type Cause,
	type Diagnosis,
	type Finding,
	type ProbeResult
} from '$lib/result/result';

/** A UDP failure this fast never left the machine: no STUN transaction can time out that soon. */
export const TOO_FAST_TO_LEAVE_MS = 300;
/** A web failure this fast was an answer (a reset, a certificate, a filter page), not silence. */
export const FAST_FAILURE_MS = 1500;

export interface DiagnosisInput {
	probes: readonly ProbeResult[];
	/** navigator.onLine when the check ended */
	online?: boolean;
	/** the site's own origin, fetched past every cache: did it answer */
	originReachable?: boolean;
	/**
	 * The engine reports failed name lookups of WebRTC servers (Chromium does, for the IPv6 lookup
	 * of every name even when IPv4 works — docs/lab.md): then a run in which no lookup answered at
	 * all says DNS itself is dead.
	 */
	lookupErrorsReported?: boolean;
}

interface Seen {
	probe: ProbeResult;
	url: ProbeUrl;
	family: string;
	signal: 'pass' | 'fail' | 'undecided';
}

/** Suffixes under which a name's owner is one label further left (nhs.uk, co.uk, …). */
const SECOND_LEVEL = new Set(['co.uk', 'org.uk', 'nhs.uk', 'ac.uk', 'gov.uk', 'com.au', 'co.nz']);

/** "global.turn.twilio.com" → "twilio.com": the domain family a filter would name. */
export function domainFamily(host: string): string {
	if (/^[\d.]+$/.test(host) || host.startsWith('[')) return host;
	const labels = host.toLowerCase().replace(/\.$/, '').split('.');
	const two = labels.slice(-2).join('.');
	return SECOND_LEVEL.has(two) ? labels.slice(-3).join('.') : two;
}

const urls = (xs: readonly Seen[]) => xs.map((s) => s.probe.url);
const isUdp = (s: Seen) => s.url.ice && s.url.via === 'udp';
const isTcp = (s: Seen) => !isUdp(s);
const failedFast = (s: Seen, ms: number) =>
	s.signal === 'fail' && s.probe.outcome !== 'timeout' && s.probe.ms < ms;

/** The link's round trip as the answers show it (median over every answer). */
export function measuredRtt(probes: readonly ProbeResult[]): number | undefined {
	const samples: number[] = [];
	for (const p of probes) {
		if (p.outcome !== 'reachable') continue;
		const url = parseProbeUrl(p.url);
		if (url) samples.push(rttSample(url, p.rttMs ?? p.ms));
	}
	return medianRtt(samples);
}

function finding(
	cause: Cause,
	certainty: Finding['certainty'],
	probes: readonly Seen[],
	extra: Partial<Pick<Finding, 'domains' | 'alternatives'>> = {}
): Finding {
	return { cause, certainty, probes: [...new Set(urls(probes))], ...extra };
}

export function diagnose(input: DiagnosisInput): Diagnosis {
	const seen: Seen[] = [];
	for (const probe of input.probes) {
		const url = parseProbeUrl(probe.url);
		if (url)
			seen.push({ probe, url, family: domainFamily(url.host), signal: probeSignal(probe.outcome) });
	}
	const rttMs = measuredRtt(input.probes);
	const out = (findings: Finding[]): Diagnosis => ({
		findings,
		...(rttMs !== undefined ? { rttMs } : {})
	});
	const reached = seen.filter((s) => s.signal === 'pass');
	const failed = seen.filter((s) => s.signal === 'fail');

	// No connection at all: the device says so, or nothing answered and the names did not even
	// resolve, or the site's own origin did not answer either.
	if (input.online === false) return out([finding('offline', 'shown', failed)]);
	if (reached.length === 0 && failed.length > 0) {
		const nameFailures = failed.filter((s) => s.probe.outcome === 'dns-failed');
		const udpFailures = failed.filter(isUdp);
		const noNames =
			udpFailures.length > 0 && udpFailures.every((s) => s.probe.outcome === 'dns-failed');
		if (input.originReachable === false || (noNames && nameFailures.length === udpFailures.length))
			return out([finding('offline', 'shown', failed)]);
		// Nothing answered and no name lookup answered either (not even "no such address"): with an
		// engine that reports lookups, DNS is dead. A network that drops everything but DNS shows its
		// answers as lookup errors instead.
		const lookupAnswered = seen.some((s) =>
			(s.probe.evidence.iceErrors ?? []).some(
				(e) => /host lookup/i.test(e.text) || (e.code >= 300 && e.code <= 699)
			)
		);
		if (input.lookupErrorsReported && udpFailures.length > 0 && !lookupAnswered)
			return out([finding('offline', 'likely', failed)]);
	}

	const findings: Finding[] = [];
	const slow = rttMs !== undefined && rttMs >= SLOW_LINK_RTT_MS;

	// UDP failing at once for a host that answered over TCP: the request never left the machine.
	const tcpHosts = new Set(reached.filter(isTcp).map((s) => s.url.host));
	const tcpFamilies = new Set(reached.filter(isTcp).map((s) => s.family));
	const localDrops = failed.filter(
		(s) =>
			isUdp(s) &&
			failedFast(s, TOO_FAST_TO_LEAVE_MS) &&
			(tcpHosts.has(s.url.host) || tcpFamilies.has(s.family))
	);
	const udp = seen.filter(isUdp);
	const udpDecided = udp.filter((s) => s.signal !== 'undecided');
	const udpAllFailed = udpDecided.length > 0 && udpDecided.every((s) => s.signal === 'fail');
	if (
		localDrops.length &&
		udpAllFailed &&
		udpDecided.every((s) => failedFast(s, TOO_FAST_TO_LEAVE_MS))
	)
		findings.push(finding('local-firewall', 'shown', localDrops));

	// Names of one family not resolving while others resolve: a DNS filter. A family whose UDP
	// failures the local firewall explains is not a DNS problem.
	const families = new Map<string, Seen[]>();
	for (const s of seen) families.set(s.family, [...(families.get(s.family) ?? []), s]);
	const local = new Set(localDrops.map((s) => s.probe.url));
	const unresolved: string[] = [];
	const unresolvedProbes: Seen[] = [];
	for (const [family, members] of families) {
		const dns = members.filter((s) => s.probe.outcome === 'dns-failed' && !local.has(s.probe.url));
		if (dns.length && !members.some((s) => s.signal === 'pass')) {
			unresolved.push(family);
			unresolvedProbes.push(...members.filter((s) => s.signal === 'fail'));
		}
	}
	if (unresolved.length && reached.length)
		findings.push(
			finding('dns-filtered', 'shown', unresolvedProbes, { domains: unresolved.sort() })
		);
	const filtered = new Set(unresolved);
	const rest = (xs: readonly Seen[]) => xs.filter((s) => !filtered.has(s.family));

	// What leaves and what does not, from the probes of resolvable names.
	const udpRest = rest(udp).filter((s) => s.signal !== 'undecided');
	const tcpReached = rest(reached).filter(isTcp);
	const udpBlocked =
		!findings.some((f) => f.cause === 'local-firewall') &&
		udpRest.length > 0 &&
		udpRest.every((s) => s.signal === 'fail') &&
		tcpReached.length > 0;
	const turnPorts = rest(seen).filter(
		(s) => s.url.ice && (s.url.port === 3478 || s.url.port === 5349)
	);
	const turnPortsDecided = turnPorts.filter((s) => s.signal !== 'undecided');
	const otherIcePortReached = rest(reached).some(
		(s) => s.url.ice && s.url.port !== 3478 && s.url.port !== 5349
	);
	const tcpOther = rest(failed).filter((s) => isTcp(s) && s.url.port !== 443);
	const only443 = udpBlocked && tcpReached.every((s) => s.url.port === 443) && tcpOther.length > 0;

	if (only443) {
		// A proxy that refuses CONNECT to other ports answers at once; a firewall mostly drops.
		const refusedFast = tcpOther.filter((s) => failedFast(s, FAST_FAILURE_MS));
		if (refusedFast.length === tcpOther.length)
			findings.push(
				finding('proxy', 'likely', [...tcpOther, ...udpRest], { alternatives: ['only-tcp-443'] })
			);
		// A proxy that drops CONNECT to other ports rather than refusing looks the same.
		else
			findings.push(
				finding('only-tcp-443', 'shown', [...tcpOther, ...udpRest], { alternatives: ['proxy'] })
			);
	} else if (udpBlocked) {
		// Silence can also be this computer's own firewall, in an engine that does not report the
		// local refusal at once (Chromium waits; Firefox fails in milliseconds: docs/lab.md).
		const silent = udpRest.every((s) => s.probe.outcome === 'timeout');
		findings.push(
			finding('udp-blocked', 'shown', udpRest, silent ? { alternatives: ['local-firewall'] } : {})
		);
	} else if (
		turnPortsDecided.length > 0 &&
		turnPortsDecided.every((s) => s.signal === 'fail') &&
		otherIcePortReached
	) {
		findings.push(finding('stun-turn-ports-blocked', 'shown', turnPortsDecided));
	}

	// Every HTTPS and WebSocket probe cut, fast, while TURN over TCP answers: something on the
	// way answers for the web servers (TLS inspection with a certificate this device does not
	// trust, or a web filter). The browser does not say which.
	const web = rest(seen).filter((s) => !s.url.ice && s.signal !== 'undecided');
	const iceTcpReached = tcpReached.some((s) => s.url.ice);
	if (web.length >= 2 && web.every((s) => failedFast(s, FAST_FAILURE_MS)) && iceTcpReached)
		findings.push(finding('tls-intercepted', 'likely', web, { alternatives: ['proxy'] }));

	// WebSocket refused where HTTPS to the same vendor answers: a filter that does not pass it.
	const wsFamilies: string[] = [];
	const wsProbes: Seen[] = [];
	for (const [family, members] of families) {
		if (filtered.has(family)) continue;
		const ws = members.filter((s) => s.url.kind === 'wss' && s.signal !== 'undecided');
		const httpsOk = members.some((s) => s.url.kind === 'https' && s.signal === 'pass');
		if (ws.length && httpsOk && ws.every((s) => s.signal === 'fail')) {
			wsFamilies.push(family);
			wsProbes.push(...ws);
		}
	}
	if (wsFamilies.length)
		findings.push(finding('websocket-blocked', 'shown', wsProbes, { domains: wsFamilies.sort() }));

	if (slow) findings.push(finding('slow-link', 'shown', reached));
	return out(findings);
}

/** True when the finding is in the diagnosis. */
export function hasCause(diagnosis: Diagnosis | undefined, cause: Cause): boolean {
	return !!diagnosis?.findings.some((f) => f.cause === cause);
}
