import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { resultFilename, resultJson } from './files';
import { withoutPublicAddresses } from './privacy';
import type { CheckResult } from './result';

const result: CheckResult = {
	format: 'netready-result',
	version: 2,
	startedAt: '2026-11-29T19:53:05.120Z',
	finishedAt: '2026-11-29T19:53:07.481Z',
	dataVersion: 'd',
	appVersion: 'a',
	browser: 'Chrome 156',
	webrtc: 'full',
	products: ['p'],
	probes: [
		{
			url: 'stun:s.example:3478',
			kind: 'stun',
			outcome: 'reachable',
			ms: 40,
			rttMs: 40,
			evidence: { candidateTypes: ['host/udp', 'srflx/udp'], publicAddress: '203.0.113.7' }
		},
		{
			url: 'https://w.example/',
			kind: 'https',
			outcome: 'refused',
			ms: 12,
			evidence: { detail: 'x' }
		}
	],
	requirements: {},
	verdicts: {}
};

describe('export', () => {
	it('names the file after the finish time without colons', () => {
		expect(resultFilename(result)).toBe('netready-result-2026-11-29T19-53-07Z.json');
	});

	it('leaves the public address out unless asked, without touching the original', () => {
		expect(resultJson(result, catalog)).not.toContain('203.0.113.7');
		expect(resultJson(result, catalog, { includePublicAddress: true })).toContain('203.0.113.7');
		expect(result.probes[0]!.evidence.publicAddress).toBe('203.0.113.7');
		const stripped = withoutPublicAddresses(result);
		expect(stripped.probes[0]!.evidence).toEqual({ candidateTypes: ['host/udp', 'srflx/udp'] });
		expect(stripped.probes[1]).toBe(result.probes[1]);
	});

	it('writes JSON that parses back to the same result', () => {
		expect(JSON.parse(resultJson(result, catalog, { includePublicAddress: true }))).toEqual(result);
	});
});
