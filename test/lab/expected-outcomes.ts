/**
 * The lab's prediction of what each probe meets under a network profile, derived from the profile's
 * own rules (the same data that generates its nftables rules and its resolver), and from there the
 * requirement statuses the check must report. Verdicts are not derived here: they are listed by
 * hand per profile in test/lab/profiles/, because the verdict rules are what is being tested.
 */
import type { Requirement } from '../../src/lib/data/schema';
import type { ProbeOutcome, RequirementStatus } from '../../src/lib/result/result';
import { packetFate, type NetworkProfile } from './network-profiles';
import { ADDR } from './plan';
import { dnsPlan, parseProbeUrl, type LabTarget } from './targets';

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
	allTargets: readonly LabTarget[]
): OutcomeExpectation {
	const target = parseProbeUrl(url);
	const proto = target.transport === 'udp' ? 'udp' : 'tcp';
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
	const fate = packetFate(profile, { proto, dport: target.port, daddr: address });
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
	allTargets: readonly LabTarget[]
): StatusExpectation {
	const check = requirement.check;
	if (check.kind === 'manual') return { status: 'manual', why: `manual (${check.reason})` };
	const urls = [...new Set((check.kind === 'probe' ? check.probes : check.from).map((t) => t.url))];
	const signals = urls.map((url) => ({
		url,
		signal: signal(expectedProbeOutcome(profile, url, allTargets).acceptable)
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
