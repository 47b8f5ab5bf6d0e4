/**
 * The cause profiles (issue 11) as data: the rules they generate for the router and the computer,
 * the flows the router hands to its own servers, and the lab's engine-aware prediction of every
 * probe. Pure: no namespaces.
 */
import { describe, expect, test } from 'vitest';
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import type { DataFile, Requirement } from '../../src/lib/data/schema';
import { compareResult } from './compare';
import { delayRelayConfig, squidConfig } from './config-files';
import { engineOf, expectedProbeOutcome, type LabEngine } from './expected-outcomes';
import {
	CAUSE_IDS,
	CAUSE_PROFILES,
	clientRuleset,
	LAB_PROFILE_NAMES,
	networkProfile,
	routerRedirects,
	routerRuleset,
	type CauseProfileName
} from './network-profiles';
import { ADDR, ROUTER_PORTS } from './plan';
import type { ProfileExpectation } from './profiles/types';
import { labTargets } from './targets';

const STUN = 'stun:global.stun.twilio.com:3478';
const TURN_UDP = 'turn:global.turn.twilio.com:3478?transport=udp';
const TURN_TCP = 'turn:global.turn.twilio.com:3478?transport=tcp';
const TURN_TCP_443 = 'turn:global.turn.twilio.com:443?transport=tcp';
const TURNS_5349 = 'turns:global.turn.twilio.com:5349?transport=tcp';
const WEB = 'https://www.vendor.example/';
const WSS = 'wss://www.vendor.example/socket';

const data: DataFile[] = [
	{
		products: [
			{
				id: 'video',
				requirements: [
					{
						id: 'video.all',
						level: 'mandatory',
						check: {
							kind: 'probe',
							probes: [STUN, TURN_UDP, TURN_TCP, TURN_TCP_443, TURNS_5349, WEB, WSS].map((url) => ({
								kind: url.split(':')[0],
								url
							}))
						}
					} as unknown as Requirement
				]
			}
		]
	} as unknown as DataFile
];
const targets = labTargets(data);
const SERVERS = { ice: [ADDR.turn, '10.211.3.1'], web: [ADDR.web, '10.211.4.1'] };

const outcome = (profile: CauseProfileName, url: string, engine: LabEngine = 'chromium') =>
	expectedProbeOutcome(CAUSE_PROFILES[profile], url, targets, engine).acceptable;

describe('every profile names its causes with the diagnosis vocabulary', () => {
	test.each(LAB_PROFILE_NAMES)('%s', (name) => {
		const profile = networkProfile(name);
		for (const cause of [...profile.expectedCauses, ...(profile.impliedCauses ?? [])])
			expect(CAUSE_IDS).toContain(cause);
		// a profile with no cause must say why
		if (profile.expectedCauses.length === 0 && name !== 'open' && name !== 'no-nat')
			expect(profile.causeNote, name).toBeTruthy();
	});
	test('each cause id is expected by at least one profile', () => {
		const named = new Set(LAB_PROFILE_NAMES.flatMap((n) => networkProfile(n).expectedCauses));
		expect([...CAUSE_IDS].filter((c) => !named.has(c))).toEqual([]);
	});
});

