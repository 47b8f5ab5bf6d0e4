import { describe, expect, it } from 'vitest';
import { compareRuns } from './diff';
import {
	causeChangeText,
	changeText,
	comparisonSummary,
	productSetNote,
	sideNames,
	sideStatus
} from './words';
import { evaluatedFullResult } from '$fixtures/results';

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

describe('comparison words', () => {
	it('says which way an inference pointed, never a bare dash', () => {
		expect(sideStatus('inferred', 'blocked')).toBe('Inferred blocked');
		expect(sideStatus('inferred', 'open')).toBe('Inferred open');
		expect(sideStatus('inferred')).toBe('Inferred, undecided');
		expect(sideStatus(undefined)).toBe('not in that run');
		expect(changeText({ before: 'failed', after: 'inferred', afterLean: 'blocked' })).toBe(
			'Failed → Inferred blocked'
		);
		const leanOnly = changeText({
			before: 'inferred',
			after: 'inferred',
			beforeLean: undefined,
			afterLean: 'blocked'
		});
		expect(leanOnly).toBe('Inferred blocked (before: undecided)');
		expect(
			changeText({
				before: 'inferred',
				after: 'inferred',
				beforeLean: 'open',
				afterLean: 'blocked'
			})
		).toBe('Inferred blocked (before: open)');
		for (const text of [leanOnly, changeText({ before: 'passed', after: 'failed' })])
			expect(text).not.toMatch(/—|inference:/);
		expect(changeText({ before: 'passed', after: 'failed' })).toBe('Passed → Failed');
	});

	it('words causes then and now', () => {
		expect(causeChangeText({ cause: 'udp-blocked', before: true, after: false })).toBe(
			'then, not now'
		);
		expect(causeChangeText({ cause: 'udp-blocked', before: true, after: true })).toBe(
			'then and now'
		);
		expect(causeChangeText({ cause: 'udp-blocked', after: true })).toBe('not diagnosed then, now');
	});

	it('names the products in one run only, with their verdicts, or says nothing', () => {
		expect(productSetNote([], [])).toBeUndefined();
		const note = productSetNote(
			[{ productId: 'a', name: 'EMIS Web', verdict: 'not-ready' }],
			[
				{ productId: 'b', name: 'Accurx', verdict: 'ready' },
				{ productId: 'c', name: 'Teams' }
			]
		)!;
		expect(note).toContain('only the earlier checked EMIS Web (not ready)');
		expect(note).toContain('only the later checked Accurx (ready) and Teams');
		expect(note).toMatch(/Only the products both checked are compared/);
	});

	it('names the two sides so they never read the same', () => {
		const t1 = '2026-12-01T18:04:10.000Z';
		const t2 = '2026-12-01T18:04:50.000Z';
		expect(sideNames({ label: 'Room 3', startedAt: t1 }, { startedAt: t2 }, when)).toEqual([
			'Room 3 (2026-12-01 18:04)',
			'the check of 2026-12-01 18:04'
		]);
		expect(sideNames({ startedAt: t1 }, { startedAt: t2 }, when)).toEqual([
			'the check of 2026-12-01 18:04 — the earlier one',
			'the check of 2026-12-01 18:04 — the later one'
		]);
		// Picked the other way round, the names follow the times, not the sides.
		expect(sideNames({ startedAt: t2 }, { startedAt: t1 }, when)[0]).toMatch(/later one$/);
		const same = sideNames({ startedAt: t1 }, { startedAt: t1 }, when);
		expect(same[0]).not.toBe(same[1]);
		expect(sideNames({ startedAt: t1, shared: true }, { startedAt: t1 }, when)[0]).toBe(
			'the check of 2026-12-01 18:04, shared with you'
		);
	});

	it('sums a comparison up, product answers first', () => {
		const a = evaluatedFullResult(1);
		expect(comparisonSummary(compareRuns(a, structuredClone(a)))).toBe('nothing changed.');
		const b = structuredClone(a);
		const id = a.products[0]!;
		b.verdicts[id]!.verdict = a.verdicts[id]!.verdict === 'ready' ? 'not-ready' : 'ready';
		const text = comparisonSummary(compareRuns(a, b));
		expect(text).toMatch(
			new RegExp(
				`^the answer changed for 1 of ${a.products.length} products; 0 requirements got worse, 0 got better; \\d+ unchanged\\.$`
			)
		);
	});
});
