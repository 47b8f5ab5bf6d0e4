import { describe, expect, it } from 'vitest';
import { realisticFullResult, syntheticCatalog } from '$lib/share/samples';
import { cleanLabel, readRecord, resultProblem, RECORD_VERSION } from './record';

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
			recordVersion: 1,
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
		const newerResult = { ...result, version: 2 };
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
			[{ id: 'v0', time: 1, result: { ...result, probes: 'none' } }, /probes is not a list/],
			[{ id: 'v0', time: 1 }, /result is not an object/]
		];
		for (const [value, problem] of cases) {
			const read = readRecord(value);
			expect(read.kind).toBe('unreadable');
			if (read.kind === 'unreadable') expect(read.problem).toMatch(problem);
		}
	});
});

describe('resultProblem', () => {
	it('accepts a full result and optional fields added later', () => {
		expect(resultProblem(result)).toBeUndefined();
		const withExtras = structuredClone(result);
		Object.values(withExtras.verdicts)[0]!.alsoFailed = [];
		(withExtras as unknown as Record<string, unknown>).futureField = { x: 1 };
		expect(resultProblem(withExtras)).toBeUndefined();
	});

	it('rejects broken parts with a reason', () => {
		const broken = structuredClone(result);
		Object.values(broken.requirements)[0]!.status = 'maybe' as never;
		expect(resultProblem(broken)).toMatch(/unknown status/);
		const noVerdict = structuredClone(result);
		Object.values(noVerdict.verdicts)[0]!.verdict = 'great' as never;
		expect(resultProblem(noVerdict)).toMatch(/verdict .* is unknown/);
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
