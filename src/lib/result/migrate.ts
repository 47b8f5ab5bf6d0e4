/**
 * Older results brought up to the current version, for history and for files saved before.
 *
 * Version 1 stored the check's sentences with its facts (requirement `reason`, product `headline`
 * and `advice`). Version 2 stores facts only; the facts version 1 kept only inside its sentences
 * are read back from them. Those sentences were written by fixed code (check/verdict.ts at
 * version 1), so each one maps to exactly one fact; today's words are made from the facts.
 */
import { RESULT_FORMAT, RESULT_VERSION, parseResult, type ParsedResult } from './result';

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
const texts = (x: unknown): string[] =>
	Array.isArray(x) ? x.filter((t): t is string => typeof t === 'string') : [];

/** The facts a version-1 product verdict kept in its headline and advice. */
export function factsFromV1Verdict(old: Json): Json {
	const { headline: headlineValue, advice: adviceValue, ...facts } = old;
	const headline = typeof headlineValue === 'string' ? headlineValue : '';
	const advice = texts(adviceValue).join(' ');
	switch (old.verdict) {
		case 'not-ready':
			if (/will probably not work/.test(headline)) facts.onlyInferred = true;
			break;
		case 'degraded':
			facts.limit = /through the relay/.test(headline) ? 'relay' : 'partial';
			break;
		case 'ready': {
			const manual = /^(\d+) required rules? cannot be tested from a browser/.exec(advice);
			if (manual) facts.manualMandatory = Number(manual[1]);
			break;
		}
		case 'unknown':
			facts.undecided = /stopped before it finished/.test(advice)
				? 'cancelled'
				: /WebRTC is turned off or missing/.test(advice)
					? 'webrtc-unavailable'
					: /cannot fully test video relays/.test(advice)
						? 'no-error-events'
						: /A browser cannot test what it needs/.test(advice)
							? 'manual-only'
							: 'inconclusive';
			break;
	}
	return facts;
}

function fromV1(old: Json): Json {
	const requirements: Json = {};
	if (isObject(old.requirements))
		for (const [id, r] of Object.entries(old.requirements)) {
			if (!isObject(r)) {
				requirements[id] = r;
				continue;
			}
			const { reason: _reason, ...facts } = r;
			void _reason;
			requirements[id] = facts;
		}
	const verdicts: Json = {};
	if (isObject(old.verdicts))
		for (const [id, p] of Object.entries(old.verdicts))
			verdicts[id] = isObject(p) ? factsFromV1Verdict(p) : p;
	return { ...old, version: 2, requirements, verdicts };
}

/** RESULT_MIGRATIONS[n] turns a version-n result into a version-(n+1) one. */
const RESULT_MIGRATIONS: Record<number, (old: Json) => Json> = { 1: fromV1 };

/**
 * Lenient read for stored results (history, an older download): brings an older version up to
 * date, then parses strictly. Never throws.
 */
export function readStoredResult(input: unknown): ParsedResult {
	if (!isObject(input) || input.format !== RESULT_FORMAT) return parseResult(input);
	let current: Json = input;
	try {
		for (let version = Number(current.version); version < RESULT_VERSION; version++) {
			const step = RESULT_MIGRATIONS[version];
			if (!step)
				return { ok: false, problem: `Result version ${String(input.version)} is unknown.` };
			current = step(current);
		}
	} catch (error) {
		return { ok: false, problem: `This result could not be brought up to date: ${String(error)}` };
	}
	return parseResult(current);
}

/** A downloaded result file, any version this netready can read. Never throws. */
export function readResultFile(text: string): ParsedResult {
	if (text.length > 5_000_000)
		return { ok: false, problem: 'This file is too large to be a netready result.' };
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		return { ok: false, problem: 'This file is not valid JSON.' };
	}
	return readStoredResult(json);
}
