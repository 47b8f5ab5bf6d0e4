/**
 * Links as an attacker writes them: with a hand-written encoder that follows
 * docs/permalink-format.md byte by byte (it shares nothing with wire*.ts), and with hostile
 * results through the app's own encoder. Whatever opens must be a result the one schema accepts,
 * with each product, probe and id once, no member of Object.prototype reachable through an id,
 * and no local address anywhere.
 */
import { describe, expect, it } from 'vitest';
import { catalog as realCatalog } from '$lib/data/catalog';
import { holdsLocalAddress } from '$lib/result/privacy';
import {
	CAUSES,
	PROBE_OUTCOMES,
	REQUIREMENT_STATUSES,
	VERDICTS,
	parseResult,
	type CheckResult
} from '$lib/result/result';
import { randomResult, seededRandom, syntheticCatalog } from '$fixtures/results';
import { ByteWriter, crc32, toBase64Url } from './bytes';
import { encodeShare, prepareForShare } from './codec';
import { decodeShare, decodeShareStrict } from './decode';

// --------------------------------------------------------------------- the hand encoder

type Probe = {
	url: string;
	outcome?: number;
	kind?: number;
	ms?: number;
	detail?: string;
	ice?: string;
	types?: string[];
};
type Section = {
	product: string;
	verdict?: number;
	/** literal requirements: id, status index, probe table positions */
	requirements?: [string, number, number[]][];
	blocking?: string[];
};
interface HandLink {
	products?: string[];
	sections?: Section[];
	probes?: Probe[];
	findings?: { cause: number; probes: number[]; domains?: string[] }[];
	texts?: { dataVersion?: string; appVersion?: string; browser?: string };
	/** replaces the whole body: for bytes no encoder would write */
	raw?: Uint8Array;
}

function handBody(link: HandLink): Uint8Array {
	const w = new ByteWriter();
	w.uint(Date.UTC(2026, 10, 29, 9, 0, 0));
	w.uint(5000);
	w.string(link.texts?.dataVersion ?? '2026-11-29.1');
	w.string(link.texts?.appVersion ?? '0.1.0');
	w.string(link.texts?.browser ?? 'Chrome 156');
	w.byte(0); // webrtc full
	w.byte(0); // no public address, trim 0
	const products = link.products ?? [];
	w.uint(products.length);
	products.forEach((p) => w.string(p));
	const sections = link.sections ?? [];
	w.uint(sections.length);
	for (const s of sections) {
		w.string(s.product);
		w.byte(s.verdict ?? 255);
		w.byte(0); // facts: none
		w.byte(0); // doubt: none
		w.byte(1); // literal
		const reqs = s.requirements ?? [];
		w.uint(reqs.length);
		for (const [id, status, refs] of reqs) {
			w.string(id);
			w.byte(status);
			w.uint(refs.length);
			refs.forEach((r) => w.uint(r + 1));
		}
		const blocking = s.blocking ?? [];
		w.uint(blocking.length);
		for (const id of blocking) {
			w.uint(0);
			w.string(id);
		}
		w.byte(0); // no alsoFailed
	}
	const probes = link.probes ?? [];
	w.uint(probes.length);
	for (const p of probes) {
		w.uint(0);
		w.string(p.url);
		const hasEvidence = p.detail !== undefined || p.ice !== undefined || p.types !== undefined;
		w.byte((p.outcome ?? 0) | ((p.kind ?? 2) << 3) | (hasEvidence ? 64 : 0));
		w.uint(p.ms ?? 40);
		if (hasEvidence) {
			w.byte((p.types ? 1 : 0) | (p.ice !== undefined ? 4 : 0) | (p.detail !== undefined ? 16 : 0));
			if (p.types) {
				w.uint(p.types.length);
				p.types.forEach((t) => w.string(t));
			}
			if (p.ice !== undefined) {
				w.uint(1);
				w.uint(701);
				w.byte(1);
				w.string(p.ice);
			}
			if (p.detail !== undefined) w.string(p.detail);
		}
	}
	w.byte(2); // online
	const findings = link.findings;
	w.byte(findings ? 1 : 0);
	if (findings) {
		w.uint(0);
		w.uint(findings.length);
		for (const f of findings) {
			w.byte(f.cause);
			w.byte(0);
			w.uint(f.probes.length);
			f.probes.forEach((i) => w.uint(i));
			w.uint(f.domains?.length ?? 0);
			f.domains?.forEach((d) => w.string(d));
			w.uint(0);
		}
	}
	return w.bytes();
}

