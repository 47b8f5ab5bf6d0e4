/**
 * The result of a check: what every probe saw, what that means for every requirement, and the
 * verdict for every product. This is the versioned JSON format documented in docs/result-format.md,
 * the shape saved in history, encoded into permalinks and read by the end-to-end tests.
 */

export const RESULT_FORMAT = 'netready-result';
export const RESULT_VERSION = 1;

/** The fixed vocabulary of requirement statuses. */
export const REQUIREMENT_STATUSES = [
	'passed',
	'failed',
	'partial',
	'inferred',
	'manual',
	'not-run'
] as const;
export type RequirementStatus = (typeof REQUIREMENT_STATUSES)[number];

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

/** Evidence kept with a probe, for the IT view. Local (host) addresses are never kept. */
export interface ProbeEvidence {
	/** ICE candidate types seen: host candidates are counted, never stored */
	candidateTypes?: string[];
	/** server-reflexive address: the public IP as the STUN server saw it; stripped from shares unless opted in */
	publicAddress?: string;
	/** icecandidateerror codes and texts, per address family where known */
	iceErrors?: { code: number; text: string; family?: 'ipv4' | 'ipv6' | 'unknown' }[];
	/** HTTP status where readable (opaque no-cors responses have none) */
	httpStatus?: number;
	/** a short human-readable detail, e.g. "WebSocket closed with code 1006 after 34 ms" */
	detail?: string;
}

export interface ProbeResult {
	/** the probe target url; also its identity */
	url: string;
	kind: 'stun' | 'turn' | 'https' | 'wss';
	outcome: ProbeOutcome;
	/** milliseconds from start to the outcome */
	ms: number;
	/** round trip where measurable (STUN binding), ms */
	rttMs?: number;
	evidence: ProbeEvidence;
}

export interface RequirementResult {
	status: RequirementStatus;
	/** the urls of the probes this status rests on */
	probes: string[];
	/** one line for IT: why this status */
	reason: string;
	/**
	 * Only with status "inferred": which way the inference points. "open" when a probe it rests on
	 * passed, "blocked" when they all failed, "unknown" when none decided. Added in version 1, optional.
	 */
	inferredOutcome?: 'open' | 'blocked' | 'unknown';
}

export const VERDICTS = ['ready', 'degraded', 'not-ready', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface ProductResult {
	verdict: Verdict;
	/** one plain-language sentence for a clinician or patient */
	headline: string;
	/** what to do next, plainly: "Try mobile data", "Send this link to IT" */
	advice: string[];
	/** ids of mandatory requirements that failed (for not-ready) or fell back (for degraded) */
	blocking: string[];
	/**
	 * ids of recommended or optional requirements that failed or partly failed: reported, never
	 * blocking. Added in version 1, optional.
	 */
	alsoFailed?: string[];
}

export interface CheckResult {
	format: typeof RESULT_FORMAT;
	version: typeof RESULT_VERSION;
	/** ISO timestamps */
	startedAt: string;
	finishedAt: string;
	/** version of the data/ requirements the check used */
	dataVersion: string;
	appVersion: string;
	/** user agent summary, e.g. "Chrome 156" */
	browser: string;
	/** whether the browser offered RTCPeerConnection with icecandidateerror */
	webrtc: 'full' | 'no-error-events' | 'unavailable';
	products: string[];
	probes: ProbeResult[];
	requirements: Record<string, RequirementResult>;
	verdicts: Record<string, ProductResult>;
}
