/**
 * Validation of a CheckResult read back from somewhere untrusted (history, an imported file). The
 * parser answers with a clear problem instead of throwing, keeps unknown extra fields out, and caps
 * sizes so a hostile record cannot blow up the page. The shape is the one in result.ts.
 */
import * as v from 'valibot';
import {
	PROBE_OUTCOMES,
	REQUIREMENT_STATUSES,
	RESULT_FORMAT,
	RESULT_VERSION,
	VERDICTS,
	type CheckResult
} from './result';

const Short = v.pipe(v.string(), v.maxLength(2000));
const Id = v.pipe(v.string(), v.maxLength(200));
const Ms = v.pipe(v.number(), v.minValue(0), v.maxValue(86_400_000));
const IsoDate = v.pipe(v.string(), v.isoTimestamp());

const EvidenceSchema = v.object({
	candidateTypes: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(20))),
	publicAddress: v.optional(v.pipe(v.string(), v.maxLength(64))),
	iceErrors: v.optional(
		v.pipe(
			v.array(
				v.object({
					code: v.number(),
					text: Short,
					family: v.optional(v.picklist(['ipv4', 'ipv6', 'unknown']))
				})
			),
			v.maxLength(50)
		)
	),
	httpStatus: v.optional(v.number()),
	detail: v.optional(Short)
});

const ProbeSchema = v.object({
	url: Short,
	kind: v.picklist(['stun', 'turn', 'https', 'wss']),
	outcome: v.picklist(PROBE_OUTCOMES),
	ms: Ms,
	rttMs: v.optional(Ms),
	evidence: EvidenceSchema
});

const RequirementResultSchema = v.object({
	status: v.picklist(REQUIREMENT_STATUSES),
	probes: v.pipe(v.array(Short), v.maxLength(100)),
	reason: v.pipe(v.string(), v.maxLength(10_000)),
	inferredOutcome: v.optional(v.picklist(['open', 'blocked', 'unknown']))
});

const ProductResultSchema = v.object({
	verdict: v.picklist(VERDICTS),
	headline: Short,
	advice: v.pipe(v.array(Short), v.maxLength(20)),
	blocking: v.pipe(v.array(Id), v.maxLength(500)),
	alsoFailed: v.optional(v.pipe(v.array(Id), v.maxLength(500)))
});

export const CheckResultSchema = v.object({
	format: v.literal(RESULT_FORMAT),
	version: v.literal(RESULT_VERSION),
	startedAt: IsoDate,
	finishedAt: IsoDate,
	dataVersion: Id,
	appVersion: Id,
	browser: Id,
	webrtc: v.picklist(['full', 'no-error-events', 'unavailable']),
	products: v.pipe(v.array(Id), v.maxLength(200)),
	probes: v.pipe(v.array(ProbeSchema), v.maxLength(1000)),
	requirements: v.record(Id, RequirementResultSchema),
	verdicts: v.record(Id, ProductResultSchema)
});

export type ParsedResult = { ok: true; result: CheckResult } | { ok: false; problem: string };

export function parseCheckResult(input: unknown): ParsedResult {
	if (typeof input === 'object' && input !== null) {
		const o = input as { format?: unknown; version?: unknown };
		if (o.format !== RESULT_FORMAT) return { ok: false, problem: 'This is not a netready result.' };
		if (typeof o.version === 'number' && o.version > RESULT_VERSION)
			return {
				ok: false,
				problem: `This result was made by a newer netready (format version ${o.version}); this one reads version ${RESULT_VERSION}.`
			};
	}
	const parsed = v.safeParse(CheckResultSchema, input);
	if (parsed.success) return { ok: true, result: parsed.output as CheckResult };
	const first = parsed.issues[0];
	const where = first.path?.map((p) => String(p.key)).join('.') ?? '';
	return {
		ok: false,
		problem: `This result is damaged${where ? ` at ${where}` : ''}: ${first.message}`
	};
}

/** Reads the downloaded JSON back; never throws. */
export function parseCheckResultJson(text: string): ParsedResult {
	if (text.length > 5_000_000)
		return { ok: false, problem: 'This file is too large to be a netready result.' };
	try {
		return parseCheckResult(JSON.parse(text));
	} catch {
		return { ok: false, problem: 'This file is not valid JSON.' };
	}
}
