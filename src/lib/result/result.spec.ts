import { describe, expect, it, vi } from 'vitest';
import { runCheck } from '$lib/check/check';
import { resultJson } from './files';
import { readResultFile as parseCheckResultJson } from './migrate';
import { own, parseResult as parseCheckResult } from './result';
import type { ProbeFn } from '$lib/probes/types';
import { TEST_PRODUCTS, testCatalog } from '$fixtures/test-products';

async function realResult() {
	vi.useFakeTimers();
	const fn: ProbeFn = async (r) => ({
		url: r.url,
		kind: r.kind,
		outcome: r.kind === 'stun' ? 'reachable' : 'timeout',
		ms: 12,
		...(r.kind === 'stun' ? { rttMs: 12 } : {}),
		evidence:
			r.kind === 'stun'
				? { candidateTypes: ['host/udp', 'srflx/udp'], publicAddress: '203.0.113.5' }
				: {}
	});
	const promise = runCheck({
		productIds: TEST_PRODUCTS.map((p) => p.id),
		catalog: testCatalog,
		adapters: { stun: fn, turn: fn, https: fn, wss: fn },
		meta: { dataVersion: 'd', appVersion: 'a', browser: 'Chrome 156', webrtc: 'full' }
	});
	await vi.runAllTimersAsync();
	vi.useRealTimers();
	return promise;
}

describe('parseCheckResult', () => {
	it('accepts what the check produces, through the downloaded JSON', async () => {
		const result = await realResult();
		const back = parseCheckResultJson(resultJson(result, testCatalog));
		expect(back.ok).toBe(true);
		if (back.ok) {
			expect(back.result.verdicts).toEqual(result.verdicts);
			expect(back.result.probes[0]!.evidence.publicAddress).toBeUndefined();
		}
	});

	it('gives a clear problem for foreign, newer, damaged or broken input', async () => {
		const result = await realResult();
		expect(parseCheckResult({ hello: 1 })).toEqual({
			ok: false,
			problem: 'This is not a netready result.'
		});
		expect(parseCheckResult({ ...result, version: 9 })).toMatchObject({
			ok: false,
			problem: expect.stringMatching(/newer netready/)
		});
		const damaged = { ...result, probes: [{ ...result.probes[0], outcome: 'exploded' }] };
		expect(parseCheckResult(damaged)).toMatchObject({
			ok: false,
			problem: expect.stringMatching(/damaged at probes\.0\.outcome/)
		});
		expect(parseCheckResultJson('{not json')).toEqual({
			ok: false,
			problem: 'This file is not valid JSON.'
		});
		expect(parseCheckResult(null)).toMatchObject({ ok: false });
	});

	it('drops fields the format does not have', async () => {
		const result = await realResult();
		const back = parseCheckResult({ ...result, injected: '<script>' });
		expect(back.ok && 'injected' in back.result).toBe(false);
	});

	it('indexes verdicts and requirements by own ids only, and de-duplicates products', async () => {
		const result = await realResult();
		const back = parseCheckResult({
			...result,
			products: [...result.products, result.products[0]]
		});
		expect(back.ok).toBe(true);
		if (!back.ok) return;
		expect(back.result.products).toEqual(result.products);
		expect(own(back.result.verdicts, 'constructor')).toBeUndefined();
		expect(back.result.verdicts['constructor' as string]).toBeUndefined();
		expect(back.result.requirements['__proto__' as string]).toBeUndefined();
	});
});
