/**
 * RFC 4180 CSV: CRLF line ends, every field quoted when it holds a comma, quote or line break.
 * Cells a spreadsheet would read as a formula (starting with = + - @, or tab / carriage return)
 * get a leading single quote, so opening the file can never run anything.
 */

// Full-width = + - @ too: some spreadsheets fold them to their ASCII forms.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function guardFormula(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

export function csvField(value: string): string {
	const guarded = guardFormula(value);
	return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
	for (const r of rows)
		if (r.length !== header.length)
			throw new Error(`CSV row has ${r.length} fields, header has ${header.length}`);
	return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** A strict RFC 4180 reader, used by the tests to read the exports back. */
export function parseCsv(text: string): string[][] {
	const rows: string[][] = [];
	let row: string[] = [];
	let field = '';
	let i = 0;
	let quoted = false;
	while (i < text.length) {
		const c = text[i] as string;
		if (quoted) {
			if (c === '"' && text[i + 1] === '"') {
				field += '"';
				i += 2;
				continue;
			}
			if (c === '"') {
				quoted = false;
				i++;
				continue;
			}
			field += c;
			i++;
			continue;
		}
		if (c === '"') {
			if (field !== '') throw new Error(`stray quote in unquoted field at ${i}`);
			quoted = true;
			i++;
		} else if (c === ',') {
			row.push(field);
			field = '';
			i++;
		} else if (c === '\r' && text[i + 1] === '\n') {
			row.push(field);
			rows.push(row);
			row = [];
			field = '';
			i += 2;
		} else if (c === '\n' || c === '\r') {
			throw new Error(`bare line break at ${i}: records must end in CRLF`);
		} else {
			field += c;
			i++;
		}
	}
	if (quoted) throw new Error('unterminated quoted field');
	if (field !== '' || row.length) {
		row.push(field);
		rows.push(row);
	}
	return rows;
}
