import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult, type FleetResultSpec } from '$fixtures/fleet';
import { buildMatrix, causeText, summaryText } from './matrix';
import type { FleetRun, FleetSite } from './model';

const catalog = syntheticCatalog();
const [A, B, C] = catalog.products.map((p) => p.id) as [string, string, string];
const products = catalog.products.map((p) => ({ id: p.id, name: p.name ?? p.id }));

let n = 0;
function run(spec: FleetResultSpec): FleetRun {
	return {
		id: `run-${++n}`,
		addedAt: '2026-12-01T10:00:00.000Z',
		source: { kind: 'link' },
		result: fleetResult(catalog, spec)
	};
}
function site(name: string, runs: FleetRun[], baselineRunId?: string): FleetSite {
	return {
		id: `site-${name}`,
		name,
		createdAt: '2026-12-01T10:00:00.000Z',
		runs,
		...(baselineRunId ? { baselineRunId } : {})
	};
}

const ward3 = site('Ward 3', [
	run({
		startedAt: '2026-11-30T09:00:00Z',
		verdicts: { [A]: 'ready', [B]: 'not-ready' },
		causes: ['udp-blocked']
	})
]);
const ward10 = site('Ward 10', [
	run({ startedAt: '2026-11-29T09:00:00Z', verdicts: { [A]: 'degraded' } })
]);
const surgery = site('Elm Road surgery', [
	run({
		startedAt: '2026-12-01T09:00:00Z',
		verdicts: { [A]: 'ready', [B]: 'ready', [C]: 'unknown' },
		causes: []
	})
]);
const sites = [ward3, ward10, surgery];

