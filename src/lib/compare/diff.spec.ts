import { describe, expect, it } from 'vitest';
import { products } from '$lib/data/catalog';
import type { CheckResult } from '$lib/result/result';
import { evaluatedFullResult, realisticFullResult, syntheticCatalog } from '$fixtures/results';
import { compareRuns, transitionText } from './diff';
import { catalog } from '$lib/data/catalog';
import { lightCatalog, lightCatalogData } from '$lib/data/light-catalog';
import { productNameLookup, requirementLookup } from './labels';

const base = realisticFullResult(syntheticCatalog());
const clone = (r: CheckResult) => structuredClone(r);

describe('compareRuns', () => {
	it('finds nothing changed between a run and itself', () => {
		const diff = compareRuns(base, clone(base));
		expect(
			diff.products.every((p) => p.changed.length === 0 && p.verdictDirection === 'same')
		).toBe(true);
		expect(diff.counts.same).toBe(Object.keys(base.requirements).length);
		expect(diff.probes).toEqual([]);
		expect(diff.notes).toEqual([]);
	});

	it('reports each changed requirement with its direction, and folds the rest', () => {
		const after = clone(base);
		const ids = Object.keys(base.requirements);
		const passed = ids.find((id) => base.requirements[id]!.status === 'passed')!;
		const failed = ids.find((id) => base.requirements[id]!.status === 'failed')!;
		const manual = ids.find((id) => base.requirements[id]!.status === 'manual')!;
		after.requirements[passed]!.status = 'failed';
		after.requirements[failed]!.status = 'passed';
		after.requirements[manual]!.status = 'not-run';
		delete after.requirements[ids[ids.length - 1]!];
		const productId = passed.split('.')[0]!;
		after.verdicts[productId]!.verdict = 'not-ready';
		const diff = compareRuns(base, after);

		const all = diff.products.flatMap((p) => p.changed);
		expect(all.find((c) => c.id === passed)).toMatchObject({
			before: 'passed',
			after: 'failed',
			direction: 'worse'
		});
		expect(all.find((c) => c.id === failed)).toMatchObject({
			before: 'failed',
			after: 'passed',
			direction: 'better'
		});
		expect(all.find((c) => c.id === manual)).toMatchObject({ direction: 'changed' });
		expect(all.find((c) => c.id === ids[ids.length - 1])).toMatchObject({
			direction: 'removed',
			after: undefined
		});
		expect(all).toHaveLength(4);
		expect(diff.counts.same).toBe(ids.length - 4);
		const product = diff.products.find((p) => p.productId === productId)!;
		expect(product.unchanged.every((c) => c.before === c.after)).toBe(true);
		expect(product.before).toBe(base.verdicts[productId]!.verdict);
		expect(product.after).toBe('not-ready');
	});

	it('lists the probe outcome changes behind a requirement change', () => {
		const after = clone(base);
		const [id, req] = Object.entries(base.requirements).find(
			([, r]) => r.status === 'passed' && r.probes.length
		)!;
		const url = req.probes[0]!;
		after.probes.find((p) => p.url === url)!.outcome = 'timeout';
		after.requirements[id]!.status = 'failed';
		const diff = compareRuns(base, after);
		const change = diff.products.flatMap((p) => p.changed).find((c) => c.id === id)!;
		expect(change.probes).toEqual([
			{ url, before: 'reachable', after: 'timeout', direction: 'worse' }
		]);
		expect(diff.probes).toContainEqual({
			url,
			before: 'reachable',
			after: 'timeout',
			direction: 'worse'
		});
	});

	it('notes different data versions, browsers and WebRTC support', () => {
		const after = {
			...clone(base),
			dataVersion: '2027-01-01.1',
			browser: 'Firefox 153',
			webrtc: 'no-error-events' as const
		};
		const diff = compareRuns(base, after);
		expect(diff.notes).toHaveLength(3);
		expect(diff.notes[0]).toContain('2027-01-01.1');
	});

	it('names requirements from the real catalog', () => {
		expect(products.length).toBeGreaterThan(0);
		const a = evaluatedFullResult(1);
		const b = evaluatedFullResult(2);
		const diff = compareRuns(a, b, requirementLookup(catalog));
		const changed = diff.products.flatMap((p) => p.changed);
		expect(changed.length).toBeGreaterThan(0);
		for (const c of changed) expect(c.label).not.toBe(c.id);
		expect(diff.products.map((p) => p.name)).toContain(products[0]!.name);
		// The light catalog names them the same way.
		const light = lightCatalog(lightCatalogData(catalog));
		expect(compareRuns(a, b, requirementLookup(light))).toEqual(diff);
	});

	it('compares only the products both runs checked and names the others', () => {
		const a = evaluatedFullResult(1);
		const [first, second, ...rest] = a.products;
		expect(rest.length).toBeGreaterThan(0);
		const only = (r: CheckResult, keep: string[]): CheckResult => {
			const out = structuredClone(r);
			out.products = keep;
			out.verdicts = Object.fromEntries(keep.map((id) => [id, r.verdicts[id]!]));
			out.requirements = Object.fromEntries(
				Object.entries(r.requirements).filter(([id]) => keep.includes(id.split('.')[0]!))
			);
			const used = new Set(Object.values(out.requirements).flatMap((q) => q.probes));
			out.probes = r.probes.filter((p) => used.has(p.url));
			return out;
		};
		const before = only(a, [first!, second!]);
		const after = only(evaluatedFullResult(2), [second!, rest[0]!]);
		const diff = compareRuns(before, after, requirementLookup(catalog), productNameLookup(catalog));
		expect(diff.products.map((p) => p.productId)).toEqual([second]);
		expect(diff.onlyBefore).toEqual([
			{
				productId: first,
				name: catalog.productById(first!)!.name,
				verdict: a.verdicts[first!]!.verdict
			}
		]);
		expect(diff.onlyAfter.map((p) => p.productId)).toEqual([rest[0]]);
		// Nothing of the products in one run only is counted as added or removed.
		expect(diff.counts.added + diff.counts.removed).toBe(0);
		const compared = Object.keys(before.requirements).filter((id) => id.startsWith(`${second}.`));
		expect(Object.values(diff.counts).reduce((x, y) => x + y, 0)).toBe(compared.length);
		// Nor are their probes listed for IT.
		const secondUrls = new Set(compared.flatMap((id) => before.requirements[id]!.probes));
		for (const p of diff.probes) expect(secondUrls.has(p.url)).toBe(true);
		expect(compareRuns(before, clone(before)).onlyBefore).toEqual([]);
	});

	it('formats a transition', () => {
		expect(transitionText('passed', 'failed')).toBe('passed → failed');
		expect(transitionText(undefined, 'passed')).toBe('not in that run → passed');
	});
});

