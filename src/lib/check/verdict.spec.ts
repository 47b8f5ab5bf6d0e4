import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { ProductSchema } from '$lib/data/schema';
import { evaluate } from './check';
import type { CheckResult, ProbeOutcome, ProbeResult } from '$lib/result/result';
import { withWords } from '$lib/result/files';
import { planProbes } from './plan';
import { noMediaPath } from './verdict';
import { TEST_PRODUCTS, URL, testCatalog } from '$fixtures/test-products';

const ALL_IDS = TEST_PRODUCTS.map((p) => p.id);

/** Every probe the test products need, with the given outcome unless overridden per url. */
function network(
	base: ProbeOutcome,
	overrides: Partial<Record<string, ProbeOutcome>> = {}
): ProbeResult[] {
	return planProbes(testCatalog.withRequiredProducts(ALL_IDS)).map((r) => ({
		url: r.url,
		kind: r.kind,
		outcome: overrides[r.url] ?? base,
		ms: 10,
		evidence: {}
	}));
}

const UDP_URLS = [URL.stun, URL.turnUdp, URL.wherebyTurnUdp];
const udpBlocked = Object.fromEntries(UDP_URLS.map((u) => [u, 'timeout' as const]));

/** The evaluation with today's words beside its facts, as the downloaded JSON holds it. */
function run(probes: ProbeResult[], webrtc: CheckResult['webrtc'] = 'full') {
	return withWords({ ...evaluate(ALL_IDS, testCatalog, probes, { webrtc }), probes }, testCatalog);
}

it('the test products follow the data schema', () => {
	for (const p of TEST_PRODUCTS) expect(v.safeParse(ProductSchema, p).issues).toBeUndefined();
});

describe('open network', () => {
	const { requirements, verdicts } = run(network('reachable'));

	it('passes every tested requirement and marks untestable ones manual', () => {
		expect(requirements['amwell-home.web']!.status).toBe('passed');
		expect(requirements['amwell-home.media-turn']!.status).toBe('passed');
		expect(requirements['amwell-home.dns']!.status).toBe('manual');
		expect(requirements['amwell-home.dns']!.probes).toEqual([]);
		expect(requirements['amwell-home.media-preferred']).toMatchObject({
			status: 'inferred',
			inferredOutcome: 'open',
			probes: [URL.stun]
		});
	});

	it('says what IT must still check for an inferred media range', () => {
		const reason = requirements['amwell-home.media-preferred']!.reason;
		expect(reason).toContain('STUN over UDP 3478 to global.stun.twilio.com: reachable');
		expect(reason).toContain('IT must still confirm UDP 40000–49999');
	});

	it('gives plain ready verdicts', () => {
		expect(verdicts['amwell-home']).toMatchObject({
			verdict: 'ready',
			headline: 'Video calls will work',
			blocking: []
		});
		expect(verdicts['accurx-video']!.verdict).toBe('ready');
		expect(verdicts['amwell-converge']!.verdict).toBe('ready');
	});

	it('says "should" and sends manual rules to IT when a clinical system has untestable mandatory rules', () => {
		expect(verdicts['emis-web-mobile']!.headline).toBe(
			'EMIS Web Mobile should work on this network'
		);
		expect(verdicts['emis-web-mobile']!.advice.join(' ')).toMatch(
			/1 required rule cannot be tested/
		);
	});

	it('is unknown when nothing a browser can test decides', () => {
		expect(verdicts['emis-web']).toMatchObject({
			verdict: 'unknown',
			headline: 'We could not tell whether EMIS Web will work'
		});
	});
});

describe('UDP blocked, TCP and TLS open', () => {
	const { requirements, verdicts } = run(network('reachable', udpBlocked));

	it('marks the TURN requirement partial and the inferred range blocked', () => {
		expect(requirements['amwell-home.media-turn']!.status).toBe('partial');
		expect(requirements['amwell-home.media-turn']!.reason).toMatch(/^2 of 3 probes passed/);
		expect(requirements['amwell-home.media-preferred']!.inferredOutcome).toBe('blocked');
	});

	it('says video calls work through the relay, with lower quality', () => {
		expect(verdicts['amwell-home']).toMatchObject({
			verdict: 'degraded',
			headline: 'Video calls will work through the relay, with lower quality'
		});
		expect(verdicts['amwell-home']!.blocking).toEqual(
			expect.arrayContaining(['amwell-home.media-preferred', 'amwell-home.media-turn'])
		);
		expect(verdicts['accurx-video']!.headline).toBe(
			'Video calls will work through the relay, with lower quality'
		);
	});

	it('says "probably" when only an inferred mandatory rule failed', () => {
		expect(verdicts['sfu-kit']).toMatchObject({
			verdict: 'not-ready',
			headline: 'Video calls will probably not work on this network',
			blocking: ['sfu-kit.sfu-media']
		});
	});

	it('carries the degradation of a required product into the product that requires it', () => {
		expect(verdicts['amwell-tv-kit-200s']!.verdict).toBe('degraded');
		expect(verdicts['amwell-tv-kit-200s']!.blocking).toContain('amwell-converge.media');
	});
});

