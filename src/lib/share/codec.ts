/**
 * The permalink codec: a CheckResult in a URL fragment, compact enough that a check of every
 * product fits in a link of 2,000 characters. The layout is described in docs/permalink-format.md.
 *
 * Size comes from the catalog: requirements are sent as one status byte each, in the product's
 * catalog order, and probe urls as (product, index) references; each product section carries a
 * fingerprint of the catalog layout it was written against, so a link made with other data is
 * read as far as it still matches and never misread. A result holds facts only (words are made
 * when it is shown), so the link carries everything the result holds, evidence trimmed to fit.
 *
 * Version 2 adds each verdict's facts (why degraded, why unknown, …) and the diagnosis; version 1
 * links (made before) still decode, their verdicts without those facts.
 *
 * decodeShare never throws and never returns anything it has not validated.
 */
import { parseProbeUrl } from '$lib/data/probe-url';
import { cleanText, isPublicAddress, redactCredentials, redactText } from '$lib/result/privacy';
import {
	ADDRESS_FAMILIES,
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
	type CheckResult,
	type Diagnosis,
	type ProbeEvidence,
	type ProbeResult,
	type ProductResult,
	type RequirementResult
} from '$lib/result/result';
import { ByteReader, ByteWriter, crc32, fnv1a, fromBase64Url, toBase64Url } from './bytes';
import { compressionAvailable, deflateRaw, inflateRaw } from './compress';

/** The fragment parameter: /shared/#r=<payload>. */
export const SHARE_PARAM = 'r';
export const SHARE_VERSION = 2;
/** A whole link, origin and path included, must fit in this many characters. */
export const MAX_LINK_CHARS = 2000;
/** Room left for "https://host/path/shared/#r=": the payload must fit in what remains. */
export const DEFAULT_MAX_PAYLOAD = 1850;

const MAX_INFLATED = 256 * 1024;
const MAX_PAYLOAD_CHARS = 64 * 1024;

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
	text: { version: 64, browser: 80, detail: 200, iceText: 120, url: 300, candidate: 16 }
} as const;

const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const WEBRTC = WEBRTC_SUPPORT;
/** Index 0 stands for "absent" in every optional enumeration on the wire. */
const FAMILIES = [undefined, ...ADDRESS_FAMILIES] as const;
const INFERRED = [undefined, ...INFERRED_OUTCOMES] as const;
const LIMITS_WIRE = [undefined, ...LIMITS_OF_DEGRADED] as const;
const UNDECIDED_WIRE = [undefined, ...UNDECIDED_BECAUSE] as const;
const CAUSES_WIRE = [undefined, ...CAUSES] as const;

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
	| { ok: true; payload: string; trim: TrimLevel; publicAddress: boolean }
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

export type DecodeFailure =
	'empty' | 'malformed' | 'damaged' | 'future-version' | 'too-large' | 'unsupported';

export type DecodeOutcome =
	{ ok: true; shared: SharedResult } | { ok: false; reason: DecodeFailure; message: string };

const FAILURE_MESSAGES: Record<DecodeFailure, string> = {
	empty: 'This link does not contain a result.',
	malformed: 'This link is not a netready result link, or it was cut short when it was copied.',
	damaged:
		'This link is damaged: part of it is missing or was changed. Ask for the link to be sent again, copied in full.',
	'future-version':
		'This link was made by a newer version of netready. Reload the page to get the newest version, then open the link again.',
	'too-large': 'This link holds more data than a netready result can, so it was not opened.',
	unsupported:
		'This browser cannot unpack result links (it lacks CompressionStream). Open the link in a current browser.'
};

function fail(reason: DecodeFailure): DecodeOutcome {
	return { ok: false, reason, message: FAILURE_MESSAGES[reason] };
}

// ---------------------------------------------------------------------------------------------
// Catalog layout

interface ProductLayout {
	product: ShareProduct;
	requirementIds: string[];
	requirementIndex: Map<string, number>;
	/** each requirement's probe urls in catalog order */
	requirementProbes: string[][];
	probeUrls: string[];
	probeIndex: Map<string, number>;
	fingerprint: number;
}

interface CatalogLayout {
	byProduct: Map<string, ProductLayout>;
	ownerOfRequirement: Map<string, string>;
}

/** obj[key] only if it is the object's own property ("constructor" is a valid id). */
function own<T>(record: Record<string, T>, key: string): T | undefined {
	return Object.hasOwn(record, key) ? record[key] : undefined;
}

