import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startBoundTimer } from '$lib/probes/bound-timer';
import type { ProbeAdapters, ProbeContext, ProbeFn, ProbeRequest } from '$lib/probes/types';
import type { ProbeOutcome, ProbeResult } from '$lib/result/result';
import { runCheck } from './check';
import { runProbes, type RunProgress } from './runner';
import { planProbes } from './plan';
import { TEST_PRODUCTS, testCatalog, URL } from '$fixtures/test-products';

/**
 * A fake probe that answers `outcome` after `afterMs`, honours its bound like the real adapters
 * (timeout at boundMs) and its abort signal (cancelled at once). `hang` ignores both.
 */
function fake(
	plan: (r: ProbeRequest) => {
		outcome: ProbeOutcome;
		afterMs: number;
		rttMs?: number;
		hang?: boolean;
	}
) {
	const calls: { request: ProbeRequest; context: ProbeContext; raisedTo?: number }[] = [];
	const fn: ProbeFn = (request, context) => {
		const call: (typeof calls)[number] = { request, context };
		calls.push(call);
		const { outcome, afterMs, rttMs, hang } = plan(request);
		const result = (o: ProbeOutcome, ms: number): ProbeResult => ({
			url: request.url,
			kind: request.kind,
			outcome: o,
			ms,
			...(o === 'reachable' && rttMs !== undefined ? { rttMs } : {}),
			evidence: {}
		});
		context.onBoundChange?.((boundMs) => (call.raisedTo = boundMs));
		return new Promise((resolve) => {
			if (hang) return;
			const answer = setTimeout(() => resolve(result(outcome, afterMs)), afterMs);
			const stopBound = startBoundTimer(
				context,
				() => resolve(result('timeout', call.raisedTo ?? context.boundMs)),
				() => Date.now()
			);
			context.signal.addEventListener('abort', () => {
				clearTimeout(answer);
				stopBound();
				resolve(result('cancelled', 0));
			});
		});
	};
	return { fn, calls };
}

const adaptersOf = (fn: ProbeFn): ProbeAdapters => ({ stun: fn, turn: fn, https: fn, wss: fn });

const requests: ProbeRequest[] = [
	{ url: 'stun:a.example:3478', kind: 'stun' },
	{ url: 'turn:a.example:443?transport=tcp', kind: 'turn' },
	{ url: 'https://b.example/', kind: 'https' },
	{ url: 'wss://c.example/', kind: 'wss' }
];

beforeEach(() => {
	vi.useFakeTimers();
});
afterEach(() => {
	vi.useRealTimers();
});