async function deflate(bytes: Uint8Array): Promise<Uint8Array> {
	const stream = new Blob([bytes as Uint8Array<ArrayBuffer>])
		.stream()
		.pipeThrough(new CompressionStream('deflate-raw'));
	return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function handPayload(link: HandLink): Promise<string> {
	const body = link.raw ?? handBody(link);
	const crc = crc32(body);
	const framed = new Uint8Array([
		...body,
		crc & 0xff,
		(crc >>> 8) & 0xff,
		(crc >>> 16) & 0xff,
		(crc >>> 24) & 0xff
	]);
	return `2.${toBase64Url(await deflate(framed))}`;
}

const catalog = syntheticCatalog();

async function open(link: HandLink) {
	const outcome = await decodeShareStrict(await handPayload(link), catalog);
	if (!outcome.ok) throw new Error(outcome.message);
	return outcome.shared;
}

/** What every opened link must satisfy, whatever it held. */
function expectSafe(result: CheckResult): void {
	expect(parseResult(result).ok).toBe(true);
	expect(Object.getPrototypeOf(result.verdicts)).toBeNull();
	expect(Object.getPrototypeOf(result.requirements)).toBeNull();
	const once = (xs: readonly string[]) => expect(new Set(xs).size).toBe(xs.length);
	once(result.products);
	once(result.probes.map((p) => p.url));
	for (const r of Object.values(result.requirements)) once(r.probes);
	for (const v of Object.values(result.verdicts)) {
		once(v.blocking);
		once(v.alsoFailed ?? []);
	}
	for (const f of result.diagnosis?.findings ?? []) once(f.probes);
	expect(holdsLocalAddress(JSON.stringify(result))).toBe(false);
}

const url = (i: number) => `https://host-${i}.example.test/`;

describe('hostile links, hand-written', () => {
	it('opens product ids that name Object.prototype members as plain ids, nothing else', async () => {
		const shared = await open({
			products: ['constructor', '__proto__', 'hasOwnProperty', 'tostring', 'constructor'],
			sections: ['constructor', '__proto__', 'tostring', 'valueof'].map((product) => ({
				product,
				verdict: 0,
				requirements: [[`${product}.rule`, 1, []]]
			}))
		});
		const r = shared.result;
		expectSafe(r);
		expect(r.products).toEqual(['constructor', 'tostring']);
		expect(Object.keys(r.verdicts).sort()).toEqual(['constructor', 'tostring', 'valueof']);
		expect(r.verdicts['constructor']).toEqual({ verdict: 'ready', blocking: [] });
		expect(r.verdicts['hasOwnProperty']).toBeUndefined();
		expect(r.requirements['__proto__.rule']).toBeUndefined();
		expect(Object.keys(r.requirements).sort()).toEqual([
			'constructor.rule',
			'tostring.rule',
			'valueof.rule'
		]);
	});

	it('keeps each product, probe and id once, the first one', async () => {
		const shared = await open({
			products: ['amwell-product-0', 'amwell-product-0', 'emis-product-3'],
			sections: [
				{
					product: 'amwell-product-0',
					verdict: 2,
					blocking: ['a.x', 'a.x', 'a.y'],
					requirements: [['a.x', 1, [0, 0, 1]]]
				},
				{ product: 'amwell-product-0', verdict: 0, requirements: [['a.x', 0, []]] }
			],
			probes: [{ url: url(1) }, { url: url(2), outcome: 3 }, { url: url(1), outcome: 1 }],
			findings: [{ cause: 0, probes: [0, 0, 2, 1], domains: ['twilio.com', 'twilio.com'] }]
		});
		const r = shared.result;
		expectSafe(r);
		expect(r.products).toEqual(['amwell-product-0', 'emis-product-3']);
		expect(r.verdicts['amwell-product-0']).toEqual({
			verdict: 'not-ready',
			blocking: ['a.x', 'a.y']
		});
		expect(r.requirements['a.x']).toEqual({ status: 'failed', probes: [url(1), url(2)] });
		expect(r.probes.map((p) => [p.url, p.outcome])).toEqual([
			[url(1), 'reachable'],
			[url(2), 'timeout']
		]);
		expect(r.diagnosis?.findings[0]).toMatchObject({
			probes: [url(1), url(2)],
			domains: ['twilio.com']
		});
	});

	it('leaves out probes that name a local address, in any spelling', async () => {
		const local = [
			'https://10.0.0.5/',
			'https://0x7f000001/',
			'https://127.1/',
			'https://[::1]/',
			'https://10.0.0.5.nip.io/',
			'stun:192.168.1.1:3478',
			'turn:[fe80::1]:3478?transport=udp',
			'turns:[fd00::5]:443?transport=tcp',
			'stun:1f2e3d4c-1111-2222-3333-444455556666.local:3478'
		];
		const shared = await open({
			probes: [...local.map((u) => ({ url: u })), { url: 'stun:8.8.8.8:3478', kind: 0 }]
		});
		expectSafe(shared.result);
		expect(shared.result.probes.map((p) => p.url)).toEqual(['stun:8.8.8.8:3478']);
		expect(shared.droppedProbes).toBe(local.length);
	});

	it('scrubs addresses and secrets from every text a link carries', async () => {
		const shared = await open({
			texts: {
				dataVersion: 'd 10.0.0.1',
				appVersion: 'fe80::1.',
				browser: 'Chrome on 192.168.1.5.'
			},
			probes: [
				{
					url: url(1),
					detail: 'Host candidate 192.168.1.5. and ::ffff:10.0.0.1. password: hunter2',
					ice: 'turn:alice:pw@relay fd00::5.',
					types: ['10.0.0.9', 'host']
				}
			]
		});
		expectSafe(shared.result);
		const text = JSON.stringify(shared.result);
		for (const leak of ['hunter2', 'alice', 'pw@', '192.168', '10.0.0', 'fe80', 'fd00'])
			expect(text).not.toContain(leak);
	});

	it('refuses values no check writes as a damaged link, with a plain message', async () => {
		const yearLong = await decodeShare(
			await handPayload({ probes: [{ url: url(1), ms: 365 * 86_400_000 }] }),
			catalog
		);
		expect(yearLong).toMatchObject({ ok: false, reason: 'damaged' });
		// Ids follow the id rule, and the schema's length: a 300-character id is no id of ours.
		const longId = await decodeShare(await handPayload({ products: ['a'.repeat(300)] }), catalog);
		expect(longId).toMatchObject({ ok: false, reason: 'damaged' });
		expect(longId.ok || longId.message).toMatch(/damaged/);
	});
});

describe('deflate bombs', () => {
	it('refuses the largest bomb a link can hold, quickly, and a longer link unread', async () => {
		// 64 MB of zeros deflates to about 64 KB: over the payload limit, refused before inflating.
		const huge = await deflate(new Uint8Array(64 * 1024 * 1024));
		const tooLong = `2.${toBase64Url(huge)}`;
		expect(tooLong.length).toBeGreaterThan(64 * 1024);
		let started = performance.now();
		expect(await decodeShare(tooLong, catalog)).toMatchObject({ ok: false, reason: 'too-large' });
		expect(performance.now() - started).toBeLessThan(200);
		// The largest that fits the limit: about 45 MB once inflated; inflating stops at 256 KB.
		const fits = `2.${toBase64Url(huge.subarray(0, 47 * 1024))}`;
		expect(fits.length).toBeLessThanOrEqual(64 * 1024);
		started = performance.now();
		expect(await decodeShare(fits, catalog)).toMatchObject({ ok: false, reason: 'too-large' });
		expect(performance.now() - started).toBeLessThan(2000);
	}, 30_000);
});

// --------------------------------------------------------------------- hostile results

const HOSTILE_IDS = [
	'constructor',
	'__proto__',
	'prototype',
	'hasownproperty',
	'tostring',
	'a',
	'a'
];
const HOSTILE_TEXTS = [
	'Host candidate 192.168.1.5.',
	'fe80::1%eth0.',
	'0:0:0:0:0:ffff:a00:1',
	'turn:alice:pw@relay.example',
	'{"credential":"hunter2"}',
	'password: hunter2',
	'\u202eevil\u0000',
	'<img src=x onerror=alert(1)>',
	'x'.repeat(600)
];

function hostileResult(rand: () => number): CheckResult {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
	const base = structuredClone(randomResult(catalog, rand));
	base.products = [
		...base.products,
		pick(HOSTILE_IDS),
		pick(HOSTILE_IDS),
		...base.products.slice(0, 1)
	];
	const id = pick(HOSTILE_IDS);
	base.verdicts[id] = { verdict: pick(VERDICTS), blocking: [id, id] };
	base.requirements[`${id}.rule`] = { status: pick(REQUIREMENT_STATUSES), probes: [] };
	const probes = base.probes;
	if (probes.length) {
		probes.push({ ...structuredClone(probes[0]!), outcome: pick(PROBE_OUTCOMES) });
		probes[0]!.evidence.detail = pick(HOSTILE_TEXTS);
		probes[0]!.evidence.iceErrors = [{ code: 701, text: pick(HOSTILE_TEXTS) }];
		probes[0]!.evidence.candidateTypes = ['host', pick(HOSTILE_TEXTS).slice(0, 16)];
		probes.push({
			...structuredClone(probes[0]!),
			url: pick(['https://10.0.0.5/', 'stun:[fe80::1]:3478'])
		});
	}
	for (const r of Object.values(base.requirements)) r.probes = [...r.probes, ...r.probes];
	base.browser = pick(HOSTILE_TEXTS);
	if (base.diagnosis?.findings[0]) {
		const f = base.diagnosis.findings[0];
		f.probes = [...f.probes, ...f.probes];
		f.alternatives = [pick(CAUSES), pick(CAUSES), pick(CAUSES)];
	}
	return base;
}

describe('hostile results through the app encoder, property-based (seeded)', () => {
	it('opens each as exactly what prepareForShare says, safe by every rule above', async () => {
		const rand = seededRandom(1717);
		for (let i = 0; i < 150; i++) {
			const result = hostileResult(rand);
			const optIn = rand() < 0.5;
			const encoded = await encodeShare(result, catalog, {
				includePublicAddress: optIn,
				maxChars: 1e6
			});
			expect(encoded.ok).toBe(true);
			if (!encoded.ok) return;
			const decoded = await decodeShare(encoded.payload, catalog);
			expect(decoded.ok).toBe(true);
			if (!decoded.ok) return;
			expect(decoded.shared.result).toEqual(
				prepareForShare(result, catalog, { includePublicAddress: optIn })
			);
			expect(encoded.prepared).toEqual(decoded.shared.result);
			expectSafe(decoded.shared.result);
		}
	}, 30_000);

	it('opens the real catalog too', async () => {
		const result = hostileResult(seededRandom(5));
		const encoded = await encodeShare(result, realCatalog, { maxChars: 1e6 });
		expect(encoded.ok).toBe(true);
		if (!encoded.ok) return;
		const decoded = await decodeShare(encoded.payload, realCatalog);
		expect(decoded.ok).toBe(true);
		if (decoded.ok) expectSafe(decoded.shared.result);
	});
});
