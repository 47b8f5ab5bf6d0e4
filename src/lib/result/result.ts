/**
 * THE result of a check: what every probe saw, what that means for every requirement, what the
 * network does (the diagnosis), and the verdict for every product — facts only. Words are made
 * when a result is shown (words.ts); the downloaded JSON adds them at download time (files.ts).
 *
 * One valibot schema; the TypeScript types are inferred from it, and every enumeration is exported
 * once from here. `parseResult` is strict (imported files: exactly this version's shape, sizes
 * capped); `readStoredResult` is lenient (history, old downloads: older versions are brought up to
 * date first, see migrate.ts). The format is documented in docs/result-format.md.
 */
import * as v from 'valibot';
import { PROBE_KINDS } from '$lib/data/probe-url';

export { PROBE_KINDS };
export type ProbeKind = (typeof PROBE_KINDS)[number];

export const RESULT_FORMAT = 'netready-result';
/** 1: texts stored with the facts (headline, advice, reason); 2: facts only, plus the diagnosis. */
export const RESULT_VERSION = 2;

/** What one probe concluded about its target. */
export const PROBE_OUTCOMES = [
	/** the server answered over this transport (STUN binding, TURN 401, HTTP response, WebSocket open) */
	'reachable',
	/** actively refused or failed fast (TCP refused, TLS failure, WebSocket error before timeout) */
	'refused',
	/** the host name did not resolve (only WebRTC can tell this apart) */
	'dns-failed',
	/** no answer within the bound (dropped packets) */
	'timeout',
	/** this browser cannot run the probe (no WebRTC, policy) */
	'unsupported',
	/** the browser ran it but gives too little to conclude (e.g. no icecandidateerror event) */
	'inconclusive',
	/** cancelled by the user before it ended */
	'cancelled'
] as const;
export type ProbeOutcome = (typeof PROBE_OUTCOMES)[number];

export const REQUIREMENT_STATUSES = [
	'passed',
	'failed',
	'partial',
	'inferred',
	'manual',
	'not-run'
] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

/** With status "inferred": open when a probe it rests on passed, blocked when all failed. */
export const INFERRED_OUTCOMES = ['open', 'blocked', 'unknown'] as const;
export type InferredOutcome = (typeof INFERRED_OUTCOMES)[number];

export const VERDICTS = ['ready', 'degraded', 'not-ready', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What the browser offers: RTCPeerConnection with icecandidateerror, without it, or nothing. */
export const WEBRTC_SUPPORT = ['full', 'no-error-events', 'unavailable'] as const;
export type WebrtcSupport = (typeof WEBRTC_SUPPORT)[number];

export const ADDRESS_FAMILIES = ['ipv4', 'ipv6', 'unknown'] as const;
export type AddressFamily = (typeof ADDRESS_FAMILIES)[number];

/** "degraded" because media only goes through the relay, or because part of what it needs failed. */
export const LIMITS_OF_DEGRADED = ['relay', 'partial'] as const;
/** "unknown" because … */
export const UNDECIDED_BECAUSE = [
	/** the device has no connection at all (the diagnosis says so) */
	'offline',
	/** the user stopped the check */
	'cancelled',
	/** the browser has no WebRTC: video routes cannot be tested */
	'webrtc-unavailable',
	/** the browser cannot report TURN errors: relay routes stay undecided */
	'no-error-events',
	/** every rule that decides is one a browser cannot test */
	'manual-only',
	/** the probes ran but did not decide */
	'inconclusive',
	/** the link is so slow that silence proves nothing (the diagnosis measured it) */
	'slow-link'
] as const;

/** What the network does, as the diagnosis (check/diagnosis.ts) can tell from one run's probes. */
export const CAUSES = [
	/** no internet at all, or no working DNS */
	'offline',
	/** names of one vendor or domain family do not resolve while others do */
	'dns-filtered',
	/** UDP is silent or failing while TCP answers */
	'udp-blocked',
	/** only TCP 443 leaves */
	'only-tcp-443',
	/** the STUN/TURN ports 3478/5349 are blocked */
	'stun-turn-ports-blocked',
	/** HTTPS/WSS are cut while other TCP works: TLS inspection or a web filter */
	'tls-intercepted',
	/** WebSocket refused while HTTPS to the same vendor works */
	'websocket-blocked',
	/** an explicit web proxy is in the way */
	'proxy',
	/** measured round trips are long: time-outs read as "too slow to answer" */
	'slow-link',
	/** errors too fast to have left the machine: the computer's own firewall */
	'local-firewall'
] as const;
export type Cause = (typeof CAUSES)[number];
export const CERTAINTIES = ['shown', 'likely'] as const;
export type Certainty = (typeof CERTAINTIES)[number];

export type ProbeSignal = 'pass' | 'fail' | 'undecided';

/** What an outcome means for a requirement: reachable passes; refused, dns-failed and timeout fail. */
export function probeSignal(outcome: ProbeOutcome): ProbeSignal {
	switch (outcome) {
		case 'reachable':
			return 'pass';
		case 'refused':
		case 'dns-failed':
		case 'timeout':
			return 'fail';
		default:
			return 'undecided';
	}
}

// ------------------------------------------------------------------------------------ schema

const Text = v.pipe(v.string(), v.maxLength(2000));
const Id = v.pipe(v.string(), v.maxLength(200));
const Ms = v.pipe(v.number(), v.minValue(0), v.maxValue(86_400_000));
const Count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(100_000));
const IsoDate = v.pipe(v.string(), v.maxLength(40), v.isoTimestamp());
const Ids = (max: number) => v.pipe(v.array(Id), v.maxLength(max));
const ProbeUrlText = v.pipe(v.string(), v.maxLength(2048));