describe('what the network did in each run', () => {
	it('says a cause was named then and not now, and notes different product sets', async () => {
		const { compareRuns } = await import('./diff');
		const base = {
			format: 'netready-result' as const,
			version: 2 as const,
			startedAt: '2026-12-01T10:00:00.000Z',
			finishedAt: '2026-12-01T10:00:02.000Z',
			dataVersion: 'd',
			appVersion: 'a',
			browser: 'Chrome 156',
			webrtc: 'full' as const,
			probes: [],
			requirements: {},
			verdicts: {}
		};
		const then = {
			...base,
			products: ['a', 'b'],
			diagnosis: {
				findings: [{ cause: 'udp-blocked' as const, certainty: 'shown' as const, probes: [] }]
			}
		};
		const now = { ...base, products: ['a'], diagnosis: { findings: [] } };
		const c = compareRuns(then, now);
		expect(c.causes).toEqual([{ cause: 'udp-blocked', before: true, after: false }]);
		expect(c.onlyBefore).toEqual([{ productId: 'b', name: 'b' }]);
		expect(c.onlyAfter).toEqual([]);
		expect(c.products.map((p) => p.productId)).toEqual(['a']);
		const old = compareRuns({ ...then, diagnosis: undefined }, now);
		expect(old.causes).toEqual([]);
	});
});