const layoutCache = new WeakMap<ShareCatalog, CatalogLayout>();

function layoutOf(catalog: ShareCatalog): CatalogLayout {
	const cached = layoutCache.get(catalog);
	if (cached) return cached;
	const byProduct = new Map<string, ProductLayout>();
	const ownerOfRequirement = new Map<string, string>();
	for (const product of catalog.products) {
		const requirementIds = product.requirements.map((r) => r.id);
		const requirementProbes = product.requirements.map((r) => {
			const targets =
				r.check.kind === 'probe' ? r.check.probes : r.check.kind === 'inferred' ? r.check.from : [];
			return [...new Set(targets.map((t) => t.url))];
		});
		const probeUrls = [...new Set(requirementProbes.flat())];
		const fingerprint = fnv1a(
			[
				product.id,
				requirementIds.join(' '),
				probeUrls.join(' '),
				requirementProbes.map((p) => p.length).join(',')
			].join('\n')
		);
		byProduct.set(product.id, {
			product,
			requirementIds,
			requirementIndex: new Map(requirementIds.map((id, i) => [id, i])),
			requirementProbes,
			probeUrls,
			probeIndex: new Map(probeUrls.map((u, i) => [u, i])),
			fingerprint
		});
		for (const id of requirementIds)
			if (!ownerOfRequirement.has(id)) ownerOfRequirement.set(id, product.id);
	}
	const layout = { byProduct, ownerOfRequirement };
	layoutCache.set(catalog, layout);
	return layout;
}

// ---------------------------------------------------------------------------------------------
// Preparing: every lossy step, so that decode(encode(r)) equals prepareForShare(r) exactly

function isoFromMs(ms: number): string {
	return new Date(ms).toISOString();
}

function msOf(iso: string): number {
	const ms = Date.parse(iso);
	return Number.isFinite(ms) && ms >= 0 && ms <= 8.64e15 ? ms : 0;
}

function cleanUint(n: number | undefined): number {
	return typeof n === 'number' && Number.isFinite(n) && n > 0
		? Math.min(Math.round(n), 2 ** 40)
		: 0;
}

