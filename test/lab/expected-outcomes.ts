/**
 * The lab's prediction of what each probe meets under a network profile, derived from the profile's
 * own rules (the same data that generates its nftables rules and its resolver), and from there the
 * requirement statuses the check must report. Verdicts are not derived here: they are listed by
 * hand per profile in test/lab/profiles/, because the verdict rules are what is being tested.
 */
import type { Requirement } from '../../src/lib/data/schema';
import type { ProbeOutcome, RequirementStatus } from '../../src/lib/result/result';
import {
	clientPacketFate,
	inRange,
	packetFate,
	WEB_SERVER_RANGES,
	type NetworkProfile
} from './network-profiles';
import { ADDR } from './plan';
import { dnsPlan, parseProbeUrl, type LabTarget } from './targets';

/**
 * The browser engine a result came from. Most outcomes are the same in both; where they differ
 * (what an engine does without a default route, with a proxy, with its own UDP refused), the
 * prediction says so with the measured behaviour (docs/lab.md).
 */
export type LabEngine = 'chromium' | 'firefox';

/** The engine of an exported result, from its `browser` field ("Chrome 156", "Firefox 153"). */
export function engineOf(browser: string): LabEngine {
	return /^firefox/i.test(browser) ? 'firefox' : 'chromium';
}

export interface OutcomeExpectation {
	/** any of these is right: some failures look alike to a browser (see `why`) */
	acceptable: ProbeOutcome[];
	why: string;
}

/**
 * What a probe of `url` must report under `profile`. Every lab server answers, so a probe that the
 * network lets through is reachable; what the profile does to it decides everything else.
 */
export function expectedProbeOutcome(
	profile: NetworkProfile,
	url: string,
	allTargets: readonly LabTarget[],
	engine: LabEngine = 'chromium'
): OutcomeExpectation {
	const target = parseProbeUrl(url);
	const proto = target.transport === 'udp' ? 'udp' : 'tcp';
	const ice = target.kind === 'stun' || target.kind === 'turn';
	const computer = computerOutcome(profile, ice, proto, engine);
	if (computer) return computer;
	if (profile.dns === 'drop') {
		return {
			acceptable: ['timeout', 'dns-failed'],
			why: 'DNS queries are dropped: Chromium gives up on the name after ~13 s, after any sane probe bound'
		};
	}
	const dns = dnsPlan(allTargets, profile.nxdomain);
	const address = dns.records.get(target.host);
	if (address === undefined) {
		if (target.kind === 'stun' || (target.kind === 'turn' && proto === 'udp')) {
			return {
				acceptable: ['dns-failed'],
				why: `${target.host} is NXDOMAIN: 701 "host lookup received error" over UDP`
			};
		}
		return {
			acceptable: ['dns-failed', 'refused'],
			why: `${target.host} is NXDOMAIN; over TCP/TLS and fetch this looks like a refused connection unless correlated with a UDP lookup error`
		};
	}
	const packet = { proto, dport: target.port, daddr: address } as const;
	if (clientPacketFate(profile, packet) === 'drop') {
		if (proto === 'tcp')
			return {
				acceptable: ['refused'],
				why: `the computer's own firewall drops tcp/${target.port}`
			};
		return engine === 'firefox'
			? {
					acceptable: ['dns-failed', 'refused'],
					why:
						`the computer's own firewall drops udp/${target.port}: Firefox reports a text-less 701 at ` +
						'once (EPERM), which the classifier reads as a failed lookup (under 1 s, no time-out yet)'
				}
			: {
					acceptable: ['timeout'],
					why:
						`the computer's own firewall drops udp/${target.port}: Chromium ignores the send error ` +
						'(EPERM) and reports nothing on IPv4, as for a drop on the way'
				};
	}
	if (profile.proxy && proto === 'tcp') {
		const allowed = profile.proxy.connectPorts.includes(target.port);
		if (allowed)
			return {
				acceptable: ['reachable'],
				why: `through the proxy: CONNECT to port ${target.port} is allowed`
			};
		if (ice && engine === 'firefox')
			return {
				acceptable: ['timeout'],
				why: `the proxy refuses CONNECT to ${target.port} (403); Firefox's ICE reports nothing for it`
			};
		return {
			acceptable: ['refused'],
			why: `the proxy answers CONNECT to port ${target.port} with 403: fails at once`
		};
	}
	if (
		profile.middlebox &&
		(target.kind === 'https' || target.kind === 'wss') &&
		target.port === 443 &&
		WEB_SERVER_RANGES.some((range) => inRange(address, range)) &&
		packetFate(profile, packet) === 'accept'
	) {
		if (profile.middlebox === 'untrusted-certificate')
			return {
				acceptable: ['refused'],
				why: "the middlebox presents its own CA's certificate, which the browser does not trust: the handshake fails at once"
			};
		if (target.kind === 'wss')
			return {
				acceptable: ['refused'],
				why: 'the web filter answers the WebSocket upgrade with 403 and closes'
			};
		return { acceptable: ['reachable'], why: 'the web filter passes HTTPS to the real server' };
	}
	const fate = packetFate(profile, packet);
	if (fate === 'accept')
		return {
			acceptable: ['reachable'],
			why: `${proto}/${target.port} to ${address} passes; the lab server answers`
		};
	if (fate === 'drop')
		return { acceptable: ['timeout'], why: `${proto}/${target.port} is dropped: no answer at all` };
	if (proto === 'tcp')
		return { acceptable: ['refused'], why: `tcp/${target.port} is rejected with a TCP reset` };
	return {
		acceptable: ['timeout'],
		why: `udp/${target.port} is rejected with ICMP port unreachable, which Chromium's ICE ignores (it waits as for a drop)`
	};
}

