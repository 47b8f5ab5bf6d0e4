/**
 * A raw link body (wire.ts) made into a CheckResult against this site's catalog: positions become
 * ids and urls again where the catalog layout still matches (else the product is reported as
 * unmatched and only its verdict kept), every value is checked against its enumeration, and the
 * same lossy steps as the encoder's (prepare.ts) run on everything, so nothing reaches the page
 * that the app's own encoder could not have written. Id-keyed maps have no prototype.
 */
import {
	CAUSES,
	CERTAINTIES,
	REQUIREMENT_STATUSES,
	RESULT_FORMAT,
	RESULT_VERSION,
	VERDICTS,
	WEBRTC_SUPPORT,
	type CheckResult,
	type ProbeResult,
	type ProductResult,
	type RequirementResult
} from '$lib/result/result';
import {
	ID,
	INFERRED_WIRE,
	LIMITS,
	MAX_TIME_MS,
	isoFromMs,
	type ShareCatalog,
	type SharedResult,
	type TrimLevel
} from './format';
import { layoutOf, type ProductLayout } from './layout';
import {
	cleanFreeText,
	cleanProbeUrl,
	prepareDiagnosis,
	prepareProbe,
	prepareVerdict,
	unique,
	uniqueProbes
} from './prepare';
import type { RawBody } from './wire';
import { probeFacts } from './wire-probes';
import { factsOf, type RawId, type RawProbeRef, type RawSection } from './wire-sections';

/** Each section's product layout, where this catalog's product still matches the link's. */
function matchSections(
	sections: readonly RawSection[],
	catalog: ShareCatalog,
	unmatched: string[]
): (ProductLayout | undefined)[] {
	const layout = layoutOf(catalog);
	return sections.map((s) => {
		if (s.kind !== 0) return undefined;
		const pl = layout.byProduct.get(s.productId);
		if (pl && pl.fingerprint === s.fingerprint && pl.requirementIds.length === s.slots.length)
			return pl;
		if (ID.test(s.productId) && !unmatched.includes(s.productId)) unmatched.push(s.productId);
		return undefined;
	});
}

export function resolve(raw: RawBody, catalog: ShareCatalog): SharedResult {
	const trim = ((raw.flags >> 1) & 3) as TrimLevel;
	const publicAddressAllowed = (raw.flags & 1) === 1;
	const unmatchedProducts: string[] = [];
	const layouts = matchSections(raw.sections, catalog, unmatchedProducts);

	// Probes first: requirements refer to them by table position.
	let droppedProbes = 0;
	const table: (ProbeResult | undefined)[] = raw.probes.map((p) => {
		const url = 'url' in p.ref ? p.ref.url : layouts[p.ref.section]?.probeUrls[p.ref.index];
		const { kind, outcome } = probeFacts(p);
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
		unique(
			(refs ?? [])
				.map((ref) => ('url' in ref ? cleanProbeUrl(ref.url) : tableUrls[ref.table]))
				.filter((u): u is string => u !== undefined)
		);
	const present = new Set(tableUrls.filter((u) => u !== undefined));

	const requirements: Record<string, RequirementResult> = Object.create(null);
	const verdicts: CheckResult['verdicts'] = Object.create(null);
	const addRequirement = (id: string, code: number, probes: () => string[]) => {
		const status = REQUIREMENT_STATUSES[code & 7];
		const inferredOutcome = INFERRED_WIRE[(code >> 4) & 3];
		if (!status || code > 63 || !ID.test(id) || Object.hasOwn(requirements, id)) return;
		const entry: RequirementResult = { status, probes: probes() };
		if (inferredOutcome) entry.inferredOutcome = inferredOutcome;
		requirements[id] = entry;
	};
	raw.sections.forEach((s, si) => {
		const pl = layouts[si];
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
		// A product listed twice keeps its first verdict: a keyed list on the page needs one.
		if (verdict && ID.test(s.productId) && !Object.hasOwn(verdicts, s.productId)) {
			const entry: ProductResult = { verdict, blocking: ids(s.blocking) };
			if (s.alsoFailed) entry.alsoFailed = ids(s.alsoFailed);
			verdicts[s.productId] = prepareVerdict({ ...entry, ...factsOf(s.facts) });
		}
	});

	const result: CheckResult = {
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		startedAt: isoFromMs(raw.startMs),
		finishedAt: isoFromMs(Math.min(MAX_TIME_MS, raw.startMs + raw.durationMs)),
		dataVersion: cleanFreeText(raw.dataVersion, LIMITS.text.version),
		appVersion: cleanFreeText(raw.appVersion, LIMITS.text.version),
		browser: cleanFreeText(raw.browser, LIMITS.text.browser),
		webrtc: WEBRTC_SUPPORT[raw.webrtc] ?? 'unavailable',
		products: [...new Set(raw.products.filter((id) => ID.test(id)))],
		probes: uniqueProbes(table.filter((p) => p !== undefined)),
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
