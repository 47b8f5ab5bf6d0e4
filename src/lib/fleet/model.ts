/**
 * The fleet: sites (a ward, a GP surgery, a home worker's network), each with the runs collected
 * for it. The newest run is what the matrix shows; one run may be marked as the site's baseline,
 * the reference that later runs are compared with. Runs hold the one result (facts only,
 * $lib/result/result.ts); public addresses are never kept in a fleet.
 */
import type { CheckResult } from '$lib/result/result';

export const SOURCE_KINDS = ['link', 'file', 'history', 'fleet-file'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface RunSource {
	kind: SourceKind;
	/** a file name, a history run id: where it came from, for IT (text, never markup) */
	note?: string;
}

export interface FleetRun {
	id: string;
	/** ISO time it was added to the fleet */
	addedAt: string;
	source: RunSource;
	/** the result's format version when it was read, when older than today's (1: texts stored) */
	fromResultVersion?: number;
	/** products whose requirement details a link could not place (the data changed since) */
	unmatchedProducts?: string[];
	result: CheckResult;
}

export interface FleetSite {
	id: string;
	name: string;
	createdAt: string;
	/** the run later runs are compared with */
	baselineRunId?: string;
	runs: FleetRun[];
}

export const NAME_MAX = 80;
export const MAX_SITES = 2000;
export const MAX_RUNS_PER_SITE = 200;

/**
 * A site name as the user or a pasted text gives it: one line, no control or direction-override
 * characters, at most NAME_MAX characters. Undefined when nothing is left.
 */
export function cleanSiteName(name: string | undefined | null): string | undefined {
	if (typeof name !== 'string') return undefined;
	const cleaned = name
		// eslint-disable-next-line no-control-regex -- removing control characters is the point
		.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, NAME_MAX)
		.trim();
	return cleaned === '' ? undefined : cleaned;
}

/** Names compare without case or extra spaces: "Ward 3" and "ward  3" are one site. */
export function nameKey(name: string): string {
	return (cleanSiteName(name) ?? '').toLocaleLowerCase('en');
}

/** The run the matrix shows: the newest check (ties: the one added last). */
export function currentRun(site: Pick<FleetSite, 'runs'>): FleetRun | undefined {
	let best: FleetRun | undefined;
	for (const run of site.runs)
		if (
			!best ||
			run.result.startedAt > best.result.startedAt ||
			(run.result.startedAt === best.result.startedAt && run.addedAt >= best.addedAt)
		)
			best = run;
	return best;
}

export function baselineRun(site: Pick<FleetSite, 'runs' | 'baselineRunId'>): FleetRun | undefined {
	return site.baselineRunId ? site.runs.find((r) => r.id === site.baselineRunId) : undefined;
}

/**
 * What makes two runs the same check, whichever way they came (a link trims evidence, a file
 * keeps it): when it ran, where, with what, and what it concluded.
 */
export function runFingerprint(result: CheckResult): string {
	const verdicts = Object.keys(result.verdicts)
		.sort()
		.map((id) => `${id}=${result.verdicts[id]!.verdict}`)
		.join(',');
	return [
		Date.parse(result.startedAt),
		result.browser,
		result.dataVersion,
		[...result.products].sort().join(','),
		verdicts
	].join('|');
}

export function newId(): string {
	const bytes = new Uint8Array(6);
	globalThis.crypto.getRandomValues(bytes);
	const random = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${Date.now().toString(36)}-${random}`;
}

/** "Unnamed site 3": the lowest number no site uses yet. */
export function unnamedSiteName(taken: ReadonlySet<string>): string {
	for (let n = 1; ; n++) {
		const name = `Unnamed site ${n}`;
		if (!taken.has(nameKey(name))) return name;
	}
}
