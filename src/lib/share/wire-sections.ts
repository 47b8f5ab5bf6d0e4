/**
 * The product sections of a link body, each field's writer beside its reader: a verdict with its
 * facts, and the product's requirements as one status byte each in catalog order (an indexed
 * section) or spelled out (a literal section, for products and requirements the catalog lacks).
 * docs/permalink-format.md describes the bytes.
 */
import {
	REQUIREMENT_STATUSES,
	VERDICTS,
	own,
	type CheckResult,
	type ProductResult,
	type RequirementResult
} from '$lib/result/result';
import type { ByteReader, ByteWriter } from './bytes';
import { CAUSES_WIRE, INFERRED_WIRE, LIMITS, LIMITS_WIRE, UNDECIDED_WIRE } from './format';
import { sectionProducts, type CatalogLayout, type ProductLayout } from './layout';

/** A requirement id: a position in the section's product (`index`), or spelled out. */
export type RawId = { index: number } | { id: string };
/** A probe url: a position in the link's probe table, or spelled out. */
export type RawProbeRef = { table: number } | { url: string };

export interface RawRequirement {
	/** status index | 8 if a custom probe list follows | inferred outcome index << 4 */
	code: number;
	custom?: RawProbeRef[];
}
export interface RawFacts {
	flags: number;
	manual: number;
	doubt: number;
}
export interface RawSection {
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

/** The probe table: each distinct url's first position in result.probes. */
export type ProbeTable = ReadonlyMap<string, number>;

// ------------------------------------------------------------------- probe references

function writeProbeRefs(w: ByteWriter, urls: readonly string[], table: ProbeTable): void {
	w.uint(urls.length);
	for (const url of urls) {
		const i = table.get(url);
		if (i === undefined) {
			w.uint(0);
			w.string(url);
		} else w.uint(i + 1);
	}
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

// ------------------------------------------------------------------- requirement ids

/** Requirement ids as catalog positions where the product's layout has them, else spelled out. */
function writeIds(w: ByteWriter, ids: readonly string[], pl: ProductLayout | undefined): void {
	w.uint(ids.length);
	for (const id of ids) {
		const i = pl?.requirementIndex.get(id);
		if (i === undefined) {
			w.uint(0);
			w.string(id);
		} else w.uint(i + 1);
	}
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

function writeOptionalIds(
	w: ByteWriter,
	ids: readonly string[] | undefined,
	pl: ProductLayout | undefined
): void {
	w.byte(ids ? 1 : 0);
	if (ids) writeIds(w, ids, pl);
}

function readOptionalIds(r: ByteReader): RawId[] | undefined {
	const present = r.byte();
	if (present > 1) r.problem ??= 'bad list marker';
	return present === 1 ? readIds(r) : undefined;
}

// ------------------------------------------------------------------- a verdict's facts

/** One byte of flags and enumerations, the manual count where there is one, the doubt. */
function writeFacts(w: ByteWriter, v: ProductResult | undefined): void {
	const manual = v?.manualMandatory ?? 0;
	w.byte(
		(v?.onlyInferred ? 1 : 0) |
			(LIMITS_WIRE.indexOf(v?.limit) << 1) |
			(UNDECIDED_WIRE.indexOf(v?.undecided) << 3) |
			(manual ? 64 : 0)
	);
	if (manual) w.uint(manual);
	w.byte(CAUSES_WIRE.indexOf(v?.doubt));
}

function readFacts(r: ByteReader): RawFacts {
	const flags = r.byte();
	if (flags & 128) r.problem ??= 'unknown verdict facts';
	const manual = flags & 64 ? r.uint(LIMITS.manualMandatory) : 0;
	return { flags, manual, doubt: r.byte() };
}

/** The facts a section's bytes say, as fields of a verdict (unknown values left out). */
export function factsOf(facts: RawFacts | undefined): Partial<ProductResult> {
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

// ------------------------------------------------------------------- requirement codes

/** 7 in the status bits: this catalog requirement is not in the result. */
const ABSENT = 7;

function statusCode(r: RequirementResult, custom: boolean): number {
	return (
		REQUIREMENT_STATUSES.indexOf(r.status) |
		(custom ? 8 : 0) |
		(INFERRED_WIRE.indexOf(r.inferredOutcome) << 4)
	);
}

const sameList = (a: readonly string[], b: readonly string[]) =>
	a.length === b.length && a.every((x, i) => x === b[i]);

// ------------------------------------------------------------------- sections

/**
 * Writes every section and returns the product layout behind each (undefined for a literal one),
 * which the probe table refers to.
 */
export function writeSections(
	w: ByteWriter,
	result: CheckResult,
	layout: CatalogLayout,
	table: ProbeTable
): (ProductLayout | undefined)[] {
	const sections = sectionProducts(result, layout);
	const claimed = new Set<string>();
	const orphans = Object.keys(result.requirements).filter(
		(id) => !sections.some((s) => layout.byProduct.get(s)?.requirementIndex.has(id))
	);
	w.uint(sections.length + (orphans.length ? 1 : 0));
	const layouts: (ProductLayout | undefined)[] = [];
	for (const productId of sections) {
		const pl = layout.byProduct.get(productId);
		layouts.push(pl);
		w.string(productId);
		const verdict = own(result.verdicts, productId);
		w.byte(verdict ? VERDICTS.indexOf(verdict.verdict) : 255);
		writeFacts(w, verdict);
		if (!pl) {
			// A product this catalog does not know: only its verdict travels.
			w.byte(1);
			w.uint(0);
			writeIds(w, verdict?.blocking ?? [], undefined);
			writeOptionalIds(w, verdict?.alsoFailed, undefined);
			continue;
		}
		w.byte(0);
		w.u32(pl.fingerprint);
		w.uint(pl.requirementIds.length);
		pl.requirementIds.forEach((id, i) => {
			const r = claimed.has(id) ? undefined : own(result.requirements, id);
			if (!r) {
				w.byte(ABSENT);
				return;
			}
			claimed.add(id);
			// The requirement's catalog probes present in the result go without saying.
			const usual = (pl.requirementProbes[i] ?? []).filter((u) => table.has(u));
			const custom = !sameList(r.probes, usual);
			w.byte(statusCode(r, custom));
			if (custom) writeProbeRefs(w, r.probes, table);
		});
		writeIds(w, verdict?.blocking ?? [], pl);
		writeOptionalIds(w, verdict?.alsoFailed, pl);
	}
	if (orphans.length) {
		layouts.push(undefined);
		w.string('');
		w.byte(255);
		writeFacts(w, undefined);
		w.byte(1);
		w.uint(orphans.length);
		for (const id of orphans) {
			const r = result.requirements[id]!;
			w.string(id);
			w.byte(statusCode(r, true));
			writeProbeRefs(w, r.probes, table);
		}
		writeIds(w, [], undefined);
		writeOptionalIds(w, undefined, undefined);
	}
	return layouts;
}

export function readSections(r: ByteReader, version: number): RawSection[] {
	const sections: RawSection[] = [];
	const count = r.count(LIMITS.sections);
	for (let s = 0; s < count && r.ok; s++) {
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
		} else if (section.kind === 1) {
			const n = r.count(LIMITS.requirementsPerSection);
			for (let i = 0; i < n && r.ok; i++) {
				const id = r.string();
				const code = r.byte();
				section.literal.push({ id, code, custom: readProbeRefs(r) });
			}
		} else {
			r.problem ??= 'unknown section kind';
		}
		if (section.kind === 0 || section.kind === 1) {
			section.blocking = readIds(r);
			section.alsoFailed = readOptionalIds(r);
		}
		sections.push(section);
	}
	return sections;
}
