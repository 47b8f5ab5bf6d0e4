/**
 * The permalink's constants, limits and words: what a link may hold, how large, and what the page
 * says when one cannot be opened. Enumerations come from the result (result/result.ts); the wire
 * only adds "absent" in front where a field is optional. The layout is in docs/permalink-format.md.
 */
import { ID_PATTERN } from '$lib/data/id-pattern';
import {
	ADDRESS_FAMILIES,
	CAUSES,
	INFERRED_OUTCOMES,
	LIMITS_OF_DEGRADED,
	UNDECIDED_BECAUSE,
	type CheckResult
} from '$lib/result/result';

// The fragment parameter lives in its own module so that links need none of the codec's limits.
export { SHARE_PARAM } from './param';
/** 1: statuses, verdicts and evidence; 2: also each verdict's facts, `online` and the diagnosis. */
export const SHARE_VERSION = 2;
/** A whole link, origin and path included, must fit in this many characters. */
export const MAX_LINK_CHARS = 2000;
/** Room left for "https://host/path/shared/#r=": the payload must fit in what remains. */
export const DEFAULT_MAX_PAYLOAD = 1850;

/** Inflating stops here: a deflate bomb is refused, not unpacked. */
export const MAX_INFLATED = 256 * 1024;
/** A payload longer than this is refused before anything is decoded. */
export const MAX_PAYLOAD_CHARS = 64 * 1024;

export const LIMITS = {
	products: 64,
	sections: 64,
	requirementsPerSection: 2048,
	probes: 1024,
	probeRefsPerRequirement: 64,
	blocking: 1024,
	candidateTypes: 8,
	iceErrors: 32,
	findings: 20,
	findingProbes: 64,
	findingDomains: 16,
	alternatives: 10,
	manualMandatory: 100_000,
	text: { version: 64, browser: 80, detail: 200, iceText: 120, url: 300, candidate: 16 }
} as const;

/** The catalog's id rule: anything else from a link (e.g. "__proto__") is dropped. */
export const ID = ID_PATTERN;

/** Index 0 stands for "absent" in every optional enumeration on the wire. */
export const FAMILIES_WIRE = [undefined, ...ADDRESS_FAMILIES] as const;
export const INFERRED_WIRE = [undefined, ...INFERRED_OUTCOMES] as const;
export const LIMITS_WIRE = [undefined, ...LIMITS_OF_DEGRADED] as const;
export const UNDECIDED_WIRE = [undefined, ...UNDECIDED_BECAUSE] as const;
export const CAUSES_WIRE = [undefined, ...CAUSES] as const;

/** The largest time a link carries: the end of the ECMAScript date range. */
export const MAX_TIME_MS = 8.64e15;
/** Durations and counts are capped here, far above anything real. */
export const MAX_UINT = 2 ** 40;

export function isoFromMs(ms: number): string {
	return new Date(ms).toISOString();
}

export function msOf(iso: string): number {
	const ms = Date.parse(iso);
	return Number.isFinite(ms) && ms >= 0 && ms <= MAX_TIME_MS ? ms : 0;
}

export function cleanUint(n: number | undefined): number {
	return typeof n === 'number' && Number.isFinite(n) && n > 0
		? Math.min(Math.round(n), MAX_UINT)
		: 0;
}

/**
 * How much evidence was left out to fit the link: 0 everything, 1 without probe details,
 * 2 also without ICE error texts, 3 without any evidence or round-trip times.
 */
export type TrimLevel = 0 | 1 | 2 | 3;

/** The part of a catalog product the codec needs (the real Product satisfies it). */
export interface ShareProduct {
	id: string;
	name?: string;
	kind?: string;
	requirements: readonly {
		id: string;
		check:
			| { kind: 'probe'; probes: readonly { url: string }[] }
			| { kind: 'inferred'; from: readonly { url: string }[] }
			| { kind: 'manual' };
	}[];
}

export interface ShareCatalog {
	products: readonly ShareProduct[];
}

export interface EncodeOptions {
	/** keep the public (server-reflexive) address; off unless the user ticks it */
	includePublicAddress?: boolean;
	/** payload budget in characters; evidence is trimmed step by step to fit */
	maxChars?: number;
}

export type EncodeOutcome =
	| {
			ok: true;
			payload: string;
			trim: TrimLevel;
			/** the link holds the user's public address (opted in, and it was a public one) */
			publicAddress: boolean;
			/** the result exactly as the link will read (prepareForShare at the trim level used) */
			prepared: CheckResult;
	  }
	| { ok: false; reason: 'too-large' | 'unsupported'; message: string; length?: number };

export interface SharedResult {
	result: CheckResult;
	trim: TrimLevel;
	publicAddress: boolean;
	/** products whose requirement details could not be read: the data changed since the link was made */
	unmatchedProducts: string[];
	/** probes whose url could not be resolved against this site's data, and were left out */
	droppedProbes: number;
}

// Why a link could not be read, in words: their own small module, so a page can say "this link
// holds no result" without loading the codec.
export { FAILURE_MESSAGES, failure, type DecodeFailure, type DecodeOutcome } from './failures';
