import { describe, expect, it } from 'vitest';
import { realisticFullResult, syntheticCatalog } from '$fixtures/results';
import { parseResult } from '$lib/result/result';
import { cleanLabel, readRecord, RECORD_VERSION } from './record';

const result = realisticFullResult(syntheticCatalog());

describe('readRecord', () => {
	it('reads a current record as it is', () => {
		const record = {
			recordVersion: RECORD_VERSION,
			id: 'a',
			savedAt: '2026-11-29T10:00:00.000Z',
			origin: 'local',
			result
		};
		expect(readRecord(record)).toEqual({ kind: 'current', record });
	});

	it('migrates the version-0 prototype shape', () => {
		const v0 = {
			id: 'old-1',
			time: Date.UTC(2025, 0, 2, 3, 4, 5),
			name: '  Ward 3\nWi-Fi ',
			result
		};
		const read = readRecord(v0);
		expect(read.kind).toBe('migrated');
		if (read.kind !== 'migrated') return;
		expect(read.from).toBe(0);
		expect(read.record).toEqual({
			recordVersion: RECORD_VERSION,
			id: 'old-1',
			savedAt: '2025-01-02T03:04:05.000Z',
			label: 'Ward 3 Wi-Fi',
			origin: 'local',
			result
		});
	});

	it('leaves records from a newer version alone', () => {
		expect(readRecord({ recordVersion: 7, id: 'x', anything: true })).toEqual({
			kind: 'newer',
			version: 7
		});
		const newerResult = { ...result, version: 3 };
		expect(
			readRecord({
				recordVersion: 1,
				id: 'y',
				savedAt: result.startedAt,
				origin: 'local',
				result: newerResult
			}).kind
		).toBe('newer');
	});

	it('says why a record cannot be read', () => {
		const cases: [unknown, RegExp][] = [
			[null, /not an object/],
			['text', /not an object/],
			[{ recordVersion: 'one' }, /version is invalid/],
			[{ recordVersion: 1, id: '', savedAt: result.startedAt, origin: 'local', result }, /no id/],
			[{ recordVersion: 1, id: 'a', savedAt: 'yesterday', origin: 'local', result }, /save time/],
			[{ recordVersion: 1, id: 'a', savedAt: result.startedAt, origin: 'mars', result }, /origin/],
			[{ id: 'v0', time: 1, result: { ...result, probes: 'none' } }, /damaged at probes/],
			[{ id: 'v0', time: 1 }, /not a netready result/]
		];
		for (const [value, problem] of cases) {
			const read = readRecord(value);
			expect(read.kind).toBe('unreadable');
			if (read.kind === 'unreadable') expect(read.problem).toMatch(problem);
		}
	});
});

describe('the result inside a record', () => {
	const problem = (value: unknown) => {
		const parsed = parseResult(value);
		return parsed.ok ? undefined : parsed.problem;
	};
	it('accepts a full result and optional fields added later', () => {
		expect(problem(result)).toBeUndefined();
		const withExtras = structuredClone(result);
		Object.values(withExtras.verdicts)[0]!.alsoFailed = [];
		(withExtras as unknown as Record<string, unknown>).futureField = { x: 1 };
		expect(problem(withExtras)).toBeUndefined();
	});

	it('rejects broken parts with a reason, to the leaves', () => {
		const broken = structuredClone(result);
		Object.values(broken.requirements)[0]!.status = 'maybe' as never;
		expect(problem(broken)).toMatch(/damaged at requirements\..+\.status/);
		const noVerdict = structuredClone(result);
		Object.values(noVerdict.verdicts)[0]!.verdict = 'great' as never;
		expect(problem(noVerdict)).toMatch(/damaged at verdicts\..+\.verdict/);
		// Passes a shallow look, breaks the IT view: quarantined, not listed.
		const deep = structuredClone(result) as unknown as { probes: { evidence: unknown }[] };
		deep.probes[0]!.evidence = { candidateTypes: 'host', iceErrors: [null] };
		expect(problem(deep)).toMatch(/damaged at probes\.0\.evidence/);
		const record = {
			recordVersion: RECORD_VERSION,
			id: 'd',
			savedAt: result.startedAt,
			origin: 'local',
			result: deep
		};
		expect(readRecord(record).kind).toBe('unreadable');
	});
});

describe('cleanLabel', () => {
	it('trims, strips controls and bounds the label', () => {
		expect(cleanLabel('  Ward\t3 \u202eWi-Fi ')).toBe('Ward 3 Wi-Fi');
		expect(cleanLabel('   ')).toBeUndefined();
		expect(cleanLabel(undefined)).toBeUndefined();
		expect(cleanLabel('x'.repeat(200))).toHaveLength(80);
	});
});