describe('everything blocked', () => {
	const { verdicts } = run(
		network('timeout', { [URL.amwell]: 'refused', [URL.whereby]: 'dns-failed' })
	);

	it('is not-ready and names the mandatory requirements that failed', () => {
		expect(verdicts['amwell-home']!.verdict).toBe('not-ready');
		expect(verdicts['amwell-home']!.headline).toBe('Video calls will not work on this network');
		expect(verdicts['amwell-home']!.blocking).toEqual(
			expect.arrayContaining([
				'amwell-home.web',
				'amwell-home.media-preferred',
				'amwell-home.media-turn'
			])
		);
		expect(verdicts['amwell-home']!.blocking).not.toContain('amwell-home.dns');
		expect(verdicts['amwell-home']!.advice.join(' ')).toMatch(/mobile data/);
	});

	it('makes a product not-ready when a product it requires fails', () => {
		expect(verdicts['amwell-tv-kit-200s']!.verdict).toBe('not-ready');
		expect(verdicts['amwell-tv-kit-200s']!.blocking).toEqual(
			expect.arrayContaining(['amwell-converge.media', 'amwell-tv-kit-200s.app'])
		);
		expect(verdicts['amwell-tv-kit-200s']!.headline).toBe(
			'Amwell TV Kit 200S will not work on this network'
		);
	});

	it('reports recommended failures without blocking on them', () => {
		expect(verdicts['amwell-home']!.alsoFailed).toEqual(['amwell-home.fleet']);
		expect(verdicts['amwell-home']!.blocking).not.toContain('amwell-home.fleet');
	});
});

describe('alternatives and levels', () => {
	it('a recommended failure alone keeps the product ready', () => {
		const { verdicts } = run(network('reachable', { [URL.intercom]: 'refused' }));
		expect(verdicts['accurx-video']).toMatchObject({
			verdict: 'ready',
			alsoFailed: ['accurx-video.support']
		});
	});

	it('a working fallback satisfies the group when the preferred route could not be tested', () => {
		const { verdicts } = run(network('reachable', { [URL.stun]: 'inconclusive' }));
		expect(verdicts['amwell-home']!.verdict).toBe('ready');
	});

	it('preferred failing and fallback working is degraded, even when UDP reaches the relay', () => {
		const { verdicts } = run(network('reachable', { [URL.stun]: 'timeout' }));
		expect(verdicts['amwell-home']).toMatchObject({
			verdict: 'degraded',
			headline: 'Video calls should work, but part of what they need is blocked',
			blocking: ['amwell-home.media-preferred']
		});
	});

	it('preferred open and fallback failing is still ready: the group needs one member', () => {
		const { verdicts } = run(
			network('reachable', {
				[URL.turnUdp]: 'timeout',
				[URL.turnTcp]: 'refused',
				[URL.turnTls]: 'refused'
			})
		);
		expect(verdicts['amwell-home']!.verdict).toBe('ready');
		// Converge has no alternative: its TURN media requirement failed outright.
		expect(verdicts['amwell-converge']!.verdict).toBe('not-ready');
	});

	it('a mandatory requirement that only partly passed makes a clinical product degraded', () => {
		const { verdicts } = run(network('reachable', { [URL.appearinWss]: 'refused' }));
		expect(verdicts['accurx-video']).toMatchObject({
			verdict: 'degraded',
			headline: 'Video calls should work, but part of what they need is blocked',
			blocking: ['accurx-video.whereby']
		});
	});
});

