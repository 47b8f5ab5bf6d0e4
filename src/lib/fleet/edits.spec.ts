import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult } from '$fixtures/fleet';
import { baselineAll, removeRun, removeSite, renameSite, setBaseline } from './edits';
import type { FleetRun, FleetSite } from './model';

const catalog = syntheticCatalog();
const A = catalog.products[0]!.id;
const run = (id: string, startedAt: string): FleetRun => ({
	id,
	addedAt: startedAt,
	source: { kind: 'link' },
	result: fleetResult(catalog, { startedAt, verdicts: { [A]: 'ready' } })
});
const sites: FleetSite[] = [
	{
		id: 'a',
		name: 'Ward 3',
		createdAt: '2026-11-01T00:00:00Z',
		runs: [run('a1', '2026-11-01T09:00:00Z'), run('a2', '2026-11-02T09:00:00Z')]
	},
	{
		id: 'b',
		name: 'Ward 5',
		createdAt: '2026-11-01T00:00:00Z',
		baselineRunId: 'b1',
		runs: [run('b1', '2026-11-01T10:00:00Z')]
	}
];

describe('fleet edits', () => {
	it('renames, and merges into a site that already has the name', () => {
		const renamed = renameSite(sites, 'a', '  Ward   3 east ');
		expect(renamed.ok && renamed.sites.map((s) => s.name)).toEqual(['Ward 3 east', 'Ward 5']);
		const merged = renameSite(sites, 'a', 'ward 5');
		if (!merged.ok) throw new Error(merged.problem);
		expect(merged.sites).toHaveLength(1);
		expect(merged.removed).toEqual(['a']);
		expect(merged.sites[0]!.runs.map((r) => r.id)).toEqual(['b1', 'a1', 'a2']);
		expect(merged.sites[0]!.baselineRunId).toBe('b1');
		expect(merged.status).toBe('“Ward 3” joined “Ward 5”, which now has 3 runs.');
		expect(renameSite(sites, 'a', ' ')).toEqual({ ok: false, problem: 'A site needs a name.' });
		expect(renameSite(sites, 'zzz', 'x').ok).toBe(false);
	});

	it('sets, clears and bulk-sets baselines', () => {
		const set = setBaseline(sites, 'a', 'a1');
		expect(set.ok && set.sites[0]!.baselineRunId).toBe('a1');
		const cleared = setBaseline(sites, 'b', undefined);
		expect(cleared.ok && 'baselineRunId' in cleared.sites[1]!).toBe(false);
		expect(setBaseline(sites, 'a', 'b1').ok).toBe(false);
		const all = baselineAll(sites);
		expect(all.ok && all.sites.map((s) => s.baselineRunId)).toEqual(['a2', 'b1']);
	});

	it('removes runs, a baseline with its run, and the site with its last run', () => {
		const one = removeRun(sites, 'a', 'a2');
		expect(one.ok && one.sites[0]!.runs.map((r) => r.id)).toEqual(['a1']);
		const last = removeRun(sites, 'b', 'b1');
		expect(last.ok && [last.sites.map((s) => s.id), last.removed]).toEqual([['a'], ['b']]);
		const site = removeSite(sites, 'a');
		expect(site.ok && site.status).toBe('“Ward 3” removed from the fleet.');
	});
});
