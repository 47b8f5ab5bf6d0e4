import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult } from '$fixtures/fleet';
import { mergeIncoming, type IncomingWithOrigin } from './merge';
import type { FleetSite } from './model';

const catalog = syntheticCatalog();
const A = catalog.products[0]!.id;
const result = (startedAt: string, verdict: 'ready' | 'not-ready' = 'ready') =>
	fleetResult(catalog, { startedAt, verdicts: { [A]: verdict } });
const incoming = (name: string | undefined, ...starts: string[]): IncomingWithOrigin => ({
	what: name ?? 'a link',
	...(name ? { name } : {}),
	runs: starts.map((s) => ({
		addedAt: '2026-12-01T00:00:00.000Z',
		source: { kind: 'link' as const },
		result: result(s)
	}))
});

let ids = 0;
const id = () => `id-${++ids}`;

describe('mergeIncoming', () => {
	it('joins runs to the site of the same name, and starts new sites for others', () => {
		const existing: FleetSite[] = [
			{
				id: 'ward3',
				name: 'Ward 3',
				createdAt: '2026-11-01T00:00:00.000Z',
				runs: [
					{
						id: 'old',
						addedAt: '2026-11-01T00:00:00.000Z',
						source: { kind: 'link' },
						result: result('2026-11-01T09:00:00Z')
					}
				]
			}
		];
		const merged = mergeIncoming(
			existing,
			[incoming('ward  3', '2026-11-30T09:00:00Z'), incoming('Ward 5', '2026-11-30T10:00:00Z')],
			{ id }
		);
		expect(merged.sites.map((s) => [s.name, s.runs.length])).toEqual([
			['Ward 3', 2],
			['Ward 5', 1]
		]);
		expect([merged.added, merged.newSites, merged.changed.length]).toEqual([2, 1, 2]);
		// What was there is not changed in place.
		expect(existing[0]!.runs).toHaveLength(1);
	});

	it('does not add a check twice, and says where it already is', () => {
		const first = mergeIncoming([], [incoming('Ward 3', '2026-11-30T09:00:00Z')], { id });
		const again = mergeIncoming(first.sites, [incoming('Ward 7', '2026-11-30T09:00:00Z')], { id });
		expect(again.added).toBe(0);
		expect(again.skipped).toEqual([
			{ what: 'Ward 7', reason: 'This check is already in the fleet (site “Ward 3”).' }
		]);
		expect(again.sites).toHaveLength(1);
	});

	it('names unnamed sites with the lowest free number', () => {
		const merged = mergeIncoming(
			[],
			[incoming(undefined, '2026-11-30T09:00:00Z'), incoming(undefined, '2026-11-30T10:00:00Z')],
			{ id }
		);
		expect(merged.sites.map((s) => s.name)).toEqual(['Unnamed site 1', 'Unnamed site 2']);
	});

	it('takes the baseline a fleet file marks, where the site has none yet', () => {
		const item = {
			...incoming('Ward 3', '2026-11-20T09:00:00Z', '2026-11-27T09:00:00Z'),
			baseline: 0
		};
		const merged = mergeIncoming([], [item], { id });
		const site = merged.sites[0]!;
		expect(site.baselineRunId).toBe(site.runs[0]!.id);
		expect(site.runs[0]!.result.startedAt).toBe('2026-11-20T09:00:00.000Z');
	});
});