describe('router redirects', () => {
	test('the middlebox takes TCP 443 to the web servers only', () => {
		const redirects = routerRedirects(CAUSE_PROFILES['tls-inspect'], SERVERS);
		expect(redirects.map((r) => `${r.proto} ${r.daddr}:${r.dport} -> ${r.toPort}`)).toEqual([
			`tcp ${ADDR.web}:443 -> ${ROUTER_PORTS.middlebox}`,
			`tcp 10.211.4.1:443 -> ${ROUTER_PORTS.middlebox}`
		]);
		expect(routerRuleset(CAUSE_PROFILES['tls-inspect'], redirects)).toContain(
			`iifname "c0" ip daddr 10.211.4.1 tcp dport 443 dnat to ${ADDR.routerClientSide}:${ROUTER_PORTS.middlebox}`
		);
	});
	test('the delay relay takes DNS and every flow the profile lets through, each on a port of its own', () => {
		const redirects = routerRedirects(CAUSE_PROFILES['slow-link'], SERVERS);
		const ports = redirects.map((r) => r.toPort);
		expect(new Set(ports).size).toBe(ports.length);
		expect(redirects.filter((r) => r.dport === 53).map((r) => r.proto)).toEqual(['udp', 'tcp']);
		expect(
			redirects.some((r) => r.proto === 'udp' && r.daddr === '10.211.3.1' && r.dport === 3478)
		).toBe(true);
		expect(
			redirects.some((r) => r.proto === 'tcp' && r.daddr === ADDR.web && r.dport === 443)
		).toBe(true);
		const relay = JSON.parse(delayRelayConfig(300, redirects));
		expect(relay.delayMs).toBe(300);
		expect(relay.listeners[0]).toEqual({
			proto: 'udp',
			address: ADDR.routerClientSide,
			port: ROUTER_PORTS.delayRelayBase,
			to: { address: ADDR.routerClientSide, port: 53 }
		});
	});
	test('on a silent slow link only DNS is relayed: dropped flows stay with the forward rules', () => {
		const redirects = routerRedirects(CAUSE_PROFILES['slow-silent'], SERVERS);
		expect(redirects.map((r) => `${r.proto}/${r.dport}`)).toEqual(['udp/53', 'tcp/53']);
	});
	test('profiles without a relay or middlebox redirect nothing', () => {
		expect(routerRedirects(CAUSE_PROFILES.proxy, SERVERS)).toEqual([]);
		expect(routerRuleset(CAUSE_PROFILES.proxy)).not.toContain('nr_redirect');
	});
});

describe("the computer's own firewall", () => {
	test('drops UDP leaving its interface, after letting DNS to the resolver through', () => {
		const rules = clientRuleset(CAUSE_PROFILES['local-firewall']).split('\n');
		const dns = rules.findIndex((l) => l.includes('udp dport { 53 } accept'));
		const drop = rules.findIndex((l) => l.trim() === 'oifname "eth0" meta l4proto udp drop');
		expect(dns).toBeGreaterThan(0);
		expect(drop).toBeGreaterThan(dns);
		expect(rules.join('\n')).toContain('hook output');
	});
	test('a profile without one flushes whatever was there', () => {
		expect(clientRuleset(CAUSE_PROFILES['slow-link'])).toBe('flush ruleset\n');
	});
});

test('squid refuses CONNECT to other ports before it allows the lab client', () => {
	const text = squidConfig({
		address: ADDR.routerClientSide,
		port: ROUTER_PORTS.proxy,
		connectPorts: [443],
		dir: '/tmp/x'
	}).split('\n');
	const deny = text.indexOf('http_access deny CONNECT !allowed_connect_ports');
	const allow = text.indexOf('http_access allow lab_client');
	expect(text).toContain('acl allowed_connect_ports port 443');
	expect(deny).toBeGreaterThanOrEqual(0);
	expect(allow).toBeGreaterThan(deny);
	expect(text.at(-2)).not.toMatch(/allow all/);
	expect(text).toContain(`dns_nameservers ${ADDR.routerClientSide}`);
});