describe('runProbes', () => {
	it('runs every probe at once and ends when the last one answers, not at the bound', async () => {
		const { fn, calls } = fake((r) => ({
			outcome: 'reachable',
			afterMs: r.kind === 'wss' ? 300 : 50
		}));
		const start = Date.now();
		const promise = runProbes(requests, adaptersOf(fn));
		// all four started before any time passed: parallel, not one after another
		expect(calls).toHaveLength(4);
		await vi.advanceTimersByTimeAsync(300);
		const results = await promise;
		expect(Date.now() - start).toBe(300);
		expect(results.map((r) => r.outcome)).toEqual([
			'reachable',
			'reachable',
			'reachable',
			'reachable'
		]);
		expect(results.map((r) => r.url)).toEqual(requests.map((r) => r.url));
	});

	it('hands each probe its own bound and ends a silent network at the bound', async () => {
		const { fn, calls } = fake(() => ({ outcome: 'reachable', afterMs: 60_000 }));
		const start = Date.now();
		const promise = runProbes(requests, adaptersOf(fn), { bounds: { stun: 1000, https: 3000 } });
		await vi.advanceTimersByTimeAsync(3000);
		const results = await promise;
		expect(Date.now() - start).toBe(3000);
		expect(calls.map((c) => c.context.boundMs)).toEqual([1000, 2000, 3000, 2000]);
		expect(results.map((r) => [r.outcome, r.ms, r.boundMs])).toEqual([
			['timeout', 1000, 1000],
			['timeout', 2000, 2000],
			['timeout', 3000, 3000],
			['timeout', 2000, 2000]
		]);
	});

	it('raises the bounds of running probes when an answer shows a slow link, and only then', async () => {
		// STUN answers after 1.2 s (DNS + binding at 600 ms round trips); the rest stay silent.
		const { fn, calls } = fake((r) =>
			r.kind === 'stun'
				? { outcome: 'reachable', afterMs: 1200, rttMs: 1200 }
				: { outcome: 'reachable', afterMs: 60_000 }
		);
		const promise = runProbes(requests, adaptersOf(fn), { now: () => Date.now() });
		await vi.advanceTimersByTimeAsync(20_000);
		const results = await promise;
		const byKind = Object.fromEntries(results.map((r) => [r.url, r]));
		// 600 ms round trips: TURN over TCP 2·3·600+500, HTTPS 2·5·600+500, WebSocket 2·6·600+500.
		expect(results.map((r) => r.boundMs)).toEqual([2000, 4100, 6500, 7700]);
		expect(results.slice(1).map((r) => r.outcome)).toEqual(['timeout', 'timeout', 'timeout']);
		expect(calls.slice(1).map((c) => c.raisedTo)).toEqual([4100, 6500, 7700]);
		expect(Object.keys(byKind)).toHaveLength(4);
	});

	it("raises the bounds from the origin check's round trip, and never lowers them", async () => {
		const { fn, calls } = fake(() => ({ outcome: 'reachable', afterMs: 60_000 }));
		let answer!: (rtt: number | undefined) => void;
		const rttHint = new Promise<number | undefined>((resolve) => (answer = resolve));
		const promise = runProbes(requests, adaptersOf(fn), { now: () => Date.now(), rttHint });
		await vi.advanceTimersByTimeAsync(500);
		answer(600); // the origin answered in 2.4 s: at least 600 ms round trips
		await vi.advanceTimersByTimeAsync(20_000);
		const results = await promise;
		expect(results.map((r) => r.boundMs)).toEqual([2900, 4100, 6500, 7700]);
		expect(calls.map((c) => c.raisedTo)).toEqual([2900, 4100, 6500, 7700]);
	});

	it('an origin on loopback (round trip ~0) or no origin time leaves the floor', async () => {
		for (const hint of [0.1, 0, undefined]) {
			const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 60_000 }));
			const promise = runProbes(requests, adaptersOf(fn), {
				now: () => Date.now(),
				rttHint: Promise.resolve(hint)
			});
			await vi.advanceTimersByTimeAsync(5000);
			expect((await promise).map((r) => r.boundMs)).toEqual([2000, 2000, 2000, 2000]);
		}
	});

	it('a starting bound above what the origin suggests is kept', async () => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 60_000 }));
		const promise = runProbes(requests, adaptersOf(fn), {
			now: () => Date.now(),
			bounds: { wss: 9000 },
			rttHint: Promise.resolve(600)
		});
		await vi.advanceTimersByTimeAsync(20_000);
		expect((await promise).map((r) => r.boundMs)).toEqual([2900, 4100, 6500, 9000]);
	});

	it('keeps the floor when answers come at ordinary speed', async () => {
		const { fn } = fake((r) =>
			r.kind === 'stun'
				? { outcome: 'reachable', afterMs: 40, rttMs: 40 }
				: { outcome: 'reachable', afterMs: 60_000 }
		);
		const promise = runProbes(requests, adaptersOf(fn));
		await vi.advanceTimersByTimeAsync(5000);
		const results = await promise;
		expect(results.map((r) => r.boundMs)).toEqual([2000, 2000, 2000, 2000]);
	});

	it('records a timeout itself when an adapter never calls back, after bound + grace', async () => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 0, hang: true }));
		let settled = false;
		const promise = runProbes(requests.slice(0, 1), adaptersOf(fn), { graceMs: 400 }).then((r) => {
			settled = true;
			return r;
		});
		await vi.advanceTimersByTimeAsync(2399);
		expect(settled).toBe(false);
		await vi.advanceTimersByTimeAsync(1);
		const [r] = await promise;
		expect(r!.outcome).toBe('timeout');
		expect(r!.evidence.detail).toBe('no answer within 2.0 s');
	});

	it('cancels every running probe at once and keeps the finished ones', async () => {
		const { fn, calls } = fake((r) => ({
			outcome: 'refused',
			afterMs: r.kind === 'https' ? 10 : 3000
		}));
		const controller = new AbortController();
		const promise = runProbes(requests, adaptersOf(fn), { signal: controller.signal });
		await vi.advanceTimersByTimeAsync(100);
		controller.abort();
		await vi.advanceTimersByTimeAsync(0);
		const results = await promise;
		expect(results.map((r) => r.outcome)).toEqual([
			'cancelled',
			'cancelled',
			'refused',
			'cancelled'
		]);
		// the adapters still running were told to stop (and close their sockets)
		expect(calls.map((c) => c.context.signal.aborted)).toEqual([true, true, false, true]);
	});

	it('does not start probes when already cancelled', async () => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 10 }));
		const controller = new AbortController();
		controller.abort();
		const results = await runProbes(requests, adaptersOf(fn), { signal: controller.signal });
		expect(results.every((r) => r.outcome === 'cancelled')).toBe(true);
	});

	it('turns an adapter that throws into "unsupported" and carries on', async () => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 5 }));
		const adapters = {
			...adaptersOf(fn),
			stun: () => Promise.reject(new TypeError('no RTCPeerConnection'))
		};
		const promise = runProbes(requests, adapters);
		await vi.advanceTimersByTimeAsync(5);
		const results = await promise;
		expect(results[0]).toMatchObject({
			outcome: 'unsupported',
			evidence: { detail: expect.stringContaining('no RTCPeerConnection') }
		});
		expect(results[1]!.outcome).toBe('reachable');
	});

	it('reports progress once at the start and once per finished probe', async () => {
		const { fn } = fake((r) => ({ outcome: 'reachable', afterMs: r.kind === 'stun' ? 20 : 10 }));
		const seen: RunProgress[] = [];
		const promise = runProbes(requests, adaptersOf(fn), { onProgress: (p) => seen.push(p) });
		await vi.advanceTimersByTimeAsync(20);
		await promise;
		expect(seen.map((p) => p.done)).toEqual([0, 1, 2, 3, 4]);
		expect(seen.every((p) => p.total === 4)).toBe(true);
		expect(seen.at(-1)!.latest!.url).toBe('stun:a.example:3478');
	});
});