/** Probe urls name public vendor destinations, so only credentials are stripped from them. */
function cleanProbeUrl(url: string): string | undefined {
	if (typeof url !== 'string') return undefined;
	const cleaned = cleanText(redactCredentials(url), LIMITS.text.url);
	return parseProbeUrl(cleaned) ? cleaned : undefined;
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
			.map((t) => cleanText(t, LIMITS.text.candidate))
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
			if (e.family && FAMILIES.includes(e.family)) error.family = e.family;
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

function prepareProbe(
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
	return ids.filter((id) => typeof id === 'string' && ID.test(id)).slice(0, LIMITS.blocking);
}

function prepareRequirement(r: RequirementResult): RequirementResult {
	const out: RequirementResult = {
		status: r.status,
		probes: r.probes
			.slice(0, LIMITS.probeRefsPerRequirement)
			.map(cleanProbeUrl)
			.filter((u) => u !== undefined)
	};
	if (r.inferredOutcome && INFERRED.includes(r.inferredOutcome))
		out.inferredOutcome = r.inferredOutcome;
	return out;
}

/** Ordered product ids that get a section: the selection, then verdicts, then requirement owners. */
function sectionProducts(result: CheckResult, layout: CatalogLayout): string[] {
	const ids: string[] = [];
	const add = (id: string) => {
		if (ID.test(id) && !ids.includes(id)) ids.push(id);
	};
	result.products.forEach(add);
	Object.keys(result.verdicts).forEach(add);
	for (const id of Object.keys(result.requirements)) {
		const owner = layout.ownerOfRequirement.get(id);
		if (owner) add(owner);
	}
	// One section is kept free for requirements no catalog product owns.
	return ids.slice(0, LIMITS.sections - 1);
}

/** The facts of a verdict a link carries, each checked against its enumeration. */
function prepareVerdict(v: ProductResult): ProductResult {
	const out: ProductResult = { verdict: v.verdict, blocking: prepareIds(v.blocking) };
	if (Array.isArray(v.alsoFailed)) out.alsoFailed = prepareIds(v.alsoFailed);
	if (v.onlyInferred === true) out.onlyInferred = true;
	if (v.limit && LIMITS_OF_DEGRADED.includes(v.limit)) out.limit = v.limit;
	if (typeof v.manualMandatory === 'number' && v.manualMandatory > 0)
		out.manualMandatory = Math.min(cleanUint(v.manualMandatory), 100_000);
	if (v.undecided && UNDECIDED_BECAUSE.includes(v.undecided)) out.undecided = v.undecided;
	if (v.doubt && CAUSES.includes(v.doubt)) out.doubt = v.doubt;
	return out;
}

function prepareDiagnosis(d: Diagnosis, probeUrls: ReadonlySet<string>): Diagnosis {
	const out: Diagnosis = {
		findings: d.findings
			.filter((f) => CAUSES.includes(f.cause) && CERTAINTIES.includes(f.certainty))
			.slice(0, LIMITS.findings)
			.map((f) => {
				const finding: Diagnosis['findings'][number] = {
					cause: f.cause,
					certainty: f.certainty,
					probes: f.probes.filter((u) => probeUrls.has(u)).slice(0, LIMITS.findingProbes)
				};
				const domains = (f.domains ?? []).filter((x) => ID.test(x)).slice(0, LIMITS.findingDomains);
				if (domains.length) finding.domains = domains;
				const alternatives = (f.alternatives ?? []).filter((c) => CAUSES.includes(c)).slice(0, 10);
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
	const probes = result.probes
		.slice(0, LIMITS.probes)
		.map((p) => prepareProbe(p, trim, includePublicAddress))
		.filter((p) => p !== undefined);
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
		dataVersion: cleanText(result.dataVersion, LIMITS.text.version),
		appVersion: cleanText(result.appVersion, LIMITS.text.version),
		browser: cleanText(result.browser, LIMITS.text.browser),
		webrtc: WEBRTC.includes(result.webrtc) ? result.webrtc : 'unavailable',
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

// ---------------------------------------------------------------------------------------------
// Encoding

function encodePrepared(
	result: CheckResult,
	catalog: ShareCatalog,
	trim: TrimLevel,
	publicAddress: boolean
): Uint8Array {
	const layout = layoutOf(catalog);
	const w = new ByteWriter();
	const startMs = msOf(result.startedAt);
	w.uint(startMs);
	w.uint(msOf(result.finishedAt) - startMs);
	w.string(result.dataVersion);
	w.string(result.appVersion);
	w.string(result.browser);
	w.byte(WEBRTC.indexOf(result.webrtc));
	w.byte((publicAddress ? 1 : 0) | (trim << 1));
	w.uint(result.products.length);
	result.products.forEach((p) => w.string(p));

	const probeTable = new Map<string, number>();
	result.probes.forEach((p, i) => {
		if (!probeTable.has(p.url)) probeTable.set(p.url, i);
	});
	const writeProbeRefs = (urls: readonly string[]) => {
		w.uint(urls.length);
		for (const url of urls) {
			const i = probeTable.get(url);
			if (i === undefined) {
				w.uint(0);
				w.string(url);
			} else w.uint(i + 1);
		}
	};
	const defaultProbes = (catalogUrls: readonly string[]) =>
		catalogUrls.filter((u) => probeTable.has(u));
	const sameList = (a: readonly string[], b: readonly string[]) =>
		a.length === b.length && a.every((x, i) => x === b[i]);
	const statusByte = (r: RequirementResult, custom: boolean) =>
		REQUIREMENT_STATUSES.indexOf(r.status) |
		(custom ? 8 : 0) |
		(INFERRED.indexOf(r.inferredOutcome) << 4);
	/** Requirement ids as catalog positions where the product's layout has them, else spelled out. */
	const writeIds = (ids: readonly string[], pl: ProductLayout | undefined) => {
		w.uint(ids.length);
		for (const id of ids) {
			const i = pl?.requirementIndex.get(id);
			if (i === undefined) {
				w.uint(0);
				w.string(id);
			} else w.uint(i + 1);
		}
	};
	const writeOptionalIds = (ids: readonly string[] | undefined, pl: ProductLayout | undefined) => {
		w.byte(ids ? 1 : 0);
		if (ids) writeIds(ids, pl);
	};
	/** A verdict's facts: one byte of flags and enumerations, the manual count, the doubt. */
	const writeFacts = (v: ProductResult | undefined) => {
		const manual = v?.manualMandatory ?? 0;
		w.byte(
			(v?.onlyInferred ? 1 : 0) |
				(LIMITS_WIRE.indexOf(v?.limit) << 1) |
				(UNDECIDED_WIRE.indexOf(v?.undecided) << 3) |
				(manual ? 64 : 0)
		);
		if (manual) w.uint(manual);
		w.byte(CAUSES_WIRE.indexOf(v?.doubt));
	};

	const sections = sectionProducts(result, layout);
	const claimed = new Set<string>();
	const orphans = Object.keys(result.requirements).filter(
		(id) => !sections.some((s) => layout.byProduct.get(s)?.requirementIndex.has(id))
	);
	const sectionCount = sections.length + (orphans.length ? 1 : 0);
	w.uint(sectionCount);
	const sectionLayouts: (ProductLayout | undefined)[] = [];
	for (const productId of sections) {
		const pl = layout.byProduct.get(productId);
		sectionLayouts.push(pl);
		w.string(productId);
		const verdict = own(result.verdicts, productId);
		w.byte(verdict ? VERDICTS.indexOf(verdict.verdict) : 255);
		writeFacts(verdict);
		if (!pl) {
			// A product this catalog does not know: only its verdict travels.
			w.byte(1);
			w.uint(0);
			writeIds(verdict?.blocking ?? [], undefined);
			writeOptionalIds(verdict?.alsoFailed, undefined);
			continue;
		}
		w.byte(0);
		w.u32(pl.fingerprint);
		w.uint(pl.requirementIds.length);
		pl.requirementIds.forEach((id, i) => {
			const r = claimed.has(id) ? undefined : own(result.requirements, id);
			if (!r) {
				w.byte(7);
				return;
			}
			claimed.add(id);
			const custom = !sameList(r.probes, defaultProbes(pl.requirementProbes[i] ?? []));
			w.byte(statusByte(r, custom));
			if (custom) writeProbeRefs(r.probes);
		});
		writeIds(verdict?.blocking ?? [], pl);
		writeOptionalIds(verdict?.alsoFailed, pl);
	}
	if (orphans.length) {
		sectionLayouts.push(undefined);
		w.string('');
		w.byte(255);
		writeFacts(undefined);
		w.byte(1);
		w.uint(orphans.length);
		for (const id of orphans) {
			const r = result.requirements[id]!;
			w.string(id);
			w.byte(statusByte(r, true));
			writeProbeRefs(r.probes);
		}
		writeIds([], undefined);
		writeOptionalIds(undefined, undefined);
	}

	w.uint(result.probes.length);
	for (const p of result.probes) {
		let ref: [number, number] | undefined;
		for (const [s, pl] of sectionLayouts.entries()) {
			const i = pl?.probeIndex.get(p.url);
			if (i !== undefined) {
				ref = [s, i];
				break;
			}
		}
		if (ref) {
			w.uint(ref[0] + 1);
			w.uint(ref[1]);
		} else {
			w.uint(0);
			w.string(p.url);
		}
		const e = p.evidence;
		const mask =
			(e.candidateTypes ? 1 : 0) |
			(e.publicAddress ? 2 : 0) |
			(e.iceErrors ? 4 : 0) |
			(e.httpStatus !== undefined ? 8 : 0) |
			(e.detail !== undefined ? 16 : 0);
		w.byte(
			PROBE_OUTCOMES.indexOf(p.outcome) |
				(PROBE_KINDS.indexOf(p.kind) << 3) |
				(p.rttMs !== undefined ? 32 : 0) |
				(mask ? 64 : 0)
		);
		w.uint(p.ms);
		if (p.rttMs !== undefined) w.uint(p.rttMs);
		if (!mask) continue;
		w.byte(mask);
		if (e.candidateTypes) {
			w.uint(e.candidateTypes.length);
			e.candidateTypes.forEach((t) => w.string(t));
		}
		if (e.publicAddress) w.string(e.publicAddress);
		if (e.iceErrors) {
			w.uint(e.iceErrors.length);
			for (const err of e.iceErrors) {
				w.uint(err.code);
				w.byte(FAMILIES.indexOf(err.family));
				w.string(err.text);
			}
		}
		if (e.httpStatus !== undefined) w.uint(e.httpStatus);
		if (e.detail !== undefined) w.string(e.detail);
	}
	// Version 2 tail: what the device said of its connection, and the diagnosis.
	w.byte(result.online === undefined ? 0 : result.online ? 2 : 1);
	const diagnosis = result.diagnosis;
	w.byte(diagnosis ? 1 : 0);
	if (diagnosis) {
		w.uint(diagnosis.rttMs === undefined ? 0 : diagnosis.rttMs + 1);
		w.uint(diagnosis.findings.length);
		for (const f of diagnosis.findings) {
			w.byte(CAUSES.indexOf(f.cause));
			w.byte(CERTAINTIES.indexOf(f.certainty));
			const refs = f.probes.map((u) => probeTable.get(u)).filter((i) => i !== undefined);
			w.uint(refs.length);
			refs.forEach((i) => w.uint(i));
			w.uint(f.domains?.length ?? 0);
			f.domains?.forEach((d) => w.string(d));
			w.uint(f.alternatives?.length ?? 0);
			f.alternatives?.forEach((c) => w.byte(CAUSES.indexOf(c)));
		}
	}
	const body = w.bytes();
	const out = new Uint8Array(body.length + 4);
	out.set(body);
	const crc = crc32(body);
	out.set([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, (crc >>> 24) & 0xff], body.length);
	return out;
}

/**
 * A result as the text after "#r=". Evidence is trimmed step by step until the payload fits
 * maxChars; the outcome says how much was left out, so the page can say so.
 */
export async function encodeShare(
	result: CheckResult,
	catalog: ShareCatalog,
	options: EncodeOptions = {}
): Promise<EncodeOutcome> {
	if (!compressionAvailable())
		return { ok: false, reason: 'unsupported', message: FAILURE_MESSAGES.unsupported };
	const maxChars = options.maxChars ?? DEFAULT_MAX_PAYLOAD;
	const publicAddress = options.includePublicAddress ?? false;
	let length = 0;
	for (const trim of [0, 1, 2, 3] as const) {
		const prepared = prepareForShare(result, catalog, {
			includePublicAddress: publicAddress,
			trim
		});
		const bytes = encodePrepared(prepared, catalog, trim, publicAddress);
		const payload = `${SHARE_VERSION}.${toBase64Url(await deflateRaw(bytes))}`;
		length = payload.length;
		if (payload.length <= maxChars) {
			const hasAddress = prepared.probes.some((p) => p.evidence.publicAddress !== undefined);
			return { ok: true, payload, trim, publicAddress: hasAddress };
		}
	}
	return {
		ok: false,
		reason: 'too-large',
		length,
		message: `This result is too large for a link (${length} characters). Export it as a file instead.`
	};
}

// ---------------------------------------------------------------------------------------------
// Decoding

interface RawRequirement {
	/** status index | 8 if a custom probe list follows | inferred outcome index << 4 */
	code: number;
	custom?: RawProbeRef[];
}
type RawId = { index: number } | { id: string };
type RawProbeRef = { table: number } | { url: string };
interface RawFacts {
	flags: number;
	manual: number;
	doubt: number;
}
interface RawFinding {
	cause: number;
	certainty: number;
	probes: number[];
	domains: string[];
	alternatives: number[];
}
interface RawSection {
	productId: string;
	verdict: number;
	facts?: RawFacts;
	kind: number;
	fingerprint: number;
	/** indexed sections: one slot per catalog requirement */
	slots: RawRequirement[];
	/** literal sections: requirement ids spelled out */
	literal: (RawRequirement & { id: string })[];
	blocking: RawId[];
	alsoFailed?: RawId[];
}
interface RawProbe {
	ref: { section: number; index: number } | { url: string };
	flags: number;
	ms: number;
	rttMs?: number;
	evidence: ProbeEvidence;
}

function readProbeRefs(r: ByteReader): RawProbeRef[] {
	const n = r.count(LIMITS.probeRefsPerRequirement);
	const refs: RawProbeRef[] = [];
	for (let i = 0; i < n && r.ok; i++) {
		const t = r.uint(LIMITS.probes);
		refs.push(t === 0 ? { url: r.string() } : { table: t - 1 });
	}
	return refs;
}

function readIds(r: ByteReader): RawId[] {
	const n = r.count(LIMITS.blocking);
	const ids: RawId[] = [];
	for (let i = 0; i < n && r.ok; i++) {
		const t = r.uint(LIMITS.requirementsPerSection);
		ids.push(t === 0 ? { id: r.string() } : { index: t - 1 });
	}
	return ids;
}

function readOptionalIds(r: ByteReader): RawId[] | undefined {
	const present = r.byte();
	if (present > 1) r.problem ??= 'bad list marker';
	return present === 1 ? readIds(r) : undefined;
}

function readFacts(r: ByteReader): RawFacts {
	const flags = r.byte();
	if (flags & 128) r.problem ??= 'unknown verdict facts';
	const manual = flags & 64 ? r.uint(100_000) : 0;
	return { flags, manual, doubt: r.byte() };
}

function readFindings(r: ByteReader): RawFinding[] {
	const findings: RawFinding[] = [];
	const n = r.count(LIMITS.findings);
	for (let i = 0; i < n && r.ok; i++) {
		const finding: RawFinding = {
			cause: r.byte(),
			certainty: r.byte(),
			probes: [],
			domains: [],
			alternatives: []
		};
		const probes = r.count(LIMITS.findingProbes);
		for (let k = 0; k < probes && r.ok; k++) finding.probes.push(r.uint(LIMITS.probes));
		const domains = r.count(LIMITS.findingDomains);
		for (let k = 0; k < domains && r.ok; k++) finding.domains.push(r.string());
		const alternatives = r.count(10);
		for (let k = 0; k < alternatives && r.ok; k++) finding.alternatives.push(r.byte());
		findings.push(finding);
	}
	return findings;
}

function readBody(r: ByteReader, version: number) {
	const startMs = r.uint(8.64e15);
	const durationMs = r.uint(8.64e15);
	const dataVersion = r.string();
	const appVersion = r.string();
	const browser = r.string();
	const webrtc = r.byte();
	const flags = r.byte();
	const products: string[] = [];
	const productCount = r.count(LIMITS.products);
	for (let i = 0; i < productCount && r.ok; i++) products.push(r.string());

	const sections: RawSection[] = [];
	const sectionCount = r.count(LIMITS.sections);
	for (let s = 0; s < sectionCount && r.ok; s++) {
		const productId = r.string();
		const verdict = r.byte();
		const facts = version >= 2 ? readFacts(r) : undefined;
		const section: RawSection = {
			productId,
			verdict,
			facts,
			kind: r.byte(),
			fingerprint: 0,
			slots: [],
			literal: [],
			blocking: []
		};
		if (section.kind === 0) {
			section.fingerprint = r.u32();
			const n = r.count(LIMITS.requirementsPerSection);
			for (let i = 0; i < n && r.ok; i++) {
				const code = r.byte();
				section.slots.push(code & 8 ? { code, custom: readProbeRefs(r) } : { code });
			}
			section.blocking = readIds(r);
			section.alsoFailed = readOptionalIds(r);
		} else if (section.kind === 1) {
			const n = r.count(LIMITS.requirementsPerSection);
			for (let i = 0; i < n && r.ok; i++) {
				const id = r.string();
				const code = r.byte();
				section.literal.push({ id, code, custom: readProbeRefs(r) });
			}
			section.blocking = readIds(r);
			section.alsoFailed = readOptionalIds(r);
		} else {
			r.problem ??= 'unknown section kind';
		}
		sections.push(section);
	}

	const probes: RawProbe[] = [];
	const probeCount = r.count(LIMITS.probes);
	for (let i = 0; i < probeCount && r.ok; i++) {
		const s = r.uint(LIMITS.sections);
		const ref = s === 0 ? { url: r.string() } : { section: s - 1, index: r.uint(LIMITS.probes) };
		const flags = r.byte();
		const probe: RawProbe = { ref, flags, ms: r.uint(2 ** 40), evidence: {} };
		if (flags & 32) probe.rttMs = r.uint(2 ** 40);
		if (flags & 64) {
			const mask = r.byte();
			const e = probe.evidence;
			if (mask & 1) {
				const n = r.count(LIMITS.candidateTypes);
				e.candidateTypes = [];
				for (let k = 0; k < n && r.ok; k++) e.candidateTypes.push(r.string());
			}
			if (mask & 2) e.publicAddress = r.string();
			if (mask & 4) {
				const n = r.count(LIMITS.iceErrors);
				e.iceErrors = [];
				for (let k = 0; k < n && r.ok; k++) {
					const code = r.uint(2 ** 40);
					const family = FAMILIES[r.byte()];
					const text = r.string();
					e.iceErrors.push(family ? { code, text, family } : { code, text });
				}
			}
			if (mask & 8) e.httpStatus = r.uint(2 ** 40);
			if (mask & 16) e.detail = r.string();
		}
		probes.push(probe);
	}
	let online: boolean | undefined;
	let diagnosis: { rttMs?: number; findings: RawFinding[] } | undefined;
	if (version >= 2) {
		const onlineCode = r.byte();
		if (onlineCode > 2) r.problem ??= 'bad online marker';
		online = onlineCode === 0 ? undefined : onlineCode === 2;
		const hasDiagnosis = r.byte();
		if (hasDiagnosis > 1) r.problem ??= 'bad diagnosis marker';
		if (hasDiagnosis === 1) {
			const rtt = r.uint(86_400_001);
			diagnosis = { findings: readFindings(r), ...(rtt ? { rttMs: rtt - 1 } : {}) };
		}
	}
	return {
		online,
		diagnosis,
		startMs,
		durationMs,
		dataVersion,
		appVersion,
		browser,
		webrtc,
		flags,
		products,
		sections,
		probes
	};
}

/** Reads the payload after "#r=" (or a whole fragment/URL containing it). Never throws. */
export async function decodeShare(input: string, catalog: ShareCatalog): Promise<DecodeOutcome> {
	try {
		return await decodeShareStrict(input, catalog);
	} catch {
		// Every path below is meant to return, not throw; this keeps that promise if one does not.
		return fail('malformed');
	}
}

function payloadOf(input: string): string {
	let text = String(input ?? '').trim();
	const hash = text.indexOf('#');
	if (hash >= 0) text = text.slice(hash + 1);
	if (text.includes('=')) {
		const params = new URLSearchParams(text);
		text = params.get(SHARE_PARAM) ?? '';
	}
	return text.trim();
}

/** decodeShare without the catch-all, so the fuzz test can see any exception that would escape. */
export async function decodeShareStrict(
	input: string,
	catalog: ShareCatalog
): Promise<DecodeOutcome> {
	const payload = payloadOf(input);
	if (payload === '') return fail('empty');
	if (payload.length > MAX_PAYLOAD_CHARS) return fail('too-large');
	const dot = payload.indexOf('.');
	if (dot <= 0) return fail('malformed');
	const versionText = payload.slice(0, dot);
	if (!/^\d{1,6}$/.test(versionText)) return fail('malformed');
	const version = Number(versionText);
	if (version > SHARE_VERSION) return fail('future-version');
	if (version < 1) return fail('malformed');
	const compressed = fromBase64Url(payload.slice(dot + 1));
	if (!compressed || compressed.length === 0) return fail('malformed');
	if (!compressionAvailable()) return fail('unsupported');
	const inflated = await inflateRaw(compressed, MAX_INFLATED);
	if (!inflated.ok) return fail(inflated.reason === 'too-large' ? 'too-large' : 'damaged');
	const bytes = inflated.bytes;
	if (bytes.length < 5) return fail('damaged');
	const body = bytes.subarray(0, bytes.length - 4);
	const tail = bytes.subarray(bytes.length - 4);
	const stored =
		((tail[0] ?? 0) | ((tail[1] ?? 0) << 8) | ((tail[2] ?? 0) << 16) | ((tail[3] ?? 0) << 24)) >>>
		0;
	if (stored !== crc32(body)) return fail('damaged');
	const reader = new ByteReader(body);
	const raw = readBody(reader, version);
	if (!reader.ok || reader.remaining !== 0) return fail('damaged');
	return { ok: true, shared: resolve(raw, catalog) };
}

function factsOf(facts: RawFacts | undefined): Partial<ProductResult> {
	if (!facts) return {};
	const out: Partial<ProductResult> = {};
	if (facts.flags & 1) out.onlyInferred = true;
	const limit = LIMITS_WIRE[(facts.flags >> 1) & 3];
	if (limit) out.limit = limit;
	const undecided = UNDECIDED_WIRE[(facts.flags >> 3) & 7];
	if (undecided) out.undecided = undecided;
	if (facts.manual) out.manualMandatory = facts.manual;
	const doubt = CAUSES_WIRE[facts.doubt];
	if (doubt) out.doubt = doubt;
	return out;
}

function resolve(raw: ReturnType<typeof readBody>, catalog: ShareCatalog): SharedResult {
	const layout = layoutOf(catalog);
	const trim = ((raw.flags >> 1) & 3) as TrimLevel;
	const publicAddressAllowed = (raw.flags & 1) === 1;
	const unmatchedProducts: string[] = [];
	const sectionLayouts = raw.sections.map((s) => {
		if (s.kind !== 0) return undefined;
		const pl = layout.byProduct.get(s.productId);
		if (pl && pl.fingerprint === s.fingerprint && pl.requirementIds.length === s.slots.length)
			return pl;
		if (ID.test(s.productId) && !unmatchedProducts.includes(s.productId))
			unmatchedProducts.push(s.productId);
		return undefined;
	});

	// Probes first: requirements refer to them by table position.
	let droppedProbes = 0;
	const table: (ProbeResult | undefined)[] = raw.probes.map((p) => {
		let url: string | undefined;
		if ('url' in p.ref) url = p.ref.url;
		else url = sectionLayouts[p.ref.section]?.probeUrls[p.ref.index];
		const kind = PROBE_KINDS[(p.flags >> 3) & 3];
		const outcome = PROBE_OUTCOMES[p.flags & 7];
		const probe =
			url !== undefined && kind && outcome
				? prepareProbe(
						{ url, kind, outcome, ms: p.ms, rttMs: p.rttMs, evidence: p.evidence },
						trim,
						publicAddressAllowed
					)
				: undefined;
		if (!probe) droppedProbes++;
		if (probe && p.rttMs === undefined) delete probe.rttMs;
		return probe;
	});
	const tableUrls = table.map((p) => p?.url);
	const refsToUrls = (refs: RawProbeRef[] | undefined) =>
		(refs ?? [])
			.map((ref) => ('url' in ref ? cleanProbeUrl(ref.url) : tableUrls[ref.table]))
			.filter((u): u is string => u !== undefined);
	const present = new Set(tableUrls.filter((u) => u !== undefined));

	const requirements: Record<string, RequirementResult> = Object.create(null);
	const verdicts: CheckResult['verdicts'] = Object.create(null);
	const addRequirement = (id: string, code: number, probes: () => string[]) => {
		const status = REQUIREMENT_STATUSES[code & 7];
		const inferredOutcome = INFERRED[(code >> 4) & 3];
		if (!status || code > 63 || !ID.test(id) || Object.hasOwn(requirements, id)) return;
		const entry: RequirementResult = { status, probes: probes() };
		if (inferredOutcome) entry.inferredOutcome = inferredOutcome;
		requirements[id] = entry;
	};
	raw.sections.forEach((s, si) => {
		const pl = sectionLayouts[si];
		if (pl) {
			s.slots.forEach((slot, i) => {
				const id = pl.requirementIds[i];
				if (id === undefined) return;
				addRequirement(id, slot.code, () =>
					slot.custom
						? refsToUrls(slot.custom)
						: (pl.requirementProbes[i] ?? []).filter((u) => present.has(u))
				);
			});
		} else if (s.kind === 1) {
			for (const entry of s.literal)
				addRequirement(entry.id, entry.code & ~8, () => refsToUrls(entry.custom));
		}
		const ids = (list: RawId[]) =>
			list
				.map((b) => ('id' in b ? b.id : pl?.requirementIds[b.index]))
				.filter((id): id is string => id !== undefined && ID.test(id));
		const verdict = VERDICTS[s.verdict];
		if (verdict && ID.test(s.productId) && !Object.hasOwn(verdicts, s.productId)) {
			const entry: ProductResult = { verdict, blocking: ids(s.blocking) };
			if (s.alsoFailed) entry.alsoFailed = ids(s.alsoFailed);
			verdicts[s.productId] = prepareVerdict({ ...entry, ...factsOf(s.facts) });
		}
	});

	const startMs = raw.startMs;
	const result: CheckResult = {
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		startedAt: isoFromMs(startMs),
		finishedAt: isoFromMs(Math.min(8.64e15, startMs + raw.durationMs)),
		dataVersion: cleanText(raw.dataVersion, LIMITS.text.version),
		appVersion: cleanText(raw.appVersion, LIMITS.text.version),
		browser: cleanText(raw.browser, LIMITS.text.browser),
		webrtc: WEBRTC[raw.webrtc] ?? 'unavailable',
		products: [...new Set(raw.products.filter((id) => ID.test(id)))],
		probes: table.filter((p) => p !== undefined),
		requirements,
		verdicts
	};
	if (raw.online !== undefined) result.online = raw.online;
	if (raw.diagnosis) {
		const findings = raw.diagnosis.findings.flatMap((f) => {
			const cause = CAUSES[f.cause];
			const certainty = CERTAINTIES[f.certainty];
			if (!cause || !certainty) return [];
			return [
				{
					cause,
					certainty,
					probes: f.probes.map((i) => tableUrls[i]).filter((u): u is string => u !== undefined),
					domains: f.domains,
					alternatives: f.alternatives.map((c) => CAUSES[c]).filter((c) => c !== undefined)
				}
			];
		});
		const rtt = raw.diagnosis.rttMs;
		result.diagnosis = prepareDiagnosis(
			{ findings, ...(rtt !== undefined ? { rttMs: rtt } : {}) },
			present
		);
	}
	return {
		result,
		trim,
		publicAddress: result.probes.some((p) => p.evidence.publicAddress !== undefined),
		unmatchedProducts,
		droppedProbes
	};
}
