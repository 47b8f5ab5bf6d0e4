/**
 * The probe table of a link body, each field's writer beside its reader: where the probe's url is
 * (a catalog position of a section's product, or spelled out), its outcome and kind in one byte,
 * its times, and its evidence behind a mask. docs/permalink-format.md describes the bytes.
 */
import {
	PROBE_KINDS,
	PROBE_OUTCOMES,
	type ProbeEvidence,
	type ProbeResult
} from '$lib/result/result';
import type { ByteReader, ByteWriter } from './bytes';
import { FAMILIES_WIRE, LIMITS, MAX_UINT } from './format';
import type { ProductLayout } from './layout';

export interface RawProbe {
	ref: { section: number; index: number } | { url: string };
	/** bits 0-2 outcome, 3-4 kind, 5 rttMs follows, 6 evidence follows */
	flags: number;
	ms: number;
	rttMs?: number;
	evidence: ProbeEvidence;
}

const RTT = 32;
const EVIDENCE = 64;

const MASK = {
	candidateTypes: 1,
	publicAddress: 2,
	iceErrors: 4,
	httpStatus: 8,
	detail: 16
} as const;

// ------------------------------------------------------------------- evidence

function evidenceMask(e: ProbeEvidence): number {
	return (
		(e.candidateTypes ? MASK.candidateTypes : 0) |
		(e.publicAddress ? MASK.publicAddress : 0) |
		(e.iceErrors ? MASK.iceErrors : 0) |
		(e.httpStatus !== undefined ? MASK.httpStatus : 0) |
		(e.detail !== undefined ? MASK.detail : 0)
	);
}

function writeEvidence(w: ByteWriter, e: ProbeEvidence, mask: number): void {
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
			w.byte(FAMILIES_WIRE.indexOf(err.family));
			w.string(err.text);
		}
	}
	if (e.httpStatus !== undefined) w.uint(e.httpStatus);
	if (e.detail !== undefined) w.string(e.detail);
}

function readEvidence(r: ByteReader): ProbeEvidence {
	const mask = r.byte();
	const e: ProbeEvidence = {};
	if (mask & MASK.candidateTypes) {
		const n = r.count(LIMITS.candidateTypes);
		e.candidateTypes = [];
		for (let k = 0; k < n && r.ok; k++) e.candidateTypes.push(r.string());
	}
	if (mask & MASK.publicAddress) e.publicAddress = r.string();
	if (mask & MASK.iceErrors) {
		const n = r.count(LIMITS.iceErrors);
		e.iceErrors = [];
		for (let k = 0; k < n && r.ok; k++) {
			const code = r.uint(MAX_UINT);
			const family = FAMILIES_WIRE[r.byte()];
			const text = r.string();
			e.iceErrors.push(family ? { code, text, family } : { code, text });
		}
	}
	if (mask & MASK.httpStatus) e.httpStatus = r.uint(MAX_UINT);
	if (mask & MASK.detail) e.detail = r.string();
	return e;
}

// ------------------------------------------------------------------- the probe table

/** `layouts`: the product layout behind each section, in section order (from writeSections). */
export function writeProbes(
	w: ByteWriter,
	probes: readonly ProbeResult[],
	layouts: readonly (ProductLayout | undefined)[]
): void {
	w.uint(probes.length);
	for (const p of probes) {
		let ref: [number, number] | undefined;
		for (const [s, pl] of layouts.entries()) {
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
		const mask = evidenceMask(p.evidence);
		w.byte(
			PROBE_OUTCOMES.indexOf(p.outcome) |
				(PROBE_KINDS.indexOf(p.kind) << 3) |
				(p.rttMs !== undefined ? RTT : 0) |
				(mask ? EVIDENCE : 0)
		);
		w.uint(p.ms);
		if (p.rttMs !== undefined) w.uint(p.rttMs);
		if (mask) writeEvidence(w, p.evidence, mask);
	}
}

export function readProbes(r: ByteReader): RawProbe[] {
	const probes: RawProbe[] = [];
	const count = r.count(LIMITS.probes);
	for (let i = 0; i < count && r.ok; i++) {
		const s = r.uint(LIMITS.sections);
		const ref = s === 0 ? { url: r.string() } : { section: s - 1, index: r.uint(LIMITS.probes) };
		const flags = r.byte();
		const probe: RawProbe = { ref, flags, ms: r.uint(MAX_UINT), evidence: {} };
		if (flags & RTT) probe.rttMs = r.uint(MAX_UINT);
		if (flags & EVIDENCE) probe.evidence = readEvidence(r);
		probes.push(probe);
	}
	return probes;
}

/** The outcome and kind a probe's flags name; undefined where the byte names neither. */
export function probeFacts(p: RawProbe) {
	return { kind: PROBE_KINDS[(p.flags >> 3) & 3], outcome: PROBE_OUTCOMES[p.flags & 7] };
}
