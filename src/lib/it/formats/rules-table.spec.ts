/**
 * The rule table as CSV and JSON. The CSV is read back with a real CSV parser (csv-parse), with
 * the byte-order mark Excel needs, so quoting and encoding are checked by code that did not write
 * them.
 */
import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BOM } from '$lib/csv';
import { fixtureCatalog } from '../../../../test/fixtures/it/data-files';
import { ruleRows } from '$lib/it/rules/rule-rows';
import { makeSelection } from '$lib/it/select/selection';
import { CSV_COLUMNS, rulesCsv, rulesJson } from './rules-table';

/** Strict RFC 4180: CRLF records, every record as wide as the header, no stray quotes. */
const parseCsv = (text: string): string[][] =>
	parse(text, {
		bom: true,
		record_delimiter: '\r\n',
		relax_quotes: false,
		relax_column_count: false
	});

describe('rule table exports', () => {
	const selection = makeSelection(fixtureCatalog, ['acme-video', 'other-app']);
	const rows = ruleRows(selection);

	it('writes a CSV that reads back to the same cells, one record per row', () => {
		const parsed = parseCsv(rulesCsv(selection, rows));
		expect(parsed[0]).toEqual([...CSV_COLUMNS]);
		expect(parsed).toHaveLength(rows.length + 1);
		const relay = parsed.find((r) => r[4] === 'turn.acme.example' && r[2] === 'udp');
		expect(relay?.[3]).toBe('3478, 10000-20000');
		expect(relay?.[CSV_COLUMNS.indexOf('notes')]).toBe('*Fail-over, "quoted"');
		expect(
			parsed.every(
				(r) =>
					r[CSV_COLUMNS.indexOf('data_version')] === 'data_version' ||
					r[CSV_COLUMNS.indexOf('data_version')] === 'test-1'
			)
		).toBe(true);
	});

	it('starts with the UTF-8 byte-order mark Excel needs to read ’ and — correctly', () => {
		const text = rulesCsv(selection, rows);
		expect(text.startsWith(BOM)).toBe(true);
		expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		// Read back, the mark is not part of the first header cell.
		expect(parseCsv(text)[0]?.[0]).toBe('status');
		expect(parse(text, { bom: false })[0]?.[0]).toBe(`${BOM}status`);
	});

	it('names the vendor documents on every row', () => {
		const parsed = parseCsv(rulesCsv(selection, rows)).slice(1);
		const col = CSV_COLUMNS.indexOf('source_documents');
		for (const r of parsed)
			expect(r[col]).toMatch(/"(Acme Video Firewall Rules|Other Vendor Network Guide)" — /);
	});

	it('writes JSON with the data version, the documents and every rule', () => {
		const doc = JSON.parse(rulesJson(selection, rows));
		expect(doc.dataVersion).toBe('test-1');
		expect(doc.sources.map((s: { title: string }) => s.title)).toEqual([
			'Acme Video Firewall Rules',
			'Other Vendor Network Guide'
		]);
		expect(doc.sources[0].updated).toBe('2023-07-25');
		expect(doc.rules).toHaveLength(rows.length);
		const risky = doc.rules.filter((r: { status: string }) => r.status !== 'allow');
		expect(risky.map((r: { destination: { value: string } }) => r.destination.value)).toEqual([
			'cdn.polyfill.example'
		]);
	});
});