/** Evidence kept with a probe, for IT. Local (host) addresses are never kept. */
export const ProbeEvidenceSchema = v.object({
	/** ICE candidate types seen: host candidates are counted, never stored */
	candidateTypes: v.optional(v.pipe(v.array(v.pipe(v.string(), v.maxLength(40))), v.maxLength(20))),
	/** server-reflexive address: the public IP the STUN server saw; left out of shares unless opted in */
	publicAddress: v.optional(v.pipe(v.string(), v.maxLength(64))),
	/** icecandidateerror codes and texts, per address family where known */
	iceErrors: v.optional(
		v.pipe(
			v.array(
				v.object({
					code: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999)),
					text: Text,
					family: v.optional(v.picklist(ADDRESS_FAMILIES))
				})
			),
			v.maxLength(50)
		)
	),
	/** HTTP status where readable (opaque no-cors responses have none) */
	httpStatus: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(999))),
	/** what the browser reported, verbatim and technical: "WebSocket closed with code 1006 after 34 ms" */
	detail: v.optional(Text)
});

export const ProbeResultSchema = v.object({
	/** the probe target url; also its identity */
	url: ProbeUrlText,
	kind: v.picklist(PROBE_KINDS),
	outcome: v.picklist(PROBE_OUTCOMES),
	/** milliseconds from the start of the check to the outcome */
	ms: Ms,
	/** round trip where measurable (STUN binding, first answer), ms */
	rttMs: v.optional(Ms),
	/** how long this probe was allowed to wait for an answer, ms */
	boundMs: v.optional(Ms),
	evidence: ProbeEvidenceSchema
});

export const RequirementResultSchema = v.object({
	status: v.picklist(REQUIREMENT_STATUSES),
	/** the urls of the probes this status rests on */
	probes: v.pipe(v.array(ProbeUrlText), v.maxLength(100)),
	inferredOutcome: v.optional(v.picklist(INFERRED_OUTCOMES)),
	/** true when a time-out on a slow link was not counted as a failure (see the diagnosis) */
	slowNotBlocked: v.optional(v.boolean())
});

export const ProductResultSchema = v.object({
	verdict: v.picklist(VERDICTS),
	/** mandatory requirements that failed (not-ready) or fell back / partly passed (degraded) */
	blocking: Ids(500),
	/** recommended or optional requirements that failed or partly failed: reported, never blocking */
	alsoFailed: v.optional(Ids(500)),
	/** not-ready: every blocking requirement was only inferred, nothing was seen to fail directly */
	onlyInferred: v.optional(v.boolean()),
	/** degraded: why */
	limit: v.optional(v.picklist(LIMITS_OF_DEGRADED)),
	/** how many mandatory rules a browser cannot test (IT checks them by hand) */
	manualMandatory: v.optional(Count),
	/** unknown: why nothing decided */
	undecided: v.optional(v.picklist(UNDECIDED_BECAUSE)),
	/**
	 * ready at most "probably": a mandatory rule could not be tested while the same kind of traffic
	 * demonstrably failed in this run (the diagnosis cause that shows it)
	 */
	doubt: v.optional(v.picklist(CAUSES))
});

