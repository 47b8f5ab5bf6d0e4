/**
 * The fleet as one JSON file, to keep or to hand to a colleague, and reading it back.
 *
 *   { "format": "netready-fleet", "version": 1, "exportedAt": ISO, "dataVersion": "…",
 *     "sites": [ { "name": "Ward 3", "baseline": 0,
 *                  "runs": [ { "addedAt": ISO, "source": { "kind": "link" }, "result": {…} } ] } ] }
 *
 * `baseline` is the index of the baseline run in `runs`. Each result is the one result format
 * (docs/result-format.md), facts only, without public addresses, and is read leniently: a fleet
 * file written today still opens when results move to a newer version. A file from a newer
 * netready is refused, never half-read. Bump FLEET_FILE_VERSION, add a step to
 * FLEET_FILE_MIGRATIONS and a test with the old shape. Described in docs/fleet.md.
 */
import { readStoredResult } from '$lib/result/migrate';
import { withoutPublicAddresses } from '$lib/result/privacy';
import { RESULT_VERSION } from '$lib/result/result';
import {
	MAX_RUNS_PER_SITE,
	MAX_SITES,
	SOURCE_KINDS,
	cleanSiteName,
	type FleetRun,
	type FleetSite,
	type RunSource
} from './model';

export const FLEET_FORMAT = 'netready-fleet';
export const FLEET_FILE_VERSION = 1;

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json =>
	typeof x === 'object' && x !== null && !Array.isArray(x);

export type FileMigration = (old: Json) => Json;
/** FLEET_FILE_MIGRATIONS[n] turns a version-n fleet file into a version-(n+1) one. */
export const FLEET_FILE_MIGRATIONS: Readonly<Record<number, FileMigration>> = {};

/** A run as read from outside, before it gets an id in this fleet. */
export type IncomingRun = Omit<FleetRun, 'id'>;

export interface IncomingSite {
	name?: string;
	runs: IncomingRun[];
	/** index into runs */
	baseline?: number;
}

export type ReadFleetFile =
	{ ok: true; sites: IncomingSite[]; problems: string[] } | { ok: false; problem: string };

export function fleetToFile(sites: readonly FleetSite[], dataVersion: string, now = new Date()) {
	return {
		format: FLEET_FORMAT,
		version: FLEET_FILE_VERSION,
		exportedAt: now.toISOString(),
		dataVersion,
		sites: sites.map((site) => {
			const runs = [...site.runs].sort((a, b) =>
				a.result.startedAt.localeCompare(b.result.startedAt)
			);
			const baseline = runs.findIndex((r) => r.id === site.baselineRunId);
			return {
				name: site.name,
				...(baseline >= 0 ? { baseline } : {}),
				runs: runs.map((r) => ({
					addedAt: r.addedAt,
					source: r.source,
					...(r.unmatchedProducts?.length ? { unmatchedProducts: r.unmatchedProducts } : {}),
					result: withoutPublicAddresses(r.result)
				}))
			};
		})
	};
}

export function fleetFileText(sites: readonly FleetSite[], dataVersion: string, now = new Date()) {
	return JSON.stringify(fleetToFile(sites, dataVersion, now), null, 1) + '\n';
}

/** One result from outside (a file, history, a fleet file): migrated, validated, scrubbed. */
export function incomingResult(
	value: unknown
):
	| { ok: true; result: FleetRun['result']; fromResultVersion?: number }
	| { ok: false; problem: string } {
	const read = readStoredResult(value);
	if (!read.ok) return read;
	const version =
		isObject(value) && typeof value.version === 'number' ? value.version : RESULT_VERSION;
	return {
		ok: true,
		result: withoutPublicAddresses(read.result),
		...(version < RESULT_VERSION ? { fromResultVersion: version } : {})
	};
}

function sourceOf(value: unknown): RunSource {
	if (!isObject(value) || !SOURCE_KINDS.includes(value.kind as RunSource['kind']))
		return { kind: 'fleet-file' };
	const note = typeof value.note === 'string' ? cleanSiteName(value.note.slice(0, 200)) : undefined;
	return { kind: value.kind as RunSource['kind'], ...(note ? { note } : {}) };
}

