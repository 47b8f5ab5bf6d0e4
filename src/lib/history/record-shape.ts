/**
 * What history stores, apart from how it is read (record.ts): the record's shape, its version and
 * the label rule. Saving and listing need only this; the result schema that reading needs (valibot)
 * loads with the first record there is to read.
 */
import type { CheckResult } from '$lib/result/result';

export const RECORD_VERSION = 2;
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