describe('runCheck', () => {
	it('probes each distinct url once across products and their required products', async () => {
		const { fn, calls } = fake(() => ({ outcome: 'reachable', afterMs: 5 }));
		const promise = runCheck({
			productIds: ['amwell-tv-kit-200s', 'amwell-home', 'amwell-converge'],
			catalog: testCatalog,
			adapters: adaptersOf(fn),
			meta: { dataVersion: 'd1', appVersion: 'a1', browser: 'Chrome 156', webrtc: 'full' },
			clock: () => new Date('2026-11-29T10:00:00.000Z')
		});
		await vi.advanceTimersByTimeAsync(5);
		const result = await promise;
		const urls = calls.map((c) => c.request.url);
		expect(new Set(urls).size).toBe(urls.length);
		// www.amwell.com is used by all three products, TURN/UDP by two: one probe each
		expect(urls.filter((u) => u === URL.amwell)).toHaveLength(1);
		expect(urls.filter((u) => u === URL.turnUdp)).toHaveLength(1);
		// TV Kit requires Converge: Converge's TURN probes run even if only the TV kit is chosen
		expect(urls).toEqual(expect.arrayContaining([URL.turnTcp, URL.stun, URL.turnTls]));
		expect(result).toMatchObject({
			format: 'netready-result',
			version: 2,
			startedAt: '2026-11-29T10:00:00.000Z',
			products: ['amwell-tv-kit-200s', 'amwell-home', 'amwell-converge'],
			webrtc: 'full'
		});
		expect(Object.keys(result.verdicts)).toEqual([
			'amwell-tv-kit-200s',
			'amwell-home',
			'amwell-converge'
		]);
		expect(result.requirements['amwell-converge.media']!.status).toBe('passed');
	});

	it('drops unknown product ids instead of failing', async () => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 1 }));
		const promise = runCheck({
			productIds: ['emis-web-mobile', 'no-such-product'],
			catalog: testCatalog,
			adapters: adaptersOf(fn),
			meta: { dataVersion: 'd1', appVersion: 'a1', browser: 'x', webrtc: 'full' }
		});
		await vi.advanceTimersByTimeAsync(1);
		const result = await promise;
		expect(result.products).toEqual(['emis-web-mobile']);
		expect(result.probes.map((p) => p.url)).toEqual([URL.emisApi]);
	});

	it('checks all products in one bounded pass: a silent network ends at the bound', async () => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 60_000 }));
		let finishedAt = -1;
		const t0 = Date.now();
		const promise = runCheck({
			productIds: TEST_PRODUCTS.map((p) => p.id),
			catalog: testCatalog,
			adapters: adaptersOf(fn),
			meta: { dataVersion: 'd1', appVersion: 'a1', browser: 'x', webrtc: 'full' }
		}).then((r) => {
			finishedAt = Date.now() - t0;
			return r;
		});
		await vi.advanceTimersByTimeAsync(6000);
		const result = await promise;
		expect(finishedAt).toBe(2000);
		expect(result.probes).toHaveLength(
			planProbes(testCatalog.withRequiredProducts(TEST_PRODUCTS.map((p) => p.id))).length
		);
		expect(result.verdicts['amwell-home']!.verdict).toBe('not-ready');
	});
});

