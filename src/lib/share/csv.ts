/**
 * A run as CSV for IT: one row per requirement. Every cell is quoted, and a cell that a
 * spreadsheet would run as a formula (=, +, -, @, tab, carriage return) is prefixed with an
 * apostrophe, because requirement texts and reasons can come from a shared link.
 */
import type { CheckResult } from '$lib/check/result';
import { guardFormula } from '$lib/csv';

export interface CsvLookup {
	(requirementId: string):
		| {
				requirement: { service: string; level?: string };
				product: { id: string; name: string };
		  }
		| undefined;
}

export const CSV_COLUMNS = [
	'product',
	'product id',
	'requirement id',
	'service',
	'level',
	'status',
	'reason',
	'probe urls',
	'probe outcomes'
] as const;

export function csvCell(value: string | number | undefined): string {
	const text = guardFormula(value === undefined ? '' : String(value));
	return `"${text.replace(/"/g, '""')}"`;
}

export function resultToCsv(result: CheckResult, lookup: CsvLookup): string {
	const outcomes = new Map(result.probes.map((p) => [p.url, p.outcome]));
	const rows: string[][] = [[...CSV_COLUMNS]];
	for (const [id, r] of Object.entries(result.requirements)) {
		const found = lookup(id);
		const productId = found?.product.id ?? id.split('.')[0] ?? '';
		rows.push([
			found?.product.name ?? productId,
			productId,
			id,
			found?.requirement.service ?? '',
			found?.requirement.level ?? '',
			r.status,
			r.reason,
			r.probes.join(' '),
			r.probes.map((u) => outcomes.get(u) ?? 'not run').join(' ')
		]);
	}
	// BOM so spreadsheet programs read UTF-8; CRLF as RFC 4180 says.
	return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name for a run: netready-2026-11-29T0930-ward-3-wi-fi.csv */
export function exportFileName(
	result: CheckResult,
	label: string | undefined,
	ext: string
): string {
	const when = result.startedAt.slice(0, 16).replace(/:/g, '');
	const slug = (label ?? '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 40);
	return `netready-${when}${slug ? '-' + slug : ''}.${ext}`;
}
