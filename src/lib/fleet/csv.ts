/**
 * The fleet matrix as CSV: one row per site and product (site, product, verdict, cause, checked
 * at, then codes for scripts). UTF-8 with a byte-order mark so spreadsheets read "’" and "—"
 * right; RFC 4180 (CRLF, quotes doubled); a cell a spreadsheet would run as a formula gets a
 * leading apostrophe — site names come from pasted text and files. All of it is the one writer,
 * $lib/csv.
 */
import { csvText } from '$lib/csv';
import type { Matrix } from './matrix';

export { csvField } from '$lib/csv';

export const FLEET_CSV_COLUMNS = [
	'site',
	'product',
	'verdict',
	'cause',
	'checked at',
	'product id',
	'verdict code',
	'browser',
	'data version',
	'baseline verdict',
	'since baseline'
] as const;

/** The rows shown (filters apply), every column of the matrix, "not checked" included. */
export function fleetCsv(matrix: Matrix): string {
	const rows: string[][] = [[...FLEET_CSV_COLUMNS]];
	for (const row of matrix.rows)
		matrix.columns.forEach((column, i) => {
			const cell = row.cells[i]!;
			// Unchanged (or the current run is the baseline): the baseline verdict is today's.
			const before = row.baseline ? (cell.change?.before ?? cell.verdict) : undefined;
			rows.push([
				row.site.name,
				column.name,
				cell.words,
				row.causeText,
				row.run.result.startedAt,
				column.id,
				cell.verdict,
				row.run.result.browser,
				row.run.result.dataVersion,
				before ?? '',
				row.baseline ? (cell.change?.direction ?? 'same') : ''
			]);
		});
	return csvText(rows);
}

/** netready-fleet-2026-12-01T0930.csv (local time: it is for people) */
export function fleetFileName(now: Date, ext: 'csv' | 'json'): string {
	const pad = (n: number) => String(n).padStart(2, '0');
	const stamp = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}${pad(now.getMinutes())}`;
	return `netready-fleet-${stamp}.${ext}`;
}
