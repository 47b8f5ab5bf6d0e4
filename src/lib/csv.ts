/**
 * THE CSV writer: every CSV netready produces (the IT rule table, a run's results) goes through
 * `csvText`. RFC 4180: CRLF after every record, a field quoted when it holds a comma, a quote or a
 * line break, quotes doubled. Two additions for spreadsheets:
 * - a cell a spreadsheet would run as a formula (starting with = + - @, tab or carriage return,
 *   or their full-width forms) gets a leading apostrophe, so opening the file can never run
 *   anything — the texts can come from a shared link;
 * - a UTF-8 byte-order mark by default: without it Excel on Windows reads the file as ANSI and
 *   shows ’ — and the like as garbage.
 */

export const CSV_MIME = 'text/csv';

/** The UTF-8 byte-order mark, as the first character of the text. */
export const BOM = '\uFEFF';

// Full-width = + - @ too: some spreadsheets fold them to their ASCII forms.
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A leading apostrophe for a cell a spreadsheet would read as a formula. */
export function guardFormula(value: string): string {
	return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One field: formula-guarded, then quoted if it must be. */
export function csvField(value: string): string {
	const guarded = guardFormula(value);
	return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export interface CsvOptions {
	/** start with a UTF-8 byte-order mark (default true: files people open in Excel) */
	bom?: boolean;
}

/**
 * The whole file: `rows[0]` is the header. Every row must have the header's width; a row that
 * does not is a bug in the caller, so it throws rather than shifting columns.
 */
export function csvText(rows: readonly (readonly string[])[], options: CsvOptions = {}): string {
	const width = rows[0]?.length ?? 0;
	rows.forEach((r, i) => {
		if (r.length !== width)
			throw new Error(`CSV row ${i} has ${r.length} fields, the header has ${width}`);
	});
	const body = rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
	return ((options.bom ?? true) ? BOM : '') + body;
}
