/**
 * The body of a link, byte by byte, each part's writer beside its reader: the header (times,
 * versions, browser, flags, the chosen products), the product sections (wire-sections.ts), the
 * probe table (wire-probes.ts) and, from version 2, the tail (online, diagnosis), then a CRC-32.
 * A new field is added in one place: its writer and its reader here, its lossy step in
 * prepare.ts, its meaning in resolve.ts. docs/permalink-format.md describes the bytes.
 *
 * Writers take a prepared result (prepare.ts): everything they write is already clean and bounded.
 * Readers never throw: ByteReader records the first problem and the body is refused as damaged.
 */
import { CAUSES, CERTAINTIES, WEBRTC_SUPPORT, type CheckResult } from '$lib/result/result';
import { ByteReader, ByteWriter, crc32 } from './bytes';
import { LIMITS, MAX_TIME_MS, msOf, type ShareCatalog, type TrimLevel } from './format';
import { layoutOf } from './layout';
import { readProbes, writeProbes, type RawProbe } from './wire-probes';
import { readSections, writeSections, type ProbeTable, type RawSection } from './wire-sections';

export interface RawFinding {
	cause: number;
	certainty: number;
	/** positions in the probe table */
	probes: number[];
	domains: string[];
	alternatives: number[];
}

export interface RawBody {
	startMs: number;
	durationMs: number;
	dataVersion: string;
	appVersion: string;
	browser: string;
	webrtc: number;
	/** bit 0 public address included; bits 1-2 trim level */
	flags: number;
	products: string[];
	sections: RawSection[];
	probes: RawProbe[];
	online?: boolean;
	diagnosis?: { rttMs?: number; findings: RawFinding[] };
}

// ------------------------------------------------------------------- header

function writeHeader(
	w: ByteWriter,
	result: CheckResult,
	trim: TrimLevel,
	publicAddress: boolean
): void {
	const startMs = msOf(result.startedAt);
	w.uint(startMs);
	w.uint(msOf(result.finishedAt) - startMs);
	w.string(result.dataVersion);
	w.string(result.appVersion);
	w.string(result.browser);
	w.byte(WEBRTC_SUPPORT.indexOf(result.webrtc));
	w.byte((publicAddress ? 1 : 0) | (trim << 1));
	w.uint(result.products.length);
	result.products.forEach((p) => w.string(p));
}

function readHeader(r: ByteReader) {
	const header = {
		startMs: r.uint(MAX_TIME_MS),
		durationMs: r.uint(MAX_TIME_MS),
		dataVersion: r.string(),
		appVersion: r.string(),
		browser: r.string(),
		webrtc: r.byte(),
		flags: r.byte(),
		products: [] as string[]
	};
	const count = r.count(LIMITS.products);
	for (let i = 0; i < count && r.ok; i++) header.products.push(r.string());
	return header;
}

// ------------------------------------------------------------------- tail (version 2)

/** A round trip is sent as rtt + 1, so 0 can mean "none"; a day bounds it. */
const MAX_RTT_WIRE = 86_400_001;

/** What the device said of its connection, and the diagnosis. */
function writeTail(w: ByteWriter, result: CheckResult, table: ProbeTable): void {
	w.byte(result.online === undefined ? 0 : result.online ? 2 : 1);
	const diagnosis = result.diagnosis;
	w.byte(diagnosis ? 1 : 0);
	if (!diagnosis) return;
	w.uint(diagnosis.rttMs === undefined ? 0 : diagnosis.rttMs + 1);
	w.uint(diagnosis.findings.length);
	for (const f of diagnosis.findings) {
		w.byte(CAUSES.indexOf(f.cause));
		w.byte(CERTAINTIES.indexOf(f.certainty));
		const refs = f.probes.map((u) => table.get(u)).filter((i) => i !== undefined);
		w.uint(refs.length);
		refs.forEach((i) => w.uint(i));
		w.uint(f.domains?.length ?? 0);
		f.domains?.forEach((d) => w.string(d));
		w.uint(f.alternatives?.length ?? 0);
		f.alternatives?.forEach((c) => w.byte(CAUSES.indexOf(c)));
	}
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
		const alternatives = r.count(LIMITS.alternatives);
		for (let k = 0; k < alternatives && r.ok; k++) finding.alternatives.push(r.byte());
		findings.push(finding);
	}
	return findings;
}

function readTail(r: ByteReader): Pick<RawBody, 'online' | 'diagnosis'> {
	const onlineCode = r.byte();
	if (onlineCode > 2) r.problem ??= 'bad online marker';
	const online = onlineCode === 0 ? undefined : onlineCode === 2;
	const hasDiagnosis = r.byte();
	if (hasDiagnosis > 1) r.problem ??= 'bad diagnosis marker';
	if (hasDiagnosis !== 1) return { online };
	const rtt = r.uint(MAX_RTT_WIRE);
	return { online, diagnosis: { findings: readFindings(r), ...(rtt ? { rttMs: rtt - 1 } : {}) } };
}

// ------------------------------------------------------------------- the body

/** The bytes of a prepared result: body ‖ CRC-32 (little-endian), ready to deflate. */
export function writeBody(
	result: CheckResult,
	catalog: ShareCatalog,
	trim: TrimLevel,
	publicAddress: boolean
): Uint8Array {
	const w = new ByteWriter();
	const table = new Map<string, number>();
	result.probes.forEach((p, i) => {
		if (!table.has(p.url)) table.set(p.url, i);
	});
	writeHeader(w, result, trim, publicAddress);
	const layouts = writeSections(w, result, layoutOf(catalog), table);
	writeProbes(w, result.probes, layouts);
	writeTail(w, result, table);
	const body = w.bytes();
	const out = new Uint8Array(body.length + 4);
	out.set(body);
	const crc = crc32(body);
	out.set([crc & 0xff, (crc >>> 8) & 0xff, (crc >>> 16) & 0xff, (crc >>> 24) & 0xff], body.length);
	return out;
}

/** The raw body of inflated bytes, or undefined if the CRC fails or the bytes do not parse to their end. */
export function readBody(bytes: Uint8Array, version: number): RawBody | undefined {
	if (bytes.length < 5) return undefined;
	const body = bytes.subarray(0, bytes.length - 4);
	const tail = bytes.subarray(bytes.length - 4);
	const stored =
		((tail[0] ?? 0) | ((tail[1] ?? 0) << 8) | ((tail[2] ?? 0) << 16) | ((tail[3] ?? 0) << 24)) >>>
		0;
	if (stored !== crc32(body)) return undefined;
	const r = new ByteReader(body);
	const header = readHeader(r);
	const sections = readSections(r, version);
	const probes = readProbes(r);
	const raw: RawBody = { ...header, sections, probes, ...(version >= 2 ? readTail(r) : {}) };
	return r.ok && r.remaining === 0 ? raw : undefined;
}