describe('browsers that cannot decide', () => {
	it('old Firefox: STUN works, TURN is inconclusive — the product with only TURN is unknown, with browser advice', () => {
		const turn = [URL.turnUdp, URL.turnTcp, URL.turnTls, URL.wherebyTurnUdp, URL.wherebyTurnTls];
		const { requirements, verdicts } = run(
			network('reachable', Object.fromEntries(turn.map((u) => [u, 'inconclusive' as const]))),
			'no-error-events'
		);
		expect(requirements['amwell-converge.media']!.status).toBe('not-run');
		expect(requirements['amwell-converge.media']!.reason).toMatch(/No probe could decide/);
		expect(verdicts['amwell-converge']!.verdict).toBe('unknown');
		expect(verdicts['amwell-converge']!.advice[0]).toMatch(/cannot fully test video relays/);
		// Amwell Home's preferred media (inferred from STUN) works, so its group passes.
		expect(verdicts['amwell-home']!.verdict).toBe('ready');
	});

	it('old Firefox on a UDP-blocked network: STUN fails, TURN is inconclusive — weaker, never wrong', () => {
		const turn = [URL.turnUdp, URL.turnTcp, URL.turnTls, URL.wherebyTurnUdp, URL.wherebyTurnTls];
		const { verdicts } = run(
			network('reachable', {
				...Object.fromEntries(turn.map((u) => [u, 'inconclusive' as const])),
				[URL.stun]: 'timeout'
			}),
			'no-error-events'
		);
		// With error events these are "degraded" (relay only); without, nobody can tell.
		expect(verdicts['amwell-home']!.verdict).toBe('unknown');
		expect(verdicts['accurx-video']!.verdict).toBe('unknown');
		expect(verdicts['accurx-video']!.advice[0]).toMatch(/cannot fully test video relays/);
	});

	it('a failed web destination still decides next to an undecided relay', () => {
		const { verdicts } = run(
			network('reachable', {
				[URL.whereby]: 'refused',
				[URL.appearinWss]: 'refused',
				[URL.wherebyTurnTls]: 'inconclusive'
			}),
			'no-error-events'
		);
		expect(verdicts['accurx-video']!.verdict).toBe('not-ready');
	});

	it('WebRTC unavailable: HTTPS still decides, WebRTC-only verdicts are unknown with a clear message', () => {
		const ice = planProbes(TEST_PRODUCTS).filter((p) => p.kind === 'stun' || p.kind === 'turn');
		const { verdicts } = run(
			network('reachable', Object.fromEntries(ice.map((p) => [p.url, 'unsupported' as const]))),
			'unavailable'
		);
		expect(verdicts['amwell-converge']!.verdict).toBe('unknown');
		expect(verdicts['amwell-converge']!.advice[0]).toMatch(/WebRTC is turned off or missing/);
		expect(verdicts['emis-web-mobile']!.verdict).toBe('ready');
	});

	it('a cancelled check is unknown and asks to run again', () => {
		const { verdicts, requirements } = run(network('cancelled'));
		expect(requirements['amwell-home.web']!.status).toBe('not-run');
		expect(verdicts['amwell-home']!.verdict).toBe('unknown');
		expect(verdicts['amwell-home']!.advice[0]).toMatch(/stopped before it finished/);
	});
});

describe('statuses', () => {
	it('fail plus undecided is failed, and the reason lists every probe', () => {
		const { requirements } = run(
			network('reachable', {
				[URL.turnUdp]: 'timeout',
				[URL.turnTcp]: 'inconclusive',
				[URL.turnTls]: 'refused'
			})
		);
		const r = requirements['amwell-home.media-turn']!;
		expect(r.status).toBe('failed');
		expect(r.reason).toContain('2 of 3 probes failed, none passed');
		expect(r.reason).toContain('TURN over TCP 443 to global.turn.twilio.com: inconclusive');
	});

	it('a manual requirement says why and what IT checks', () => {
		const { requirements } = run(network('reachable'));
		expect(requirements['emis-web.data-port']!.reason).toBe(
			'Not testable in a browser: a browser cannot open a raw TCP connection to this port. IT must check TCP 33966 outbound to address set emis-table-1 by hand.'
		);
	});
});

describe('web only: every STUN and TURN probe fails while HTTPS and WebSocket work', () => {
	const iceUrls = [
		URL.stun,
		URL.turnUdp,
		URL.turnTcp,
		URL.turnTls,
		URL.wherebyTurnUdp,
		URL.wherebyTurnTls
	];
	const blockedIce = Object.fromEntries(iceUrls.map((u) => [u, 'timeout' as const]));
	const { verdicts } = run(network('reachable', blockedIce));

	it('says video calls will not work, because no route for media is open', () => {
		expect(verdicts['accurx-video']).toMatchObject({
			verdict: 'not-ready',
			headline: 'Video calls will not work on this network'
		});
		expect(verdicts['accurx-video']!.blocking.length).toBeGreaterThan(0);
	});

	it('still counts a single reachable relay as a media route', () => {
		const { verdicts: oneRelay } = run(
			network('reachable', { ...blockedIce, [URL.wherebyTurnTls]: 'reachable' })
		);
		expect(oneRelay['accurx-video']!.verdict).not.toBe('not-ready');
	});

	it('does not call media blocked when a relay probe could not be decided', () => {
		const probes = network('reachable', { ...blockedIce, [URL.wherebyTurnTls]: 'inconclusive' });
		const { requirements } = run(probes);
		const byUrl = new Map(probes.map((p) => [p.url, p]));
		const accurx = TEST_PRODUCTS.find((p) => p.id === 'accurx-video')!.requirements;
		expect(noMediaPath(accurx, requirements, byUrl)).toBeUndefined();
		const allBlocked = new Map(network('reachable', blockedIce).map((p) => [p.url, p] as const));
		expect(noMediaPath(accurx, run([...allBlocked.values()]).requirements, allBlocked)).toEqual([
			'accurx-video.turn'
		]);
	});
});
