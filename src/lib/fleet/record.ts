/**
 * What the fleet database stores per site, and how a stored value is read back: as it is, brought
 * up to date, left alone because a newer netready wrote it, or set aside as unreadable (why).
 *
 * Record versions:
 *   1: { recordVersion: 1, id, name, createdAt, baselineRunId?, runs: [{ id, addedAt, source,
 *      fromResultVersion?, unmatchedProducts?, result }] }
 * Each run's result is read leniently (result/migrate.ts), so a record keeps opening when the
 * result format moves on. Bump FLEET_RECORD_VERSION, add a step to FLEET_RECORD_MIGRATIONS and a
 * test with the old shape.
 */
import { RESULT_VERSION } from '$lib/result/result';
import { readStoredResult } from '$lib/result/migrate';
import { SOURCE_KINDS, cleanSiteName, type FleetRun, type FleetSite } from './model';

import { FLEET_RECORD_VERSION } from './db';

export { FLEET_RECORD_VERSION };

export type ReadSite =
	| { kind: 'current'; site: FleetSite }
	| { kind: 'migrated'; site: FleetSite; from: number }
	| { kind: 'newer'; version: number }
	| { kind: 'unreadable'; problem: string };

type Json = Record<string, unknown>;
export type RecordMigration = (old: Json) => Json;

/** FLEET_RECORD_MIGRATIONS[n] turns a version-n record into a version-(n+1) one. */
export const FLEET_RECORD_MIGRATIONS: Readonly<Record<number, RecordMigration>> = {};

const isObject = (v: unknown): v is Json =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isIso = (v: unknown): v is string =>
	typeof v === 'string' && v.length <= 40 && Number.isFinite(Date.parse(v));
const isId = (v: unknown): v is string => typeof v === 'string' && v !== '' && v.length <= 200;

function readRun(
	value: unknown,
	i: number
): { run: FleetRun; migrated: boolean } | { problem: string } {
	if (!isObject(value)) return { problem: `run ${i + 1} is not an object` };
	if (!isId(value.id)) return { problem: `run ${i + 1} has no id` };
	if (!isIso(value.addedAt)) return { problem: `run ${i + 1} has no time it was added` };
	const source = value.source;
	if (!isObject(source) || !SOURCE_KINDS.includes(source.kind as FleetRun['source']['kind']))
		return { problem: `run ${i + 1} has no known source` };
	if (source.note !== undefined && typeof source.note !== 'string')
		return { problem: `run ${i + 1} has a source note that is not text` };
	const result = readStoredResult(value.result);
	if (!result.ok) return { problem: `run ${i + 1}: ${result.problem}` };
	const run: FleetRun = {
		id: value.id,
		addedAt: value.addedAt,
		source: {
			kind: source.kind as FleetRun['source']['kind'],
			...(source.note ? { note: source.note } : {})
		},
		result: result.result
	};
	if (typeof value.fromResultVersion === 'number') run.fromResultVersion = value.fromResultVersion;
	if (Array.isArray(value.unmatchedProducts))
		run.unmatchedProducts = value.unmatchedProducts.filter(
			(x): x is string => typeof x === 'string'
		);
	const stored = isObject(value.result) ? value.result.version : undefined;
	return { run, migrated: typeof stored === 'number' && stored < RESULT_VERSION };
}

export function readSiteRecord(
	value: unknown,
	migrations: Readonly<Record<number, RecordMigration>> = FLEET_RECORD_MIGRATIONS
): ReadSite {
	if (!isObject(value)) return { kind: 'unreadable', problem: 'the record is not an object' };
	const latest = Math.max(
		FLEET_RECORD_VERSION,
		...Object.keys(migrations).map((k) => Number(k) + 1)
	);
	const version = value.recordVersion;
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1)
		return { kind: 'unreadable', problem: 'the record version is invalid' };
	if (version > latest) return { kind: 'newer', version };
	if (
		Array.isArray(value.runs) &&
		value.runs.some(
			(r) => isObject(r) && isObject(r.result) && Number(r.result.version) > RESULT_VERSION
		)
	)
		return { kind: 'newer', version };
	let current = value;
	try {
		for (let v = version; v < latest; v++) {
			const step = migrations[v];
			if (!step) return { kind: 'unreadable', problem: `record version ${v} is unknown` };
			current = step(current);
		}
	} catch (error) {
		return {
			kind: 'unreadable',
			problem: `migration from version ${version} failed: ${String(error)}`
		};
	}
	if (!isId(current.id)) return { kind: 'unreadable', problem: 'the record has no id' };
	const name = typeof current.name === 'string' ? cleanSiteName(current.name) : undefined;
	if (!name) return { kind: 'unreadable', problem: 'the site has no name' };
	if (!isIso(current.createdAt))
		return { kind: 'unreadable', problem: 'the record has no creation time' };
	if (!Array.isArray(current.runs) || current.runs.length === 0)
		return { kind: 'unreadable', problem: 'the site has no runs' };
	const runs: FleetRun[] = [];
	let resultsMigrated = false;
	for (const [i, value] of current.runs.entries()) {
		const read = readRun(value, i);
		if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
		runs.push(read.run);
		resultsMigrated ||= read.migrated;
	}
	const baseline = current.baselineRunId;
	const site: FleetSite = {
		id: current.id,
		name,
		createdAt: current.createdAt,
		runs,
		...(typeof baseline === 'string' && runs.some((r) => r.id === baseline)
			? { baselineRunId: baseline }
			: {})
	};
	return version === latest && !resultsMigrated
		? { kind: 'current', site }
		: { kind: 'migrated', site, from: version };
}