describe('buildMatrix', () => {
	it('places each verdict and says "not checked" where a run did not check a product', () => {
		const m = buildMatrix(sites, products);
		expect(m.columns.map((c) => c.id)).toEqual([A, B, C]);
		const cells = Object.fromEntries(
			m.rows.map((r) => [r.site.name, r.cells.map((c) => c.verdict)])
		);
		expect(cells).toEqual({
			'Elm Road surgery': ['ready', 'ready', 'unknown'],
			'Ward 3': ['ready', 'not-ready', 'not-checked'],
			'Ward 10': ['degraded', 'not-checked', 'not-checked']
		});
		const ward = m.rows.find((r) => r.site.name === 'Ward 10')!;
		expect(ward.cells.map((c) => `${c.mark} ${c.words}`)).toEqual([
			'⚠ Works with limits',
			'– Not checked',
			'– Not checked'
		]);
	});

	it('says the cause, "None found" when diagnosed clean, and "—" without a diagnosis', () => {
		const m = buildMatrix(sites, products);
		expect(m.rows.map((r) => [r.site.name, r.causeText])).toEqual([
			['Elm Road surgery', 'None found'],
			['Ward 3', 'UDP blocked'],
			['Ward 10', '—']
		]);
		const two = run({
			startedAt: '2026-11-30T09:00:00Z',
			verdicts: { [A]: 'ready' },
			causes: ['proxy', 'slow-link']
		});
		expect(causeText(two)).toBe('Web proxy in the way; Slow connection (likely)');
	});

	it('counts ready sites per product among those that checked it', () => {
		const m = buildMatrix(sites, products);
		expect(m.summary.map(summaryText)).toEqual([
			'2 of 3 ready',
			'1 of 2 ready; 1 not checked',
			'0 of 1 ready; 2 not checked'
		]);
	});

	it('filters by product, verdict and cause, and sorts', () => {
		const byProduct = buildMatrix(sites, products, { product: B, verdict: 'not-ready' });
		expect(byProduct.columns.map((c) => c.id)).toEqual([B]);
		expect(byProduct.rows.map((r) => r.site.name)).toEqual(['Ward 3']);
		expect(byProduct.siteCount).toBe(3);
		expect(buildMatrix(sites, products, { verdict: 'not-checked' }).rows).toHaveLength(2);
		expect(
			buildMatrix(sites, products, { cause: 'udp-blocked' }).rows.map((r) => r.site.name)
		).toEqual(['Ward 3']);
		expect(
			buildMatrix(sites, products, { cause: 'no-diagnosis' }).rows.map((r) => r.site.name)
		).toEqual(['Ward 10']);
		expect(
			buildMatrix(sites, products, { cause: 'none-found' }).rows.map((r) => r.site.name)
		).toEqual(['Elm Road surgery']);
		const names = (sort: Parameters<typeof buildMatrix>[2]) =>
			buildMatrix(sites, products, sort).rows.map((r) => r.site.name);
		expect(names({ sort: 'name' })).toEqual(['Elm Road surgery', 'Ward 3', 'Ward 10']);
		expect(names({ sort: 'newest' })).toEqual(['Elm Road surgery', 'Ward 3', 'Ward 10']);
		expect(names({ sort: 'oldest' })).toEqual(['Ward 10', 'Ward 3', 'Elm Road surgery']);
		expect(names({ sort: 'worst' })).toEqual(['Ward 3', 'Ward 10', 'Elm Road surgery']);
		expect(names({ sort: 'worst', product: C })).toEqual(['Elm Road surgery', 'Ward 3', 'Ward 10']);
	});

	it('shows the newest run and what moved since the baseline', () => {
		const before = run({
			startedAt: '2026-11-20T09:00:00Z',
			verdicts: { [A]: 'not-ready', [B]: 'ready' },
			causes: ['udp-blocked']
		});
		const after = run({
			startedAt: '2026-11-27T09:00:00Z',
			verdicts: { [A]: 'ready', [B]: 'degraded', [C]: 'ready' },
			causes: []
		});
		const changed = site('Ward 5', [after, before], before.id);
		const m = buildMatrix([changed], products, { sort: 'changed' });
		const row = m.rows[0]!;
		expect(row.run.id).toBe(after.id);
		expect(row.cells.map((c) => [c.verdict, c.change?.direction, c.change?.before])).toEqual([
			['ready', 'better', 'not-ready'],
			['degraded', 'worse', 'ready'],
			['ready', 'added', 'not-checked']
		]);
		expect([row.better, row.worse]).toEqual([1, 1]);
		// The baseline being the newest run is no change at all.
		const same = buildMatrix([site('Ward 6', [after], after.id)], products).rows[0]!;
		expect(same.comparison).toBeUndefined();
		expect(same.cells.every((c) => !c.change)).toBe(true);
	});

	it('keeps products today’s data does not know, marked as such', () => {
		const odd = run({ startedAt: '2026-11-30T09:00:00Z', verdicts: { [A]: 'ready' } });
		odd.result.verdicts['retired-product'] = { verdict: 'ready', blocking: [] };
		const m = buildMatrix([site('Old', [odd])], products);
		expect(m.columns.map((c) => [c.id, c.known])).toEqual([
			[A, true],
			['retired-product', false]
		]);
	});

	it('labels rows made with other data than today’s', () => {
		const old = run({
			startedAt: '2026-10-01T09:00:00Z',
			verdicts: { [A]: 'ready' },
			dataVersion: '2026-09-01.1'
		});
		const rows = buildMatrix([site('Old', [old]), ward3], products, {
			dataVersion: ward3.runs[0]!.result.dataVersion
		}).rows;
		expect(rows.map((r) => [r.site.name, r.olderData])).toEqual([
			['Old', '2026-09-01.1'],
			['Ward 3', undefined]
		]);
	});

	it('reads a "probably" ready verdict as such', () => {
		const doubtful = run({ startedAt: '2026-11-30T09:00:00Z', verdicts: { [A]: 'ready' } });
		doubtful.result.verdicts[A]!.doubt = 'tls-intercepted';
		expect(buildMatrix([site('X', [doubtful])], products).rows[0]!.cells[0]!.words).toBe(
			'Ready (probably)'
		);
	});
});
