/**
 * A result as files for IT: the JSON download (docs/result-format.md) and a CSV with one row per
 * requirement. Results carry facts only; the words docs/result-format.md promises in the JSON
 * (`reason`, `headline`, `advice`) are written here, at download time, by words.ts.
 */
import type { Catalog } from '$lib/data/make-catalog';
import { csvText } from '$lib/csv';
import { withoutPublicAddresses } from './privacy';
import type { CheckResult, ProbeResult } from './result';
import { productAdvice, productHeadline, requirementReason } from './words';

export type WordsCatalog = Pick<Catalog, 'requirementById' | 'productById'>;

function probesOf(result: Pick<CheckResult, 'probes'>): (urls: readonly string[]) => ProbeResult[] {
	const byUrl = new Map(result.probes.map((p) => [p.url, p]));
	return (urls) => urls.map((u) => byUrl.get(u)).filter((p): p is ProbeResult => !!p);
}

/** The result with today's words added beside its facts, as the download carries them. */
export function withWords<R extends Pick<CheckResult, 'probes' | 'requirements' | 'verdicts'>>(
	result: R,
	catalog: WordsCatalog
) {
	const probes = probesOf(result);
	return {
		...result,
		requirements: Object.fromEntries(
			Object.entries(result.requirements).map(([id, r]) => [
				id,
				{
					...r,
					reason: requirementReason(catalog.requirementById(id)?.requirement, r, probes(r.probes))
				}
			])
		),
		verdicts: Object.fromEntries(
			Object.entries(result.verdicts).map(([id, v]) => {
				const product = catalog.productById(id);
				return [
					id,
					{ ...v, headline: productHeadline(product, v, id), advice: productAdvice(product, v) }
				];
			})
		)
	};
}

/** netready-result-2026-11-29T19-53-07Z.json — colons are not allowed in file names everywhere. */
export function resultFilename(result: Pick<CheckResult, 'finishedAt'>): string {
	const stamp = result.finishedAt.replace(/\.\d+(?=Z$)/, '').replaceAll(':', '-');
	return `netready-result-${stamp}.json`;
}

export function resultJson(
	result: CheckResult,
	catalog: WordsCatalog,
	options: { includePublicAddress?: boolean } = {}
): string {
	const out = options.includePublicAddress ? result : withoutPublicAddresses(result);
	return JSON.stringify(withWords(out, catalog), null, 2) + '\n';
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

/**
 * One row per requirement, through the one CSV writer ($lib/csv: RFC 4180, UTF-8 with BOM, a
 * cell a spreadsheet would run as a formula guarded — requirement texts can come from a link).
 */
export function resultToCsv(result: CheckResult, catalog: WordsCatalog): string {
	const outcomes = new Map(result.probes.map((p) => [p.url, p.outcome]));
	const probes = probesOf(result);
	const rows: string[][] = [[...CSV_COLUMNS]];
	for (const [id, r] of Object.entries(result.requirements)) {
		const found = catalog.requirementById(id);
		const productId = found?.product.id ?? id.split('.')[0] ?? '';
		rows.push([
			found?.product.name ?? productId,
			productId,
			id,
			found?.requirement.service ?? '',
			found?.requirement.level ?? '',
			r.status,
			requirementReason(found?.requirement, r, probes(r.probes)),
			r.probes.join(' '),
			r.probes.map((u) => outcomes.get(u) ?? 'not run').join(' ')
		]);
	}
	return csvText(rows);
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

/** A result as the downloaded JSON holds it: facts with their words. */
export type WordedResult = ReturnType<typeof withWords<CheckResult>>;
