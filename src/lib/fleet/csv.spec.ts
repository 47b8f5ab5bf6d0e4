import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult } from '$fixtures/fleet';
import { FLEET_CSV_COLUMNS, csvField, fleetCsv, fleetFileName } from './csv';
import { buildMatrix } from './matrix';
import type { FleetSite } from './model';

const catalog = syntheticCatalog();
const [A, B] = catalog.products.map((p) => p.id) as [string, string];
const products = catalog.products.map((p) => ({ id: p.id, name: p.name ?? p.id }));

function site(name: string, verdicts: Record<string, 'ready' | 'not-ready'>, id = name): FleetSite {
	return {
		id,
		name,
		createdAt: '2026-12-01T10:00:00.000Z',
		runs: [
			{
				id: `${id}-run`,
				addedAt: '2026-12-01T10:00:00.000Z',
				source: { kind: 'link' },
				result: fleetResult(catalog, {
					startedAt: '2026-11-30T09:00:00Z',
					verdicts,
					causes: ['udp-blocked', 'proxy']
				})
			}
		]
	};
}

describe('fleet CSV', () => {
	it('has a BOM, CRLF rows, one row per site and product, and reads back with a CSV parser', () => {
		const sites = [
			site('Ward 3, east wing', { [A]: 'ready', [B]: 'not-ready' }),
			site('=HYPERLINK("http://evil.example","click")', { [A]: 'not-ready' }, 'evil'),
			site('Café “Nord” — ward', { [B]: 'ready' }, 'cafe')
		];
		const text = fleetCsv(buildMatrix(sites, products));
		expect(text.startsWith('\uFEFF')).toBe(true);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
		const rows: string[][] = parse(text.slice(1), { relaxQuotes: false });
		expect(rows[0]).toEqual([...FLEET_CSV_COLUMNS]);
		expect(rows).toHaveLength(1 + 3 * 2);
		const bySite = rows.slice(1).map((r) => [r[0], r[5], r[2], r[6], r[3], r[4]]);
		expect(bySite).toContainEqual([
			'Ward 3, east wing',
			B,
			'Not ready',
			'not-ready',
			'UDP blocked; Web proxy in the way (likely)',
			'2026-11-30T09:00:00.000Z'
		]);
		expect(bySite).toContainEqual([
			'Café “Nord” — ward',
			A,
			'Not checked',
			'not-checked',
			expect.any(String),
			expect.any(String)
		]);
		// The formula is defused: it reads back as text starting with an apostrophe.
		expect(rows.some((r) => r[0] === `'=HYPERLINK("http://evil.example","click")`)).toBe(true);
	});

	it('guards every formula start, full-width ones too', () => {
		for (const start of ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
			expect(csvField(`${start}1`).replace(/^"/, '')).toMatch(/^'/);
		expect(csvField('plain')).toBe('plain');
		expect(csvField('a "b"')).toBe('"a ""b"""');
	});

	it('names files by local time', () => {
		expect(fleetFileName(new Date(2026, 11, 1, 9, 5), 'csv')).toBe(
			'netready-fleet-2026-12-01T0905.csv'
		);
	});
});
