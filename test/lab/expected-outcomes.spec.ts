import { describe, expect, test } from 'vitest';
import type { ProbeResult } from '../../src/lib/result/result';
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import type { DataFile, Requirement } from '../../src/lib/data/schema';
import { compareResult, formatMismatches } from './compare';
import { expectedProbeOutcome, expectedRequirementStatus } from './expected-outcomes';
import { NETWORK_PROFILES, packetFate } from './network-profiles';
import { ADDR } from './plan';
import type { ProfileExpectation } from './profiles/types';
import { labTargets } from './targets';

const STUN = 'stun:global.stun.twilio.com:3478';
const TURN_UDP = 'turn:global.turn.twilio.com:3478?transport=udp';
const TURN_TCP = 'turn:global.turn.twilio.com:3478?transport=tcp';
const TURNS_443 = 'turns:global.turn.twilio.com:443?transport=tcp';
const WEB = 'https://www.vendor.example/';

const requirement = (
	id: string,
	check: Requirement['check'],
	level: Requirement['level'] = 'mandatory'
): Requirement => ({ id, level, check }) as Requirement;
const probes = (...urls: string[]) =>
	urls.map((url) => ({ kind: url.split(':')[0] as 'stun', url }));

const data: DataFile[] = [
	{
		products: [
			{
				id: 'video',
				requirements: [
					requirement('video.media', {
						kind: 'probe',
						probes: probes(STUN, TURN_UDP, TURN_TCP, TURNS_443)
					}),
					requirement('video.web', { kind: 'probe', probes: probes(WEB) }),
					requirement('video.inferred', {
						kind: 'inferred',
						from: probes(STUN),
						reason: 'same servers'
					}),
					requirement('video.ntp', { kind: 'manual', reason: 'ntp' })
				]
			}
		]
	} as unknown as DataFile
];
const targets = labTargets(data);

describe('packetFate follows the first matching rule', () => {
	test.each([
		['udp-blocked', 'udp', 3478, ADDR.turn, 'drop'],
		['udp-blocked', 'tcp', 3478, ADDR.turn, 'accept'],
		['only-tcp-443', 'tcp', 443, ADDR.web, 'accept'],
		['only-tcp-443', 'udp', 443, ADDR.turn, 'drop'],
		['web-only', 'tcp', 443, ADDR.turn, 'drop'],
		['web-only', 'tcp', 443, '10.211.3.7', 'drop'],
		['web-only', 'tcp', 443, '10.211.4.7', 'accept'],
		['web-only', 'tcp', 443, ADDR.web, 'accept'],
		['stun-turn-ports-blocked', 'udp', 443, ADDR.turn, 'accept'],
		['stun-turn-ports-blocked', 'tcp', 5349, ADDR.turn, 'drop'],
		['all-rejected', 'tcp', 443, ADDR.web, 'reject'],
		['open', 'udp', 3478, ADDR.turn, 'accept']
	] as const)('%s %s/%i to %s: %s', (profile, proto, dport, daddr, fate) => {
		expect(packetFate(NETWORK_PROFILES[profile], { proto, dport, daddr })).toBe(fate);
	});
});

describe('expectedProbeOutcome', () => {
	const outcome = (profile: keyof typeof NETWORK_PROFILES, url: string) =>
		expectedProbeOutcome(NETWORK_PROFILES[profile], url, targets).acceptable;
	test('open: everything reachable', () => {
		for (const url of [STUN, TURN_UDP, TURN_TCP, TURNS_443, WEB])
			expect(outcome('open', url)).toEqual(['reachable']);
	});
	test('udp-blocked: UDP times out, TCP/TLS reachable', () => {
		expect(outcome('udp-blocked', STUN)).toEqual(['timeout']);
		expect(outcome('udp-blocked', TURN_UDP)).toEqual(['timeout']);
		expect(outcome('udp-blocked', TURN_TCP)).toEqual(['reachable']);
	});
	test('rejection is fast over TCP, invisible to ICE over UDP', () => {
		expect(outcome('all-rejected', TURN_TCP)).toEqual(['refused']);
		expect(outcome('all-rejected', WEB)).toEqual(['refused']);
		expect(outcome('all-rejected', STUN)).toEqual(['timeout']);
	});
	test('NXDOMAIN: dns-failed over UDP; TCP and fetch may only see a refusal', () => {
		expect(outcome('dns-failure-twilio', STUN)).toEqual(['dns-failed']);
		expect(outcome('dns-failure-twilio', TURNS_443)).toEqual(['dns-failed', 'refused']);
		expect(outcome('dns-failure-twilio', WEB)).toEqual(['reachable']);
	});
	test('dropped DNS: timeout (or dns-failed)', () => {
		expect(outcome('offline', WEB)).toEqual(['timeout', 'dns-failed']);
	});
});

