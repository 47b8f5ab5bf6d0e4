/**
 * The CSV writer, read back with a real CSV parser (csv-parse, strict RFC 4180 options), so the
 * quoting is checked by code that did not write it.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BOM, CSV_MIME, csvField, csvText, guardFormula } from './csv';

const read = (text: string): string[][] =>
	parse(text, {
		bom: true,
		record_delimiter: '\r\n',
		relax_quotes: false,
		relax_column_count: false
	});

describe('CSV', () => {
	it('quotes commas, quotes and line breaks (RFC 4180)', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('plain')).toBe('plain');
	});

	it('defuses cells a spreadsheet would run as a formula', () => {
		for (const bad of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '＝1'])
			expect(guardFormula(bad).startsWith("'")).toBe(true);
		expect(csvField('=1,2')).toBe(`"'=1,2"`);
		expect(guardFormula('10000-60000')).toBe('10000-60000');
		expect(guardFormula('*.amwell.com')).toBe('*.amwell.com');
	});

	it('starts with a UTF-8 byte-order mark unless asked not to, and ends every record in CRLF', () => {
		const rows = [
			['a', 'b'],
			['’', '—']
		];
		expect(csvText(rows).startsWith(BOM)).toBe(true);
		expect(csvText(rows, { bom: false }).startsWith('a,b')).toBe(true);
		expect(csvText(rows).endsWith('\r\n')).toBe(true);
		expect(Buffer.from(csvText(rows), 'utf8').subarray(0, 3)).toEqual(
			Buffer.from([0xef, 0xbb, 0xbf])
		);
		expect(CSV_MIME).toBe('text/csv');
	});

	it('round-trips hostile text through a real CSV parser', () => {
		const rows = [
			['a', 'b', 'c'],
			['1', 'x,"y"\nz', '\r\n'],
			['', '=cmd', '"'],
			['’ — ü', ',,', '""']
		];
		expect(read(csvText(rows))).toEqual([
			['a', 'b', 'c'],
			['1', 'x,"y"\nz', "'\r\n"],
			['', "'=cmd", '"'],
			['’ — ü', ',,', '""']
		]);
	});

	it('refuses rows of the wrong width', () => {
		expect(() => csvText([['a', 'b'], ['1']])).toThrow(/row 1 has 1 fields, the header has 2/);
	});
});