export const FindingSchema = v.object({
	cause: v.picklist(CAUSES),
	certainty: v.picklist(CERTAINTIES),
	/** the probes that show it */
	probes: v.pipe(v.array(ProbeUrlText), v.maxLength(200)),
	/** for dns-filtered: the domain families whose names did not resolve */
	domains: v.optional(v.pipe(v.array(Id), v.maxLength(50))),
	/** causes this evidence cannot be told apart from */
	alternatives: v.optional(v.pipe(v.array(v.picklist(CAUSES)), v.maxLength(10)))
});

export const DiagnosisSchema = v.object({
	findings: v.pipe(v.array(FindingSchema), v.maxLength(20)),
	/** median of the round trips measured in this run, ms */
	rttMs: v.optional(Ms)
});

export const CheckResultSchema = v.object({
	format: v.literal(RESULT_FORMAT),
	version: v.literal(RESULT_VERSION),
	startedAt: IsoDate,
	finishedAt: IsoDate,
	/** version of the data/ requirements the check used */
	dataVersion: Id,
	appVersion: Id,
	/** "Chrome 156" */
	browser: Id,
	webrtc: v.picklist(WEBRTC_SUPPORT),
	/** navigator.onLine when the check ended, where known */
	online: v.optional(v.boolean()),
	products: Ids(200),
	probes: v.pipe(v.array(ProbeResultSchema), v.maxLength(1000)),
	requirements: v.pipe(
		v.record(Id, RequirementResultSchema),
		v.check((r) => Object.keys(r).length <= 5000, 'too many requirements')
	),
	verdicts: v.pipe(
		v.record(Id, ProductResultSchema),
		v.check((r) => Object.keys(r).length <= 500, 'too many verdicts')
	),
	diagnosis: v.optional(DiagnosisSchema)
});

export type ProbeEvidence = v.InferOutput<typeof ProbeEvidenceSchema>;
export type ProbeResult = v.InferOutput<typeof ProbeResultSchema>;
export type RequirementResult = v.InferOutput<typeof RequirementResultSchema>;
export type ProductResult = v.InferOutput<typeof ProductResultSchema>;
export type Finding = v.InferOutput<typeof FindingSchema>;
export type Diagnosis = v.InferOutput<typeof DiagnosisSchema>;
export type CheckResult = v.InferOutput<typeof CheckResultSchema>;
export type LimitOfDegraded = (typeof LIMITS_OF_DEGRADED)[number];
export type UndecidedBecause = (typeof UNDECIDED_BECAUSE)[number];

// ------------------------------------------------------------------------------------ reading

export type ParsedResult = { ok: true; result: CheckResult } | { ok: false; problem: string };

function problemOf(issues: readonly v.BaseIssue<unknown>[]): string {
	const first = issues[0]!;
	const where = first.path?.map((p) => String(p.key)).join('.') ?? '';
	return `This result is damaged${where ? ` at ${where}` : ''}: ${first.message}`;
}

/**
 * Null-prototype copies of the id-keyed maps: ids come from outside, and "constructor" or
 * "__proto__" must index nothing but what the result holds.
 */
function withSafeMaps(result: CheckResult): CheckResult {
	const safe = <T>(record: Record<string, T>) =>
		Object.assign(Object.create(null) as Record<string, T>, record);
	// One probe per url: views key their lists by it, and a stored record may repeat one.
	const seen = new Set<string>();
	const probes = result.probes.filter((p) => !seen.has(p.url) && !!seen.add(p.url));
	return {
		...result,
		probes,
		products: [...new Set(result.products)],
		requirements: safe(result.requirements),
		verdicts: safe(result.verdicts)
	};
}

/** Strict: exactly this version's shape, to the leaves. Never throws. */
export function parseResult(input: unknown): ParsedResult {
	if (typeof input === 'object' && input !== null) {
		const o = input as { format?: unknown; version?: unknown };
		if (o.format !== RESULT_FORMAT) return { ok: false, problem: 'This is not a netready result.' };
		if (typeof o.version === 'number' && o.version > RESULT_VERSION)
			return {
				ok: false,
				problem: `This result was made by a newer netready (format version ${o.version}); this one reads version ${RESULT_VERSION}.`
			};
	} else return { ok: false, problem: 'This is not a netready result.' };
	const parsed = v.safeParse(CheckResultSchema, input);
	return parsed.success
		? { ok: true, result: withSafeMaps(parsed.output) }
		: { ok: false, problem: problemOf(parsed.issues) };
}

/** Own-property read of an id-keyed map: never Object.prototype's members. */
export function own<T>(record: Readonly<Record<string, T>>, id: string): T | undefined {
	return Object.hasOwn(record, id) ? record[id] : undefined;
}