describe('expectedRequirementStatus', () => {
	const [media, web, inferred, ntp] = data[0]!.products[0]!.requirements;
	const status = (profile: keyof typeof NETWORK_PROFILES, r: Requirement) =>
		expectedRequirementStatus(NETWORK_PROFILES[profile], r, targets);
	test('all probes pass: passed; some: partial; none: failed', () => {
		expect(status('open', media!).status).toBe('passed');
		expect(status('udp-blocked', media!).status).toBe('partial');
		expect(status('all-blocked', media!).status).toBe('failed');
	});
	test('inferred requirements lean the way their probes went', () => {
		expect(status('open', inferred!)).toMatchObject({
			status: 'inferred',
			inferredOutcome: 'open'
		});
		expect(status('udp-blocked', inferred!)).toMatchObject({
			status: 'inferred',
			inferredOutcome: 'blocked'
		});
	});
	test('manual stays manual whatever the network', () => {
		expect(status('all-blocked', ntp!).status).toBe('manual');
		expect(status('open', web!).status).toBe('passed');
	});
});

describe('compareResult', () => {
	const probe = (url: string, outcome: ProbeResult['outcome']): ProbeResult => ({
		url,
		kind: url.split(':')[0] as ProbeResult['kind'],
		outcome,
		ms: 10,
		evidence: {}
	});
	const result = (overrides: Partial<CheckResult> = {}): CheckResult => ({
		format: 'netready-result',
		version: 2,
		startedAt: '2026-01-01T00:00:00.000Z',
		finishedAt: '2026-01-01T00:00:01.000Z',
		dataVersion: 'x',
		appVersion: 'x',
		browser: 'Chrome 156',
		webrtc: 'full',
		products: ['video'],
		probes: [
			probe(STUN, 'timeout'),
			probe(TURN_UDP, 'timeout'),
			probe(TURN_TCP, 'reachable'),
			probe(TURNS_443, 'reachable'),
			probe(WEB, 'reachable')
		],
		requirements: {
			'video.media': { status: 'partial', probes: [], reason: 'r' },
			'video.web': { status: 'passed', probes: [], reason: 'r' },
			'video.inferred': { status: 'inferred', inferredOutcome: 'blocked', probes: [], reason: 'r' },
			'video.ntp': { status: 'manual', probes: [], reason: 'r' }
		},
		verdicts: { video: { verdict: 'degraded', headline: 'relay', advice: [], blocking: [] } },
		diagnosis: { findings: [{ cause: 'udp-blocked', certainty: 'shown', probes: [STUN] }] },
		...overrides
	});
	const expectation: ProfileExpectation = {
		network: 'udp-blocked',
		products: 'all',
		verdicts: {
			video: { verdict: 'degraded', why: 'UDP blocked, TURN over TCP answers: relay only' }
		}
	};

	test('a result that matches has no mismatches', () => {
		expect(compareResult(result(), expectation, data)).toEqual([]);
	});

	test('a deliberately wrong verdict expectation is reported with its reasoning', () => {
		const wrong: ProfileExpectation = {
			...expectation,
			verdicts: { video: { verdict: 'ready', why: 'wrong on purpose' } }
		};
		const mismatches = compareResult(result(), wrong, data);
		expect(mismatches).toMatchObject([
			{
				what: 'verdict',
				id: 'video',
				expected: 'ready',
				actual: 'degraded',
				why: 'wrong on purpose'
			}
		]);
		expect(formatMismatches('udp-blocked', mismatches)).toContain('expected ready   got degraded');
	});

	test('a probe outcome the network cannot produce is reported, and so is its requirement', () => {
		const r = result({
			probes: [
				probe(STUN, 'reachable'),
				probe(TURN_UDP, 'timeout'),
				probe(TURN_TCP, 'reachable'),
				probe(TURNS_443, 'reachable'),
				probe(WEB, 'reachable')
			],
			requirements: {
				...result().requirements,
				'video.inferred': {
					status: 'inferred',
					inferredOutcome: 'open',
					probes: [],
					reason: 'STUN answered'
				}
			}
		});
		const mismatches = compareResult(r, expectation, data);
		expect(
			mismatches.map((m) => `${m.what} ${m.id} ${m.expected} ${m.actual.split(' ')[0]}`)
		).toEqual([
			`probe ${STUN} timeout reachable`,
			'requirement video.inferred inferred(blocked) inferred(open)'
		]);
	});

	test('a product without an expectation, and a stale expectation, are both reported', () => {
		const stale: ProfileExpectation = {
			...expectation,
			verdicts: { gone: { verdict: 'ready', why: 'old' } }
		};
		const whats = compareResult(result(), stale, data).map((m) => `${m.id}: ${m.expected}`);
		expect(whats).toEqual(['video: (no expectation)', 'gone: ready']);
	});
});