describe("runCheck and the origin check's round trip", () => {
	const run = (originCheck: () => Promise<unknown>) => {
		const { fn } = fake(() => ({ outcome: 'reachable', afterMs: 60_000 }));
		return runCheck({
			productIds: ['emis-web-mobile'],
			catalog: testCatalog,
			adapters: adaptersOf(fn),
			meta: {
				dataVersion: 'd1',
				appVersion: 'a1',
				browser: 'x',
				webrtc: 'full',
				originCheck: originCheck as () => Promise<boolean>
			}
		});
	};

	it('a slow origin raises the bounds; a fast one or a plain yes leaves the floor', async () => {
		const slow = run(async () => ({ reachable: true, ms: 2400 }));
		const fast = run(async () => ({ reachable: true, ms: 3 }));
		const plain = run(async () => true);
		await vi.advanceTimersByTimeAsync(20_000);
		// emis-web-mobile has one HTTPS probe: 600 ms round trips give it 2·5·600+500 ms.
		expect((await slow).probes.map((p) => p.boundMs)).toEqual([6500]);
		expect((await fast).probes.map((p) => p.boundMs)).toEqual([2000]);
		expect((await plain).probes.map((p) => p.boundMs)).toEqual([2000]);
	});

	it('an origin that does not answer, or an origin check that throws, raises nothing', async () => {
		const result = run(async () => ({ reachable: false }));
		const failing = run(async () => {
			throw new Error('no');
		});
		await vi.advanceTimersByTimeAsync(20_000);
		expect((await result).probes.map((p) => p.boundMs)).toEqual([2000]);
		expect((await failing).probes.map((p) => p.boundMs)).toEqual([2000]);
	});
});
