/**
 * Reads what IT brings to the fleet — pasted text with links, dropped files, history runs — into
 * incoming sites, and names everything it cannot read with the reason. Loaded only when the user
 * first imports something: it carries the permalink codec and the result schema.
 *
 * Links are decoded in small batches with a pause between them, so a paste of hundreds of links
 * keeps the page responsive and can report progress.
 */
import type { RunRecord } from '$lib/history';
import { readResultFile } from '$lib/result/migrate';
import { withoutPublicAddresses } from '$lib/result/privacy';
import { RESULT_FORMAT, RESULT_VERSION } from '$lib/result/result';
import { decodeShare } from '$lib/share/decode';
import { extractLinks, type FoundLink } from './extract';
import { FLEET_FORMAT, incomingResult, readFleetFile } from './file';
import type { LightCatalogData } from '$lib/data/light-catalog';
import type { IncomingWithOrigin, Skipped } from './merge';
import { cleanSiteName } from './model';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
const BATCH = 25;

export interface ReadInputs {
	incoming: IncomingWithOrigin[];
	skipped: Skipped[];
	/** the same link more than once in one paste: read once */
	repeated: number;
}

export type Progress = (done: number, total: number) => void;

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

function linkWhat(link: FoundLink): string {
	return `Line ${link.line}: ${link.text}`;
}

export async function readLinks(
	links: readonly FoundLink[],
	catalog: LightCatalogData,
	progress: Progress = () => undefined,
	now = new Date()
): Promise<Pick<ReadInputs, 'incoming' | 'skipped'>> {
	const incoming: IncomingWithOrigin[] = [];
	const skipped: Skipped[] = [];
	const addedAt = now.toISOString();
	for (let i = 0; i < links.length; i += BATCH) {
		const batch = links.slice(i, i + BATCH);
		const outcomes = await Promise.all(batch.map((l) => decodeShare(l.payload, catalog)));
		outcomes.forEach((outcome, j) => {
			const link = batch[j]!;
			if (!outcome.ok) {
				skipped.push({ what: linkWhat(link), reason: outcome.message });
				return;
			}
			const { result, unmatchedProducts } = outcome.shared;
			incoming.push({
				what: linkWhat(link),
				...(link.name ? { name: link.name } : {}),
				runs: [
					{
						addedAt,
						source: { kind: 'link' },
						result: withoutPublicAddresses(result),
						// A version-1 link (made before verdict facts and the diagnosis) reads as the older format.
						...(link.payload.startsWith('1.') ? { fromResultVersion: 1 } : {}),
						...(unmatchedProducts.length ? { unmatchedProducts } : {})
					}
				]
			});
		});
		progress(Math.min(i + BATCH, links.length), links.length);
		if (i + BATCH < links.length) await pause();
	}
	return { incoming, skipped };
}

export async function readText(
	text: string,
	catalog: LightCatalogData,
	progress?: Progress
): Promise<ReadInputs> {
	const extracted = extractLinks(text);
	const skipped: Skipped[] = extracted.rejected.map((r) => ({
		what: `Line ${r.line}: ${r.text}`,
		reason: r.reason
	}));
	const read = await readLinks(extracted.found, catalog, progress);
	if (!extracted.found.length && !extracted.rejected.length && text.trim())
		skipped.push({
			what: 'The pasted text',
			reason: 'No netready result links (…/shared/#r=…) were found in it.'
		});
	return {
		incoming: read.incoming,
		skipped: [...skipped, ...read.skipped],
		repeated: extracted.repeated
	};
}

/** "ward-3.json" names its site "ward-3"; the check's own download name says nothing, so no name. */
function nameFromFile(fileName: string): string | undefined {
	const base = fileName.replace(/\.[A-Za-z0-9]{1,5}$/, '');
	if (/^netready-(result|fleet)?-?\d{4}-\d\d-\d\d/.test(base)) return undefined;
	return cleanSiteName(base);
}

