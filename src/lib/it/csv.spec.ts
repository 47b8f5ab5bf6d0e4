import { describe, expect, it } from 'vitest';
import { csvField, guardFormula, parseCsv, toCsv } from './csv';

describe('CSV', () => {
	it('quotes commas, quotes and line breaks (RFC 4180)', () => {
		expect(csvField('a,b')).toBe('"a,b"');
		expect(csvField('say "hi"')).toBe('"say ""hi"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
		expect(csvField('plain')).toBe('plain');
	});

	it('defuses cells a spreadsheet would run as a formula', () => {
		for (const bad of ['=HYPERLINK("http://x")', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
			expect(guardFormula(bad).startsWith("'")).toBe(true);
		expect(csvField('=1,2')).toBe(`"'=1,2"`);
		expect(guardFormula('10000-60000')).toBe('10000-60000');
		expect(guardFormula('*.amwell.com')).toBe('*.amwell.com');
	});

	it('ends records with CRLF and round-trips through the strict reader', () => {
		const text = toCsv(
			['a', 'b'],
			[
				['1', 'x,"y"\nz'],
				['', '=cmd']
			]
		);
		expect(text.endsWith('\r\n')).toBe(true);
		expect(parseCsv(text)).toEqual([
			['a', 'b'],
			['1', 'x,"y"\nz'],
			['', "'=cmd"]
		]);
	});

	it('refuses rows of the wrong width and malformed input', () => {
		expect(() => toCsv(['a', 'b'], [['1']])).toThrow(/1 fields, header has 2/);
		expect(() => parseCsv('a\nb')).toThrow(/CRLF/);
		expect(() => parseCsv('"open')).toThrow(/unterminated/);
	});
});