/**
 * What the computer's own state decides before any packet reaches the network (measured in both
 * engines, docs/lab.md "Cause profiles"); undefined when it decides nothing.
 */
function computerOutcome(
	profile: NetworkProfile,
	ice: boolean,
	proto: 'tcp' | 'udp',
	engine: LabEngine
): OutcomeExpectation | undefined {
	const client = profile.client ?? {};
	if (client.link === 'down') {
		return ice
			? {
					acceptable: ['timeout'],
					why: 'the interface is down: WebRTC has no interface to gather on and reports nothing'
				}
			: { acceptable: ['refused'], why: 'the interface is down: the request fails at once' };
	}
	if (client.defaultRoute === false) {
		if (!ice)
			return {
				acceptable: ['refused'],
				why: 'no route and no resolver: the lookup fails at once, and the browser does not say why'
			};
		if (engine === 'firefox')
			return {
				acceptable: ['timeout'],
				why: 'no default route: Firefox gathers only on the default route interface, so it reports nothing'
			};
		return proto === 'udp'
			? {
					acceptable: ['dns-failed'],
					why: 'the resolver is unreachable: 701 "host lookup received error" at once'
				}
			: {
					acceptable: ['dns-failed', 'refused'],
					why: 'the resolver is unreachable: 701 "Failed to establish connection" at once'
				};
	}
	return undefined;
}

export interface StatusExpectation {
	status: RequirementStatus;
	/** for inferred requirements, which way the inference must point */
	inferredOutcome?: 'open' | 'blocked' | 'unknown';
	why: string;
}

const signal = (o: ProbeOutcome[]): 'pass' | 'fail' | 'undecided' =>
	o.every((x) => x === 'reachable')
		? 'pass'
		: o.every((x) => ['refused', 'dns-failed', 'timeout'].includes(x))
			? 'fail'
			: 'undecided';

/**
 * The status vocabulary of src/lib/check/result.ts applied to the predicted probe outcomes:
 * manual rules stay manual; inferred ones are "inferred", pointing open if any probe they rest on
 * passes and blocked if all fail; probed ones pass when every probe passes, fail when every probe
 * fails, and are partial in between.
 */
export function expectedRequirementStatus(
	profile: NetworkProfile,
	requirement: Requirement,
	allTargets: readonly LabTarget[],
	engine: LabEngine = 'chromium'
): StatusExpectation {
	const check = requirement.check;
	if (check.kind === 'manual') return { status: 'manual', why: `manual (${check.reason})` };
	const urls = [...new Set((check.kind === 'probe' ? check.probes : check.from).map((t) => t.url))];
	const signals = urls.map((url) => ({
		url,
		signal: signal(expectedProbeOutcome(profile, url, allTargets, engine).acceptable)
	}));
	const passing = signals.filter((s) => s.signal === 'pass').map((s) => s.url);
	const failing = signals.filter((s) => s.signal === 'fail').map((s) => s.url);
	const because = `pass: [${passing.join(', ')}] fail: [${failing.join(', ')}]`;
	if (check.kind === 'inferred') {
		const inferredOutcome = passing.length
			? 'open'
			: failing.length === urls.length
				? 'blocked'
				: 'unknown';
		return { status: 'inferred', inferredOutcome, why: because };
	}
	if (passing.length === urls.length) return { status: 'passed', why: because };
	if (failing.length === urls.length) return { status: 'failed', why: because };
	if (passing.length === 0) return { status: 'not-run', why: `no probe decides: ${because}` };
	return { status: 'partial', why: because };
}

/** The reflexive address a STUN probe must report: the router's outside address behind NAT. */
export function expectedPublicAddress(profile: NetworkProfile): string {
	return profile.nat ? ADDR.routerServerSide : ADDR.client;
}