export function sizeText(bytes: number): string {
	return bytes >= 1024 * 1024
		? `${(bytes / 1024 / 1024).toFixed(1)} MB`
		: `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Files over MAX_FILE_BYTES are refused from their size alone, before a byte is read. */
export function refuseLargeFile(file: Pick<File, 'size' | 'name'>): Skipped | undefined {
	return file.size > MAX_FILE_BYTES
		? {
				what: file.name,
				reason: `This file is ${sizeText(file.size)}; files over ${sizeText(MAX_FILE_BYTES)} are refused without being read.`
			}
		: undefined;
}

async function readOneFile(
	file: File,
	catalog: LightCatalogData,
	progress?: Progress
): Promise<ReadInputs> {
	const none = { incoming: [], repeated: 0 };
	const refused = refuseLargeFile(file);
	if (refused) return { ...none, skipped: [refused] };
	let text: string;
	try {
		text = await file.text();
	} catch {
		return { ...none, skipped: [{ what: file.name, reason: 'This file could not be read.' }] };
	}
	if (!text.trim())
		return { ...none, skipped: [{ what: file.name, reason: 'This file is empty.' }] };
	let json: unknown;
	let isJson = false;
	try {
		json = JSON.parse(text);
		isJson = true;
	} catch {
		// Not JSON: perhaps a saved e-mail or a list of links.
	}
	if (!isJson && /^\s*[[{]/.test(text))
		return {
			...none,
			skipped: [
				{ what: file.name, reason: 'This file is not valid JSON: it may have been cut short.' }
			]
		};
	if (!isJson) {
		const read = await readText(text, catalog, progress);
		if (read.incoming.length || read.skipped.some((s) => s.what !== 'The pasted text'))
			return {
				...read,
				incoming: read.incoming.map((s) => ({ ...s, what: `${file.name}, ${s.what}` })),
				skipped: read.skipped.map((s) => ({ ...s, what: `${file.name}, ${s.what}` }))
			};
		return {
			...none,
			skipped: [
				{
					what: file.name,
					reason: 'This file is not a netready result or fleet file, and holds no result links.'
				}
			]
		};
	}
	const format =
		typeof json === 'object' && json !== null ? (json as { format?: unknown }).format : undefined;
	if (format === FLEET_FORMAT) {
		const read = readFleetFile(json);
		if (!read.ok) return { ...none, skipped: [{ what: file.name, reason: read.problem }] };
		return {
			incoming: read.sites.map((s) => ({
				...s,
				what: s.name ? `${file.name}: ${s.name}` : file.name,
				runs: s.runs.map((r) => ({ ...r, source: r.source }))
			})),
			skipped: read.problems.map((reason) => ({ what: file.name, reason })),
			repeated: 0
		};
	}
	if (format === RESULT_FORMAT) {
		const read = readResultFile(text);
		if (!read.ok) return { ...none, skipped: [{ what: file.name, reason: read.problem }] };
		const version = (json as { version?: unknown }).version;
		const name = nameFromFile(file.name);
		return {
			incoming: [
				{
					what: file.name,
					...(name ? { name } : {}),
					runs: [
						{
							addedAt: new Date().toISOString(),
							source: { kind: 'file', note: file.name.slice(0, 200) },
							result: withoutPublicAddresses(read.result),
							...(typeof version === 'number' && version < RESULT_VERSION
								? { fromResultVersion: version }
								: {})
						}
					]
				}
			],
			skipped: [],
			repeated: 0
		};
	}
	return {
		...none,
		skipped: [
			{ what: file.name, reason: 'This file is JSON, but not a netready result or fleet file.' }
		]
	};
}

export async function readFiles(
	files: readonly File[],
	catalog: LightCatalogData,
	progress: Progress = () => undefined
): Promise<ReadInputs> {
	const out: ReadInputs = { incoming: [], skipped: [], repeated: 0 };
	for (const [i, file] of files.entries()) {
		const read = await readOneFile(file, catalog);
		out.incoming.push(...read.incoming);
		out.skipped.push(...read.skipped);
		out.repeated += read.repeated;
		progress(i + 1, files.length);
		await pause();
	}
	return out;
}

export function readHistoryRuns(records: readonly RunRecord[], now = new Date()): ReadInputs {
	const out: ReadInputs = { incoming: [], skipped: [], repeated: 0 };
	for (const record of records) {
		const what = `History: ${record.label ?? record.result.startedAt}`;
		const read = incomingResult(record.result);
		if (!read.ok) {
			out.skipped.push({ what, reason: read.problem });
			continue;
		}
		out.incoming.push({
			what,
			...(record.label ? { name: record.label } : {}),
			runs: [
				{
					addedAt: now.toISOString(),
					source: { kind: 'history', note: record.id },
					result: read.result
				}
			]
		});
	}
	return out;
}
