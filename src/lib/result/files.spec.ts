import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, exportFileName, resultToCsv, type WordsCatalog } from './files';
import { realisticFullResult, syntheticCatalog } from '$fixtures/results';

/** A small RFC 4180 reader, to check the output parses back to the same cells. */
function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let cell = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const c = text[i]!;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				cell += '"';
				i++;
			} else if (c === '"') quoted = false;
			else cell += c;
		} else if (c === '"') quoted = true;
		else if (c === ',') {
			row.push(cell);
			cell = '';
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(cell);
			rows.push(row);
			row = [];
			cell = '';
			i++;
		} else cell += c;
	}
	return rows;
}

describe('resultToCsv', () => {
	it('writes one row per requirement that parses back to the same values', () => {
		const catalog = syntheticCatalog();
		const result = realisticFullResult(catalog);
		const firstId = Object.keys(result.requirements)[0]!;
		const hostile = '=cmd|"/c calc"!A1, with "quotes"\nand a newline';
		const lookup = {
			productById: () => undefined,
			requirementById: (id: string) => {
				const product = catalog.products.find((p) => p.requirements.some((r) => r.id === id));
				return (
					product && {
						product: { id: product.id, name: product.name! },
						requirement: {
							service: id === firstId ? hostile : `Service of ${id}`,
							level: 'mandatory',
							ports: [],
							destinations: [],
							direction: 'outbound',
							check: { kind: 'probe', probes: [] }
						}
					}
				);
			}
		} as unknown as WordsCatalog;
		const csv = resultToCsv(result, lookup);
		expect(csv.startsWith('\uFEFF')).toBe(true);
		const rows = parseCsv(csv.slice(1));
		expect(rows[0]).toEqual([...CSV_COLUMNS]);
		expect(rows).toHaveLength(Object.keys(result.requirements).length + 1);
		const first = rows[1]!;
		expect(first[2]).toBe(firstId);
		expect(first[3]).toBe(`'${hostile}`);
		expect(first[5]).toBe(result.requirements[firstId]!.status);
		expect(first[6]).toMatch(/\.$/);
		expect(rows[2]![3]).toMatch(/^Service of /);
		expect(first[7]).toBe(result.requirements[firstId]!.probes.join(' '));
		const outcomes = first[8]!.split(' ');
		expect(outcomes).toEqual(
			result.requirements[firstId]!.probes.map(
				(u) => result.probes.find((p) => p.url === u)!.outcome
			)
		);
	});
});

describe('exportFileName', () => {
	it('uses the start time and a safe form of the label', () => {
		const result = realisticFullResult(syntheticCatalog());
		expect(exportFileName(result, 'Ward 3 Wi-Fi / ../etc', 'csv')).toBe(
			'netready-2026-11-29T0930-ward-3-wi-fi-etc.csv'
		);
		expect(exportFileName(result, undefined, 'json')).toBe('netready-2026-11-29T0930.json');
	});
});
