import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult } from '$fixtures/fleet';
import { FLEET_FILE_VERSION, fleetFileText, fleetToFile, readFleetFile } from './file';
import type { FleetSite } from './model';

const catalog = syntheticCatalog();
const [A, B] = catalog.products.map((p) => p.id) as [string, string];
const v1Result = JSON.parse(
	readFileSync(
		new URL('../../../test/fixtures/v1/record-udp-blocked.json', import.meta.url),
		'utf8'
	)
).result;

function sites(): FleetSite[] {
	const early = fleetResult(catalog, {
		startedAt: '2026-11-20T09:00:00Z',
		verdicts: { [A]: 'not-ready' }
	});
	early.probes[0]!.evidence.publicAddress = '203.0.113.7';
	const late = fleetResult(catalog, {
		startedAt: '2026-11-27T09:00:00Z',
		verdicts: { [A]: 'ready', [B]: 'ready' },
		causes: []
	});
	return [
		{
			id: 's1',
			name: 'Ward 3',
			createdAt: '2026-11-20T10:00:00.000Z',
			baselineRunId: 'r1',
			runs: [
				{
					id: 'r2',
					addedAt: '2026-11-27T10:00:00.000Z',
					source: { kind: 'file', note: 'ward-3.json' },
					result: late
				},
				{ id: 'r1', addedAt: '2026-11-20T10:00:00.000Z', source: { kind: 'link' }, result: early }
			]
		}
	];
}

describe('fleet file', () => {
	it('round-trips sites, runs, baselines and sources, without public addresses', () => {
		const text = fleetFileText(sites(), '2026-11-29.1', new Date('2026-12-01T00:00:00Z'));
		expect(text).not.toContain('203.0.113.7');
		const read = readFleetFile(JSON.parse(text));
		expect(read.ok).toBe(true);
		if (!read.ok) return;
		expect(read.problems).toEqual([]);
		const [site] = read.sites;
		expect(site!.name).toBe('Ward 3');
		// Runs are written oldest first; the baseline index follows them.
		expect(site!.runs.map((r) => r.result.startedAt)).toEqual([
			'2026-11-20T09:00:00.000Z',
			'2026-11-27T09:00:00.000Z'
		]);
		expect(site!.baseline).toBe(0);
		expect(site!.runs[1]!.source).toEqual({ kind: 'file', note: 'ward-3.json' });
		expect(site!.runs[1]!.result.verdicts[B]!.verdict).toBe('ready');
	});

	it('skips damaged runs and sites by name and keeps the rest', () => {
		const file = fleetToFile(sites(), 'x');
		const damaged = {
			...file,
			sites: [
				{
					...file.sites[0]!,
					runs: [
						file.sites[0]!.runs[0]!,
						{ addedAt: 'x', result: { format: 'netready-result', version: 2 } }
					]
				},
				'not a site',
				{ name: 'Empty ward', runs: [{ result: { nope: 1 } }] }
			]
		};
		const read = readFleetFile(JSON.parse(JSON.stringify(damaged)));
		if (!read.ok) throw new Error(read.problem);
		expect(read.sites.map((s) => [s.name, s.runs.length])).toEqual([['Ward 3', 1]]);
		expect(read.problems).toHaveLength(4);
		expect(read.problems[0]).toMatch(
			/^Site 1 \(Ward 3\), run 2 was skipped: This result is damaged/
		);
		expect(read.problems[1]).toBe('Site 2 is damaged and was skipped.');
		expect(read.problems[3]).toBe('Site 3 (Empty ward) has no readable run and was skipped.');
	});

	it('reads version-1 results inside a fleet file, and says they were older', () => {
		const read = readFleetFile({
			format: 'netready-fleet',
			version: 1,
			sites: [
				{
					name: 'Old',
					runs: [{ addedAt: '2026-11-30T10:00:00Z', source: { kind: 'link' }, result: v1Result }]
				}
			]
		});
		if (!read.ok) throw new Error(read.problem);
		const run = read.sites[0]!.runs[0]!;
		expect(run.fromResultVersion).toBe(1);
		expect(run.result.version).toBe(2);
	});

	it('refuses other files and newer versions, and walks migrations step by step', () => {
		expect(readFleetFile({ format: 'netready-result' })).toEqual({
			ok: false,
			problem: 'This is not a netready fleet file.'
		});
		expect(readFleetFile(null).ok).toBe(false);
		const newer = readFleetFile({
			format: 'netready-fleet',
			version: FLEET_FILE_VERSION + 1,
			sites: []
		});
		expect(newer.ok === false && newer.problem).toMatch(/newer netready/);
		const migrated = readFleetFile(
			{ format: 'netready-fleet', version: 1, places: [{ title: 'Ward 9', runs: [] }] },
			{
				migrations: {
					1: (old) => ({
						...old,
						version: 2,
						sites: (old.places as { title: string }[]).map((p) => ({ name: p.title, runs: [] }))
					})
				}
			}
		);
		expect(migrated).toEqual({ ok: true, sites: [], problems: [] });
		const broken = readFleetFile(
			{ format: 'netready-fleet', version: 1, sites: [] },
			{
				migrations: {
					1: () => {
						throw new Error('boom');
					}
				}
			}
		);
		expect(broken.ok === false && broken.problem).toMatch(
			/could not be brought up to date: Error: boom/
		);
	});
});