function isoOr(value: unknown, fallback: string): string {
	return typeof value === 'string' && value.length <= 40 && Number.isFinite(Date.parse(value))
		? new Date(Date.parse(value)).toISOString()
		: fallback;
}

/** Reads a parsed fleet file. Damaged sites and runs are skipped and named; never throws. */
export function readFleetFile(
	input: unknown,
	options: { migrations?: Readonly<Record<number, FileMigration>>; now?: Date } = {}
): ReadFleetFile {
	const migrations = options.migrations ?? FLEET_FILE_MIGRATIONS;
	const latest = options.migrations
		? Math.max(FLEET_FILE_VERSION, ...Object.keys(migrations).map((k) => Number(k) + 1))
		: FLEET_FILE_VERSION;
	if (!isObject(input) || input.format !== FLEET_FORMAT)
		return { ok: false, problem: 'This is not a netready fleet file.' };
	const version = input.version;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return { ok: false, problem: 'This fleet file has no valid version.' };
	if (version > latest)
		return {
			ok: false,
			problem: `This fleet file was made by a newer netready (fleet format version ${version}); this one reads version ${latest}. Reload the page to get the newest version.`
		};
	let current: Json = input;
	try {
		for (let v = version; v < latest; v++) {
			const step = migrations[v];
			if (!step) return { ok: false, problem: `Fleet file version ${v} is unknown.` };
			current = step(current);
		}
	} catch (error) {
		return {
			ok: false,
			problem: `This fleet file could not be brought up to date: ${String(error)}`
		};
	}
	if (!Array.isArray(current.sites))
		return { ok: false, problem: 'This fleet file is damaged: it has no list of sites.' };
	if (current.sites.length > MAX_SITES)
		return { ok: false, problem: `This fleet file has more than ${MAX_SITES} sites.` };
	const now = (options.now ?? new Date()).toISOString();
	const problems: string[] = [];
	const sites: IncomingSite[] = [];
	current.sites.forEach((site: unknown, i) => {
		const where = `Site ${i + 1}`;
		if (!isObject(site) || !Array.isArray(site.runs)) {
			problems.push(`${where} is damaged and was skipped.`);
			return;
		}
		const name = typeof site.name === 'string' ? cleanSiteName(site.name) : undefined;
		const label = name ? `${where} (${name})` : where;
		const runs: IncomingRun[] = [];
		let baseline: number | undefined;
		site.runs.slice(0, MAX_RUNS_PER_SITE).forEach((run: unknown, j) => {
			const read = isObject(run) ? incomingResult(run.result) : undefined;
			if (!read?.ok) {
				problems.push(
					`${label}, run ${j + 1} was skipped: ${read ? read.problem : 'it is not a run.'}`
				);
				return;
			}
			const r = run as Json;
			const unmatched = Array.isArray(r.unmatchedProducts)
				? r.unmatchedProducts.filter((x): x is string => typeof x === 'string').slice(0, 64)
				: [];
			if (site.baseline === j) baseline = runs.length;
			runs.push({
				addedAt: isoOr(r.addedAt, now),
				source: sourceOf(r.source),
				result: read.result,
				...(read.fromResultVersion ? { fromResultVersion: read.fromResultVersion } : {}),
				...(unmatched.length ? { unmatchedProducts: unmatched } : {})
			});
		});
		if (site.runs.length > MAX_RUNS_PER_SITE)
			problems.push(`${label} has more than ${MAX_RUNS_PER_SITE} runs; only the first were read.`);
		if (!runs.length) {
			if (site.runs.length) problems.push(`${label} has no readable run and was skipped.`);
			return;
		}
		sites.push({
			...(name ? { name } : {}),
			runs,
			...(baseline !== undefined ? { baseline } : {})
		});
	});
	return { ok: true, sites, problems };
}
