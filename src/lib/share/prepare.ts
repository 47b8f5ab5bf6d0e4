/**
 * Every lossy step between a result and its link, in one place, so that
 * decode(encode(r)) equals prepareForShare(r) exactly: addresses and credentials scrubbed, texts
 * cleaned and capped, ids held to the catalog's rule, lists de-duplicated and bounded, values off
 * their enumeration dropped, evidence trimmed to the level asked for. The decoder runs the same
 * steps on what it reads, so a hand-made link gets no further than the app's own encoder.
 */
import { parseProbeUrl } from '$lib/data/probe-url';
import {
	cleanText,
	holdsLocalAddress,
	isPublicAddress,
	isShareableHost,
	redactCredentials,
	redactText
} from '$lib/result/privacy';
import {
	CAUSES,
	CERTAINTIES,
	INFERRED_OUTCOMES,
	LIMITS_OF_DEGRADED,
	PROBE_KINDS,
	PROBE_OUTCOMES,
	REQUIREMENT_STATUSES,
	RESULT_FORMAT,
	RESULT_VERSION,
	UNDECIDED_BECAUSE,
	VERDICTS,
	WEBRTC_SUPPORT,
	ADDRESS_FAMILIES,
	own,
	type CheckResult,
	type Diagnosis,
	type ProbeEvidence,
	type ProbeResult,
	type ProductResult,
	type RequirementResult
} from '$lib/result/result';
import {
	ID,
	LIMITS,
	cleanUint,
	isoFromMs,
	msOf,
	type ShareCatalog,
	type TrimLevel
} from './format';
import { layoutOf, sectionProducts } from './layout';

/**
 * Each item once, first place kept: a link may list a probe, an id or a url twice, and the page's
 * keyed lists need each once.
 */
export function unique<T>(items: readonly T[]): T[] {
	return [...new Set(items)];
}

/** Each probe once (by url), the first kept. */
export function uniqueProbes(probes: readonly ProbeResult[]): ProbeResult[] {
	const seen = new Set<string>();
	return probes.filter((p) => !seen.has(p.url) && seen.add(p.url));
}

/**
 * Probe urls name public vendor destinations: credentials are stripped from them, and a url that
 * names a local address (as its host, in any spelling, or anywhere in it) is left out whole.
 */
export function cleanProbeUrl(url: string): string | undefined {
	if (typeof url !== 'string') return undefined;
	const known = cleanedUrls.get(url);
	if (known !== undefined || cleanedUrls.has(url)) return known;
	const cleaned = cleanText(redactCredentials(url), LIMITS.text.url);
	const parsed = parseProbeUrl(cleaned);
	const out =
		parsed && isShareableHost(parsed.host) && !holdsLocalAddress(cleaned) ? cleaned : undefined;
	// The same few dozen urls come by for every requirement and every trim level.
	if (cleanedUrls.size >= 4096) cleanedUrls.clear();
	cleanedUrls.set(url, out);
	return out;
}

const cleanedUrls = new Map<string, string | undefined>();

/** Any other text a link carries: scrubbed as probe details are, cleaned and capped. */
export function cleanFreeText(text: string, max: number): string {
	return cleanText(redactText(String(text ?? '')), max);
}

function prepareEvidence(
	evidence: ProbeEvidence,
	trim: TrimLevel,
	includePublicAddress: boolean
): ProbeEvidence {
	const out: ProbeEvidence = {};
	if (trim >= 3) return out;
	if (evidence.candidateTypes?.length) {
		const types = evidence.candidateTypes
			.slice(0, LIMITS.candidateTypes)
			.map((t) => cleanFreeText(t, LIMITS.text.candidate))
			.filter((t) => t !== '');
		if (types.length) out.candidateTypes = types;
	}
	if (includePublicAddress && evidence.publicAddress) {
		const address = evidence.publicAddress.trim();
		if (isPublicAddress(address)) out.publicAddress = address;
	}
	if (evidence.iceErrors?.length) {
		out.iceErrors = evidence.iceErrors.slice(0, LIMITS.iceErrors).map((e) => {
			const error: NonNullable<ProbeEvidence['iceErrors']>[number] = {
				code: cleanUint(e.code),
				text: trim >= 2 ? '' : cleanText(redactText(e.text ?? ''), LIMITS.text.iceText)
			};
			if (e.family && ADDRESS_FAMILIES.includes(e.family)) error.family = e.family;
			return error;
		});
	}
	if (typeof evidence.httpStatus === 'number' && evidence.httpStatus > 0)
		out.httpStatus = cleanUint(evidence.httpStatus);
	if (trim < 1 && evidence.detail) {
		const detail = cleanText(redactText(evidence.detail), LIMITS.text.detail);
		if (detail) out.detail = detail;
	}
	return out;
}

export function prepareProbe(
	probe: ProbeResult,
	trim: TrimLevel,
	includePublicAddress: boolean
): ProbeResult | undefined {
	const url = cleanProbeUrl(probe.url);
	if (!url || !PROBE_KINDS.includes(probe.kind) || !PROBE_OUTCOMES.includes(probe.outcome))
		return undefined;
	const out: ProbeResult = {
		url,
		kind: probe.kind,
		outcome: probe.outcome,
		ms: cleanUint(probe.ms),
		evidence: prepareEvidence(probe.evidence ?? {}, trim, includePublicAddress)
	};
	if (trim < 3 && typeof probe.rttMs === 'number' && Number.isFinite(probe.rttMs))
		out.rttMs = cleanUint(probe.rttMs);
	return out;
}

