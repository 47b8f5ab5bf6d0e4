/**
 * Each rule of the diagnosis, on every probe of a full check of all 13 products, with outcomes and
 * timings as each lab profile produces them (docs/lab.md records how each engine reports each
 * kind of failure). Recorded results from the lab are replayed in diagnosis-recorded.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { makeCatalog } from '$lib/data/make-catalog';
import type { DataFile } from '$lib/data/schema';
import { parseProbeUrl, type ProbeUrl } from '$lib/data/probe-url';
import type { ProbeOutcome, ProbeResult } from '$lib/result/result';
import { evaluate } from './check';
import { diagnose, domainFamily } from './diagnosis';
import { planProbes } from './plan';

const ids = catalog.products.map((p) => p.id);
const planned = planProbes(catalog.withRequiredProducts(ids));

type Fate = { outcome: ProbeOutcome; ms: number; rttMs?: number };
const answer = (ms = 40): Fate => ({ outcome: 'reachable', ms, rttMs: ms });
const silence: Fate = { outcome: 'timeout', ms: 2000 };
const refused = (ms = 30): Fate => ({ outcome: 'refused', ms });
const noName = (ms = 20): Fate => ({ outcome: 'dns-failed', ms });

function network(fate: (u: ProbeUrl) => Fate): ProbeResult[] {
	return planned.map((r) => {
		const f = fate(parseProbeUrl(r.url)!);
		return { url: r.url, kind: r.kind, ...f, evidence: {} };
	});
}
const causes = (probes: ProbeResult[], online?: boolean) =>
	diagnose({ probes, ...(online !== undefined ? { online } : {}) }).findings.map((f) => f.cause);
const udp = (u: ProbeUrl) => u.ice && u.via === 'udp';

describe('the diagnosis of one run', () => {
	it('finds nothing wrong with an open network', () => {
		expect(causes(network(() => answer()))).toEqual([]);
	});

	it('no internet: the device says it is offline, or no name resolves at all', () => {
		expect(
			causes(
				network(() => silence),
				false
			)
		).toEqual(['offline']);
		// resolver unreachable: every UDP name lookup fails at once, TCP connections fail at once
		expect(causes(network((u) => (udp(u) ? noName() : refused())))).toEqual(['offline']);
		// page opened from the offline cache: nothing answers and the site's own origin neither
		expect(
			diagnose({ probes: network(() => silence), originReachable: false }).findings.map(
				(f) => f.cause
			)
		).toEqual(['offline']);
		expect(diagnose({ probes: network(() => silence), originReachable: true }).findings).toEqual(
			[]
		);
	});

	it('a silent network with working DNS is not "offline": nothing to name but the rules', () => {
		expect(causes(network(() => silence))).toEqual([]);
		// all-rejected: TCP resets at once; UDP ignores ICMP port unreachable and waits
		expect(causes(network((u) => (udp(u) ? silence : refused())))).toEqual([]);
	});

	it('UDP blocked while TCP answers', () => {
		const d = diagnose({ probes: network((u) => (udp(u) ? silence : answer())) });
		expect(d.findings).toEqual([
			expect.objectContaining({ cause: 'udp-blocked', certainty: 'shown' })
		]);
		expect(d.findings[0]!.probes.every((u) => udp(parseProbeUrl(u)!))).toBe(true);
	});

	it('only TCP 443 leaves', () => {
		const probes = network((u) => (u.transport === 'tcp' && u.port === 443 ? answer() : silence));
		expect(causes(probes)).toEqual(['only-tcp-443']);
	});

	it('an explicit proxy refusing CONNECT to other ports is told apart from a firewall that drops', () => {
		const probes = network((u) =>
			u.transport === 'udp' ? silence : u.port === 443 ? answer(120) : refused(60)
		);
		const d = diagnose({ probes });
		expect(d.findings).toEqual([
			expect.objectContaining({
				cause: 'proxy',
				certainty: 'likely',
				alternatives: ['only-tcp-443']
			})
		]);
	});

	it('the STUN/TURN ports blocked while 443 answers on both transports', () => {
		const probes = network((u) => (u.port === 3478 || u.port === 5349 ? silence : answer()));
		expect(causes(probes)).toEqual(['stun-turn-ports-blocked']);
	});

	it('one vendor’s names filtered by DNS while the others resolve', () => {
		const probes = network((u) =>
			domainFamily(u.host) === 'twilio.com' ? (udp(u) ? noName() : refused()) : answer()
		);
		const d = diagnose({ probes });
		expect(d.findings).toEqual([
			expect.objectContaining({ cause: 'dns-filtered', domains: ['twilio.com'] })
		]);
	});

	it('the computer’s own firewall: UDP fails at once for hosts that answer over TCP', () => {
		// Firefox reports the EPERM as an empty-text 701 within milliseconds: read as "no name".
		const probes = network((u) => (udp(u) ? noName(8) : answer()));
		const d = diagnose({ probes });
		expect(d.findings.map((f) => f.cause)).toEqual(['local-firewall']);
		// and the verdicts do not say "name did not resolve": those probes are judged as refused
		const { requirements } = evaluate(ids, catalog, probes, { webrtc: 'full' }, d);
		expect(Object.keys(requirements).length).toBeGreaterThan(0);
	});

	it('HTTPS and WebSocket cut fast while TURN over TCP answers: TLS inspection or a web filter', () => {
		const probes = network((u) => (u.ice ? answer() : refused(45)));
		expect(diagnose({ probes }).findings).toEqual([
			expect.objectContaining({ cause: 'tls-intercepted', certainty: 'likely' })
		]);
	});

	it('WebSocket refused where HTTPS to the same vendor answers', () => {
		const probes = network((u) => (u.scheme === 'wss' ? refused(80) : answer()));
		expect(diagnose({ probes }).findings).toEqual([
			expect.objectContaining({ cause: 'websocket-blocked', domains: ['appearin.net'] })
		]);
	});

	it('a slow link: 600 ms round trips measured from the answers', () => {
		const slowAnswer = (u: ProbeUrl): Fate => {
			const trips =
				u.kind === 'stun'
					? 2
					: u.kind === 'turn'
						? u.via === 'udp'
							? 2
							: u.via === 'tcp'
								? 3
								: 5
						: u.kind === 'https'
							? 5
							: 6;
			return answer(600 * trips);
		};
		const d = diagnose({ probes: network(slowAnswer) });
		expect(d.findings.map((f) => f.cause)).toEqual(['slow-link']);
		expect(d.rttMs).toBe(600);
		const ordinary = diagnose({ probes: network(() => answer(40)) });
		expect(ordinary.rttMs).toBeLessThan(40);
		expect(ordinary.findings).toEqual([]);
	});
});

describe('verdicts that never blame the wrong thing', () => {
	const judge = (probes: ProbeResult[], online?: boolean) => {
		const diagnosis = diagnose({ probes, ...(online !== undefined ? { online } : {}) });
		return evaluate(ids, catalog, probes, { webrtc: 'full' }, diagnosis);
	};

	it('no internet: every product says the device is not connected, none says "send to IT"', () => {
		const { verdicts } = judge(
			network(() => silence),
			false
		);
		for (const id of ids)
			expect(verdicts[id]).toEqual({ verdict: 'unknown', blocking: [], undecided: 'offline' });
	});

	it('a slow link where TURN over TLS and some web probes ran out of time: nothing is not-ready', () => {
		const probes = network((u) =>
			u.via === 'tls' || u.via === 'tcp' ? { outcome: 'timeout', ms: 4500 } : answer(1200)
		);
		const { verdicts, requirements } = judge(probes);
		for (const id of ids) expect(verdicts[id]!.verdict).not.toBe('not-ready');
		expect(Object.values(requirements).some((r) => r.slowNotBlocked)).toBe(true);
		expect(Object.values(requirements).some((r) => r.status === 'failed')).toBe(false);
	});

	it('every HTTPS probe cut: a product whose mandatory TCP 443 rule cannot be tested is at most "probably"', () => {
		const probes = network((u) => (u.ice ? answer() : refused(45)));
		const { verdicts } = judge(probes);
		const ready = Object.entries(verdicts).filter(([, v]) => v.verdict === 'ready');
		for (const [, v] of ready) expect(v.doubt).toBe('tls-intercepted');
		// Converge's "Secure WebRTC TCP 443" rows are inferred from the Amwell web host, which failed.
		const converge = verdicts['amwell-converge']!;
		expect(converge.verdict === 'ready' && !converge.doubt).toBe(false);
	});

	it('a product that only needs a relay and an untestable TCP 443 rule reads "probably", with the reason', () => {
		const base = { section: 's', levelText: 'Mandatory', direction: 'outbound' as const };
		const small = makeCatalog(
			[
				{
					source: { id: 'src', title: 't', publisher: 'p', file: 'data/sources/x.txt' },
					products: [
						{
							id: 'web-app',
							name: 'Web app',
							vendor: 'V',
							summary: 's',
							kind: 'clinical-system',
							source: 'src',
							requirements: ['a', 'b'].map((x) => ({
								...base,
								id: `web-app.${x}`,
								service: x,
								purpose: 'web-app',
								description: 'd',
								level: 'mandatory',
								ports: [{ protocol: 'tcp', from: 443, to: 443 }],
								destinations: [{ kind: 'host', value: `${x}.example.com` }],
								check: {
									kind: 'probe',
									probes: [{ kind: 'https', url: `https://${x}.example.com/` }]
								}
							}))
						},
						{
							id: 'relay-video',
							name: 'Relay video',
							vendor: 'V',
							summary: 's',
							kind: 'video',
							source: 'src',
							requirements: [
								{
									...base,
									id: 'relay-video.media',
									service: 'media',
									purpose: 'video',
									description: 'd',
									level: 'mandatory',
									ports: [{ protocol: 'tcp', from: 443, to: 443 }],
									destinations: [{ kind: 'host', value: 'relay.example.net' }],
									check: {
										kind: 'probe',
										probes: [{ kind: 'turn', url: 'turn:relay.example.net:443?transport=tcp' }]
									}
								},
								{
									...base,
									id: 'relay-video.signalling',
									service: 'signalling',
									purpose: 'call-setup',
									description: 'd',
									level: 'mandatory',
									ports: [{ protocol: 'tcp', from: 443, to: 443 }],
									destinations: [{ kind: 'wildcard', value: '*.example.net' }],
									check: { kind: 'manual', reason: 'no-destination' }
								}
							]
						}
					]
				} as unknown as DataFile
			],
			'test'
		);
		const all = ['web-app', 'relay-video'];
		const probes = planProbes(small.withRequiredProducts(all)).map((r) => ({
			url: r.url,
			kind: r.kind,
			...(r.kind === 'turn' ? answer() : refused(40)),
			evidence: {}
		}));
		const diagnosis = diagnose({ probes });
		expect(diagnosis.findings.map((f) => f.cause)).toEqual(['tls-intercepted']);
		const { verdicts } = evaluate(all, small, probes, { webrtc: 'full' }, diagnosis);
		expect(verdicts['relay-video']).toMatchObject({ verdict: 'ready', doubt: 'tls-intercepted' });
		expect(verdicts['web-app']!.verdict).toBe('not-ready');
		// without the diagnosis the same probes would have said "will work"
		expect(
			evaluate(all, small, probes, { webrtc: 'full' }).verdicts['relay-video']!.doubt
		).toBeUndefined();
	});
});
