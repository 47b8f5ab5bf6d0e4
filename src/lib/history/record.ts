/**
 * What history stores, how an older record shape is brought up to date, and how a record that
 * cannot be read is told apart from one written by a newer version (kept, not touched).
 *
 * Record versions:
 *   0 (no `recordVersion`): { id, time: epoch ms, name?, result } — the prototype layout, kept
 *     readable so the migration path is exercised from day one.
 *   1: { recordVersion: 1, id, savedAt: ISO, label?, origin, result } with a version-1 result (the
 *     check's sentences stored with its facts).
 *   2: the same with a version-2 result: facts only (result/migrate.ts reads the facts back out of
 *     the old sentences); today's words are made when it is shown.
 * Bump RECORD_VERSION, add a step to RECORD_MIGRATIONS and a test with the old shape.
 */
import { RESULT_VERSION } from '$lib/result/result';
import { readStoredResult } from '$lib/result/migrate';
import { cleanLabel, RECORD_VERSION, type RunRecord } from './record-shape';

export { cleanLabel, LABEL_MAX, RECORD_VERSION } from './record-shape';
export type { RunRecord, RunRecordV0 } from './record-shape';

export type ReadVerdict =
	| { kind: 'current'; record: RunRecord }
	| { kind: 'migrated'; record: RunRecord; from: number }
	/** written by a newer version of the app: left in place for that version to read */
	| { kind: 'newer'; version: number }
	| { kind: 'unreadable'; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isIso = (v: unknown) => isString(v) && Number.isFinite(Date.parse(v));

type Migration = (old: Record<string, unknown>) => Record<string, unknown>;

/** RECORD_MIGRATIONS[n] turns a version-n record into a version-(n+1) record. */
export const RECORD_MIGRATIONS: Migration[] = [
	(v0) => {
		const time = typeof v0.time === 'number' ? v0.time : Date.parse(String(v0.time));
		const out: Record<string, unknown> = {
			recordVersion: 1,
			id: v0.id,
			savedAt: new Date(Number.isFinite(time) ? time : 0).toISOString(),
			origin: 'local',
			result: v0.result
		};
		const label = cleanLabel(v0.name as string | undefined);
		if (label) out.label = label;
		return out;
	},
	// 1 → 2: the result loses its stored sentences; unreadable results stay as they are and are
	// reported as unreadable by the check below, never half-migrated.
	(v1) => {
		const read = readStoredResult(v1.result);
		return { ...v1, recordVersion: 2, result: read.ok ? read.result : v1.result };
	}
];

function versionOf(value: Record<string, unknown>): number | undefined {
	if (!('recordVersion' in value)) return 0;
	const v = value.recordVersion;
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

/** What keeps this value from being a current record, or the record with its result parsed. */
function readCurrent(value: Record<string, unknown>): { problem: string } | { record: RunRecord } {
	if (!isString(value.id) || value.id === '' || value.id.length > 200)
		return { problem: 'the record has no id' };
	if (!isIso(value.savedAt)) return { problem: 'the record has no save time' };
	if (value.label !== undefined && !isString(value.label))
		return { problem: 'the label is not text' };
	if (value.origin !== 'local' && value.origin !== 'shared')
		return { problem: 'the origin is unknown' };
	// The one result schema, to the leaves: a record that lists fine but breaks a view deeper down
	// is quarantined here instead.
	const parsed = readStoredResult(value.result);
	if (!parsed.ok) return { problem: parsed.problem };
	return { record: { ...(value as unknown as RunRecord), result: parsed.result } };
}

/** Reads one stored value: as it is, migrated, left for a newer version, or unreadable (why). */
export function readRecord(value: unknown): ReadVerdict {
	if (!isObject(value)) return { kind: 'unreadable', problem: 'the record is not an object' };
	const version = versionOf(value);
	if (version === undefined)
		return { kind: 'unreadable', problem: 'the record version is invalid' };
	if (version > RECORD_VERSION) return { kind: 'newer', version };
	if (
		isObject(value.result) &&
		typeof value.result.version === 'number' &&
		value.result.version > RESULT_VERSION
	)
		return { kind: 'newer', version: value.result.version };
	let current = value;
	try {
		for (let v = version; v < RECORD_VERSION; v++) current = RECORD_MIGRATIONS[v]!(current);
	} catch (error) {
		return {
			kind: 'unreadable',
			problem: `migration from version ${version} failed: ${String(error)}`
		};
	}
	const read = readCurrent(current);
	if ('problem' in read) return { kind: 'unreadable', problem: read.problem };
	const record = read.record;
	return version === RECORD_VERSION
		? { kind: 'current', record }
		: { kind: 'migrated', record, from: version };
}