function prepareIds(ids: readonly string[]): string[] {
	return unique(ids.filter((id) => typeof id === 'string' && ID.test(id))).slice(
		0,
		LIMITS.blocking
	);
}

function prepareRequirement(r: RequirementResult): RequirementResult {
	const out: RequirementResult = {
		status: r.status,
		probes: unique(
			r.probes
				.slice(0, LIMITS.probeRefsPerRequirement)
				.map(cleanProbeUrl)
				.filter((u) => u !== undefined)
		)
	};
	if (r.inferredOutcome && INFERRED_OUTCOMES.includes(r.inferredOutcome))
		out.inferredOutcome = r.inferredOutcome;
	return out;
}

/** The facts of a verdict a link carries, each checked against its enumeration. */
export function prepareVerdict(v: ProductResult): ProductResult {
	const out: ProductResult = { verdict: v.verdict, blocking: prepareIds(v.blocking) };
	if (Array.isArray(v.alsoFailed)) out.alsoFailed = prepareIds(v.alsoFailed);
	if (v.onlyInferred === true) out.onlyInferred = true;
	if (v.limit && LIMITS_OF_DEGRADED.includes(v.limit)) out.limit = v.limit;
	if (typeof v.manualMandatory === 'number' && v.manualMandatory > 0)
		out.manualMandatory = Math.min(cleanUint(v.manualMandatory), LIMITS.manualMandatory);
	if (v.undecided && UNDECIDED_BECAUSE.includes(v.undecided)) out.undecided = v.undecided;
	if (v.doubt && CAUSES.includes(v.doubt)) out.doubt = v.doubt;
	return out;
}

export function prepareDiagnosis(d: Diagnosis, probeUrls: ReadonlySet<string>): Diagnosis {
	const out: Diagnosis = {
		findings: d.findings
			.filter((f) => CAUSES.includes(f.cause) && CERTAINTIES.includes(f.certainty))
			.slice(0, LIMITS.findings)
			.map((f) => {
				const finding: Diagnosis['findings'][number] = {
					cause: f.cause,
					certainty: f.certainty,
					probes: unique(f.probes.filter((u) => probeUrls.has(u))).slice(0, LIMITS.findingProbes)
				};
				const domains = unique((f.domains ?? []).filter((x) => ID.test(x))).slice(
					0,
					LIMITS.findingDomains
				);
				if (domains.length) finding.domains = domains;
				const alternatives = unique((f.alternatives ?? []).filter((c) => CAUSES.includes(c))).slice(
					0,
					LIMITS.alternatives
				);
				if (alternatives.length) finding.alternatives = alternatives;
				return finding;
			})
	};
	if (typeof d.rttMs === 'number' && d.rttMs >= 0) out.rttMs = cleanUint(d.rttMs);
	return out;
}

/**
 * The result exactly as it will read after a round trip through a link: addresses and
 * credentials scrubbed, evidence trimmed to the level given.
 */
export function prepareForShare(
	result: CheckResult,
	catalog: ShareCatalog,
	options: { includePublicAddress?: boolean; trim?: TrimLevel } = {}
): CheckResult {
	const trim = options.trim ?? 0;
	const includePublicAddress = options.includePublicAddress ?? false;
	const layout = layoutOf(catalog);
	const startMs = msOf(result.startedAt);
	const finishMs = Math.max(startMs, msOf(result.finishedAt));
	const probes = uniqueProbes(
		result.probes
			.slice(0, LIMITS.probes)
			.map((p) => prepareProbe(p, trim, includePublicAddress))
			.filter((p) => p !== undefined)
	);
	const sections = sectionProducts(result, layout);
	const requirements: Record<string, RequirementResult> = Object.create(null);
	const orphanIds: string[] = [];
	const sectioned = new Set<string>();
	for (const productId of sections) {
		const pl = layout.byProduct.get(productId);
		if (!pl) continue;
		for (const id of pl.requirementIds) {
			const r = own(result.requirements, id);
			if (!r || sectioned.has(id) || !REQUIREMENT_STATUSES.includes(r.status)) continue;
			sectioned.add(id);
			requirements[id] = prepareRequirement(r);
		}
	}
	for (const [id, r] of Object.entries(result.requirements)) {
		if (sectioned.has(id) || !ID.test(id) || !REQUIREMENT_STATUSES.includes(r.status)) continue;
		if (orphanIds.length >= LIMITS.requirementsPerSection) break;
		orphanIds.push(id);
		requirements[id] = prepareRequirement(r);
	}
	const verdicts: CheckResult['verdicts'] = Object.create(null);
	for (const productId of sections) {
		const v = own(result.verdicts, productId);
		if (!v || !VERDICTS.includes(v.verdict)) continue;
		verdicts[productId] = prepareVerdict(v);
	}
	const prepared: CheckResult = {
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		startedAt: isoFromMs(startMs),
		finishedAt: isoFromMs(finishMs),
		dataVersion: cleanFreeText(result.dataVersion, LIMITS.text.version),
		appVersion: cleanFreeText(result.appVersion, LIMITS.text.version),
		browser: cleanFreeText(result.browser, LIMITS.text.browser),
		webrtc: WEBRTC_SUPPORT.includes(result.webrtc) ? result.webrtc : 'unavailable',
		products: [...new Set(result.products.filter((id) => ID.test(id)))].slice(0, LIMITS.products),
		probes,
		requirements,
		verdicts
	};
	if (typeof result.online === 'boolean') prepared.online = result.online;
	if (result.diagnosis)
		prepared.diagnosis = prepareDiagnosis(result.diagnosis, new Set(probes.map((p) => p.url)));
	return prepared;
}
