/**
 * What history stores, how an older record shape is brought up to date, and how a record that
 * cannot be read is told apart from one written by a newer version (kept, not touched).
 *
 * Record versions:
 *   0 (no `recordVersion`): { id, time: epoch ms, name?, result } — the prototype layout, kept
 *     readable so the migration path is exercised from day one.
 *   1: { recordVersion: 1, id, savedAt: ISO, label?, origin, result }.
 * Bump RECORD_VERSION, add a step to RECORD_MIGRATIONS and a test with the old shape.
 */
import {
	PROBE_OUTCOMES,
	REQUIREMENT_STATUSES,
	RESULT_FORMAT,
	RESULT_VERSION,
	VERDICTS,
	type CheckResult
} from '$lib/check/result';

export const RECORD_VERSION = 1;
export const LABEL_MAX = 80;

export interface RunRecord {
	recordVersion: typeof RECORD_VERSION;
	id: string;
	/** ISO time the record was saved (the check's own time is result.startedAt) */
	savedAt: string;
	/** the user's name for the place or network: "Ward 3 Wi-Fi" */
	label?: string;
	/** a check run here, or a result opened from someone's link and saved */
	origin: 'local' | 'shared';
	result: CheckResult;
}

/** The prototype's record shape, for migration only. */
export interface RunRecordV0 {
	id: string;
	time: number;
	name?: string;
	result: CheckResult;
}

export type ReadVerdict =
	| { kind: 'current'; record: RunRecord }
	| { kind: 'migrated'; record: RunRecord; from: number }
	/** written by a newer version of the app: left in place for that version to read */
	| { kind: 'newer'; version: number }
	| { kind: 'unreadable'; problem: string };

const isObject = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isString);
const isIso = (v: unknown) => isString(v) && Number.isFinite(Date.parse(v));

/**
 * The first thing that keeps this value from being a CheckResult the app can show, or undefined.
 * Checks what the pages rely on; optional fields added later in version 1 may be present or not,
 * and unknown extra fields are allowed (they are kept as they are).
 */
export function resultProblem(value: unknown): string | undefined {
	if (!isObject(value)) return 'the result is not an object';
	if (value.format !== RESULT_FORMAT) return 'the result has another format';
	if (typeof value.version !== 'number') return 'the result has no version';
	if (value.version > RESULT_VERSION) return `result version ${value.version} is newer`;
	for (const key of ['startedAt', 'finishedAt'] as const)
		if (!isIso(value[key])) return `${key} is not a time`;
	for (const key of ['dataVersion', 'appVersion', 'browser'] as const)
		if (!isString(value[key])) return `${key} is missing`;
	if (!['full', 'no-error-events', 'unavailable'].includes(value.webrtc as string))
		return 'webrtc is not one of the known values';
	if (!isStringArray(value.products)) return 'products is not a list of ids';
	if (!Array.isArray(value.probes)) return 'probes is not a list';
	for (const p of value.probes) {
		if (!isObject(p) || !isString(p.url)) return 'a probe has no url';
		if (!PROBE_OUTCOMES.includes(p.outcome as never))
			return `probe ${p.url} has an unknown outcome`;
		if (!['stun', 'turn', 'https', 'wss'].includes(p.kind as string))
			return `probe ${p.url} has an unknown kind`;
		if (typeof p.ms !== 'number') return `probe ${p.url} has no time`;
		if (!isObject(p.evidence)) return `probe ${p.url} has no evidence`;
	}
	if (!isObject(value.requirements)) return 'requirements is not a map';
	for (const [id, r] of Object.entries(value.requirements)) {
		if (!isObject(r)) return `requirement ${id} is not an object`;
		if (!REQUIREMENT_STATUSES.includes(r.status as never))
			return `requirement ${id} has an unknown status`;
		if (!isStringArray(r.probes)) return `requirement ${id} has no probe list`;
		if (!isString(r.reason)) return `requirement ${id} has no reason`;
	}
	if (!isObject(value.verdicts)) return 'verdicts is not a map';
	for (const [id, v] of Object.entries(value.verdicts)) {
		if (!isObject(v)) return `verdict ${id} is not an object`;
		if (!VERDICTS.includes(v.verdict as never)) return `verdict ${id} is unknown`;
		if (!isString(v.headline) || !isStringArray(v.advice) || !isStringArray(v.blocking))
			return `verdict ${id} is incomplete`;
	}
	return undefined;
}

export function cleanLabel(label: string | undefined | null): string | undefined {
	if (typeof label !== 'string') return undefined;
	const cleaned = label
		.replace(/\s+/g, ' ')
		// eslint-disable-next-line no-control-regex -- removing control characters is the point
		.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '')
		.replace(/ +/g, ' ')
		.trim()
		.slice(0, LABEL_MAX);
	return cleaned === '' ? undefined : cleaned;
}

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
	}
];

function versionOf(value: Record<string, unknown>): number | undefined {
	if (!('recordVersion' in value)) return 0;
	const v = value.recordVersion;
	return typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : undefined;
}

function currentProblem(value: Record<string, unknown>): string | undefined {
	if (!isString(value.id) || value.id === '') return 'the record has no id';
	if (!isIso(value.savedAt)) return 'the record has no save time';
	if (value.label !== undefined && !isString(value.label)) return 'the label is not text';
	if (value.origin !== 'local' && value.origin !== 'shared') return 'the origin is unknown';
	return resultProblem(value.result);
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
		return { kind: 'newer', version };
	let current = value;
	try {
		for (let v = version; v < RECORD_VERSION; v++) current = RECORD_MIGRATIONS[v]!(current);
	} catch (error) {
		return {
			kind: 'unreadable',
			problem: `migration from version ${version} failed: ${String(error)}`
		};
	}
	const problem = currentProblem(current);
	if (problem) return { kind: 'unreadable', problem };
	const record = current as unknown as RunRecord;
	return version === RECORD_VERSION
		? { kind: 'current', record }
		: { kind: 'migrated', record, from: version };
}
