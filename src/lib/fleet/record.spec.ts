import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult } from '$fixtures/fleet';
import { FLEET_RECORD_VERSION, readSiteRecord } from './record';

const catalog = syntheticCatalog();
const A = catalog.products[0]!.id;
const v1Result = JSON.parse(
	readFileSync(new URL('../../../test/fixtures/v1/record-open.json', import.meta.url), 'utf8')
).result;

function stored(
	overrides: Record<string, unknown> = {},
	result: unknown = fleetResult(catalog, {
		startedAt: '2026-11-30T09:00:00Z',
		verdicts: { [A]: 'ready' }
	})
) {
	return {
		recordVersion: FLEET_RECORD_VERSION,
		id: 's1',
		name: 'Ward 3',
		createdAt: '2026-11-30T10:00:00.000Z',
		baselineRunId: 'r1',
		runs: [{ id: 'r1', addedAt: '2026-11-30T10:00:00.000Z', source: { kind: 'link' }, result }],
		...overrides
	};
}

describe('readSiteRecord', () => {
	it('reads a current record', () => {
		const read = readSiteRecord(JSON.parse(JSON.stringify(stored())));
		expect(read.kind).toBe('current');
		if (read.kind === 'current') {
			expect(read.site.baselineRunId).toBe('r1');
			expect(read.site.runs[0]!.result.verdicts[A]!.verdict).toBe('ready');
		}
	});

	it('brings a version-1 result inside up to date and says the record was migrated', () => {
		const read = readSiteRecord(stored({}, v1Result));
		expect(read.kind).toBe('migrated');
		if (read.kind === 'migrated') expect(read.site.runs[0]!.result.version).toBe(2);
	});

	it('leaves newer records alone and names what is wrong with broken ones', () => {
		expect(readSiteRecord(stored({ recordVersion: FLEET_RECORD_VERSION + 1 }))).toEqual({
			kind: 'newer',
			version: FLEET_RECORD_VERSION + 1
		});
		expect(readSiteRecord(stored({}, { format: 'netready-result', version: 9 })).kind).toBe(
			'newer'
		);
		const problem = (value: unknown) => {
			const read = readSiteRecord(value);
			return read.kind === 'unreadable' ? read.problem : read.kind;
		};
		expect(problem('x')).toBe('the record is not an object');
		expect(problem(stored({ recordVersion: undefined }))).toBe('the record version is invalid');
		expect(problem(stored({ name: '  ' }))).toBe('the site has no name');
		expect(problem(stored({ runs: [] }))).toBe('the site has no runs');
		expect(problem(stored({}, { format: 'netready-result', version: 2 }))).toMatch(
			/^run 1: This result is damaged/
		);
		expect(problem(stored({ runs: [{ id: 'r', addedAt: 'now', source: { kind: 'link' } }] }))).toBe(
			'run 1 has no time it was added'
		);
	});

	it('drops a baseline that points at no run', () => {
		const read = readSiteRecord(stored({ baselineRunId: 'gone' }));
		expect(read.kind === 'current' && read.site.baselineRunId).toBe(undefined);
	});

	it('walks record migrations in order', () => {
		const old = { ...stored(), recordVersion: 1, title: 'Ward 9', name: undefined };
		const read = readSiteRecord(old, { 1: (v) => ({ ...v, recordVersion: 2, name: v.title }) });
		expect(read.kind).toBe('migrated');
		if (read.kind === 'migrated') expect([read.site.name, read.from]).toEqual(['Ward 9', 1]);
	});
});