describe('expectedProbeOutcome for the cause profiles', () => {
	test('no-internet: Chromium fails at once; Firefox gathers nothing without a default route', () => {
		expect(outcome('no-internet', STUN)).toEqual(['dns-failed']);
		expect(outcome('no-internet', TURN_TCP)).toEqual(['dns-failed', 'refused']);
		expect(outcome('no-internet', WEB)).toEqual(['refused']);
		expect(outcome('no-internet', STUN, 'firefox')).toEqual(['timeout']);
		expect(outcome('no-internet', WEB, 'firefox')).toEqual(['refused']);
	});
	test('no-link: WebRTC silent, web at once, in both engines', () => {
		for (const engine of ['chromium', 'firefox'] as const) {
			expect(outcome('no-link', TURN_TCP, engine)).toEqual(['timeout']);
			expect(outcome('no-link', WSS, engine)).toEqual(['refused']);
		}
	});
	test('slow-link answers everything (the profile file tolerates time-outs today); slow-silent nothing', () => {
		for (const url of [STUN, TURNS_5349, WEB]) {
			expect(outcome('slow-link', url)).toEqual(['reachable']);
			expect(outcome('slow-silent', url)).toEqual(['timeout']);
		}
	});
	test('tls-inspect: HTTPS and WSS to web servers refused, TURN over TLS to its own address reachable', () => {
		expect(outcome('tls-inspect', WEB)).toEqual(['refused']);
		expect(outcome('tls-inspect', WSS)).toEqual(['refused']);
		expect(outcome('tls-inspect', TURNS_5349)).toEqual(['reachable']);
		expect(outcome('tls-inspect', TURN_TCP_443)).toEqual(['reachable']);
	});
	test('ws-refused: only the WebSocket fails', () => {
		expect(outcome('ws-refused', WSS)).toEqual(['refused']);
		expect(outcome('ws-refused', WEB)).toEqual(['reachable']);
		expect(outcome('ws-refused', STUN)).toEqual(['reachable']);
	});
	test('proxy: 443 through CONNECT, other TCP ports refused (Firefox: silent), UDP dropped', () => {
		expect(outcome('proxy', WEB)).toEqual(['reachable']);
		expect(outcome('proxy', TURN_TCP_443)).toEqual(['reachable']);
		expect(outcome('proxy', TURN_TCP)).toEqual(['refused']);
		expect(outcome('proxy', TURNS_5349, 'firefox')).toEqual(['timeout']);
		expect(outcome('proxy', STUN)).toEqual(['timeout']);
		expect(outcome('proxy', TURN_UDP, 'firefox')).toEqual(['timeout']);
	});
	test('local-firewall: UDP silent in Chromium, an immediate error in Firefox; TCP reachable', () => {
		expect(outcome('local-firewall', STUN)).toEqual(['timeout']);
		expect(outcome('local-firewall', STUN, 'firefox')).toEqual(['dns-failed', 'refused']);
		expect(outcome('local-firewall', TURN_TCP, 'firefox')).toEqual(['reachable']);
	});
	test('the engine is read from the result', () => {
		expect(engineOf('Firefox 153')).toBe('firefox');
		expect(engineOf('Chrome 156')).toBe('chromium');
	});
});

describe('expectations not asserted today', () => {
	const result = (outcomes: CheckResult['probes'][number]['outcome'][]): CheckResult =>
		({
			format: 'netready-result',
			version: 1,
			browser: 'Chrome 156',
			products: ['video'],
			probes: [STUN, TURN_UDP, TURN_TCP, TURN_TCP_443, TURNS_5349, WEB, WSS].map((url, i) => ({
				url,
				kind: url.split(':')[0],
				outcome: outcomes[i] ?? 'reachable',
				ms: 10,
				evidence: {}
			})),
			requirements: {},
			verdicts: { video: { verdict: 'ready', headline: 'h', advice: [], blocking: [] } },
			diagnosis: { findings: [{ cause: 'slow-link', certainty: 'shown', probes: [] }] }
		}) as unknown as CheckResult;
	const slow: ProfileExpectation = {
		network: 'slow-link',
		products: 'all',
		verdicts: {},
		unassertedToday: 'load-dependent time-outs',
		probeTolerance: { also: ['timeout'], why: 'fixed bound' },
		intended: { summary: 's', verdicts: { video: { allowed: ['ready'], why: 'open' } } }
	};
	test('a tolerated time-out passes, a refusal does not, and statuses and verdicts are skipped', () => {
		expect(compareResult(result(['timeout']), slow, data)).toEqual([]);
		expect(compareResult(result(['refused']), slow, data).map((m) => m.id)).toEqual([STUN]);
	});
	test('the intended verdicts must still cover every checked product', () => {
		const missing = { ...slow, intended: { summary: 's', verdicts: {} } };
		expect(compareResult(result([]), missing, data).map((m) => `${m.what} ${m.id}`)).toEqual([
			'verdict video'
		]);
	});
});
