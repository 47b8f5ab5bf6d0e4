import { describe, expect, it } from 'vitest';
import { products as realProducts } from '$lib/data/catalog';
import type { CheckResult } from '$lib/result/result';
import {
	DEFAULT_MAX_PAYLOAD,
	MAX_LINK_CHARS,
	encodeShare,
	prepareForShare,
	type ShareCatalog
} from './codec';
import { decodeShare, decodeShareStrict } from './decode';
import {
	evaluatedFullResult,
	randomResult,
	realisticFullResult,
	seededRandom,
	syntheticCatalog
} from '$fixtures/results';
import { fromBase64Url, toBase64Url } from './bytes';

const synthetic = syntheticCatalog();
const real: ShareCatalog = { products: realProducts };
/** The address a deployed site would use; the budget holds for a longer host name too. */
const ORIGIN_AND_PATH = 'https://netready.example-trust.nhs.uk/shared/#r=';

async function roundTrip(result: CheckResult, catalog: ShareCatalog, includePublicAddress = false) {
	const encoded = await encodeShare(result, catalog, { includePublicAddress, maxChars: 1e6 });
	if (!encoded.ok) throw new Error(encoded.message);
	const decoded = await decodeShare(encoded.payload, catalog);
	if (!decoded.ok) throw new Error(decoded.message);
	return { encoded, decoded: decoded.shared };
}

describe('round trip', () => {
	for (const [name, catalog] of [
		['synthetic catalog', synthetic],
		['real catalog', real]
	] as const) {
		it(`keeps every status, verdict and probe outcome over 300 random results (${name})`, async () => {
			expect(catalog.products.length).toBeGreaterThan(0);
			const rand = seededRandom(42);
			for (let i = 0; i < 300; i++) {
				const result = randomResult(catalog, rand);
				const optIn = rand() < 0.5;
				const { encoded, decoded } = await roundTrip(result, catalog, optIn);
				expect(encoded.trim).toBe(0);
				// The whole decoded result is exactly what prepareForShare says will survive...
				expect(decoded.result).toEqual(
					prepareForShare(result, catalog, { includePublicAddress: optIn })
				);
				// ...and what matters survives unchanged, checked against the original directly.
				for (const [id, r] of Object.entries(result.requirements))
					expect(decoded.result.requirements[id]?.status, id).toBe(r.status);
				for (const [id, v] of Object.entries(result.verdicts)) {
					expect(decoded.result.verdicts[id]?.verdict).toBe(v.verdict);
					expect(decoded.result.verdicts[id]?.blocking).toEqual(v.blocking);
				}
				expect(decoded.result.probes.map((p) => [p.url, p.outcome, p.ms])).toEqual(
					result.probes.map((p) => [p.url, p.outcome, p.ms])
				);
				expect(decoded.result.startedAt).toBe(result.startedAt);
				expect(decoded.result.finishedAt).toBe(result.finishedAt);
				expect(decoded.result.webrtc).toBe(result.webrtc);
				expect(decoded.result.products).toEqual(result.products);
				expect(decoded.unmatchedProducts).toEqual([]);
				expect(decoded.droppedProbes).toBe(0);
			}
		});
	}

	it('keeps requirement probe lists that differ from the catalog', async () => {
		const result = realisticFullResult(synthetic);
		const [id, req] = Object.entries(result.requirements).find(([, r]) => r.probes.length > 1)!;
		req.probes = [...req.probes].reverse().concat('https://not-in-catalog.example.test/');
		const { decoded } = await roundTrip(result, synthetic);
		expect(decoded.result.requirements[id]!.probes).toEqual(req.probes);
	});
});

describe('privacy', () => {
	it('leaves out the public address unless the user opts in, and never keeps local addresses', async () => {
		const result = realisticFullResult(synthetic);
		const stun = result.probes.find((p) => p.evidence.publicAddress)!;
		stun.evidence.detail =
			'srflx 203.0.113.9 from host 192.168.1.23 (mdns 1f2e3d4c-1111-2222-3333-444455556666.local)';
		result.probes[1]!.evidence.publicAddress = '10.0.0.5';

		const { decoded: plain } = await roundTrip(result, synthetic, false);
		const plainText = JSON.stringify(plain.result);
		expect(plain.publicAddress).toBe(false);
		expect(plainText).not.toMatch(/203\.0\.113\.|192\.168\.|10\.0\.0\.5|\.local/);

		const { decoded: optIn } = await roundTrip(result, synthetic, true);
		const optInText = JSON.stringify(optIn.result);
		expect(optIn.publicAddress).toBe(true);
		expect(optIn.result.probes.find((p) => p.url === stun.url)!.evidence.publicAddress).toBe(
			stun.evidence.publicAddress
		);
		// A private address is not a public one, opt-in or not; free text is always scrubbed.
		expect(optInText).not.toMatch(/192\.168\.|10\.0\.0\.5|\.local/);
		expect(optIn.result.probes.find((p) => p.url === stun.url)!.evidence.detail).not.toContain(
			'203.0.113.9'
		);
	});
});

describe('size', () => {
	it('fits a full check of every product in the real catalog in a 2,000-character link', async () => {
		expect(realProducts.length).toBeGreaterThan(0);
		// Statuses and verdicts as the check itself computes them from realistic probe outcomes.
		const result = evaluatedFullResult();
		const requirementCount = Object.keys(result.requirements).length;
		const encoded = await encodeShare(result, real);
		expect(encoded.ok).toBe(true);
		if (!encoded.ok) return;
		const link = ORIGIN_AND_PATH + encoded.payload;
		console.info(
			`permalink, real catalog: ${requirementCount} requirements, ${result.probes.length} probes, ` +
				`${realProducts.length} products: ${link.length} characters (payload ${encoded.payload.length}, trim ${encoded.trim})`
		);
		expect(link.length).toBeLessThanOrEqual(MAX_LINK_CHARS);
		// Trimming is a safety net; the full evidence of today's catalog must fit untrimmed.
		expect(encoded.trim).toBe(0);
	});

	it('fits a catalog-sized synthetic result (152 requirements, 40 probes) and trims evidence rather than fail', async () => {
		const result = realisticFullResult(synthetic);
		expect(Object.keys(result.requirements)).toHaveLength(152);
		expect(result.probes).toHaveLength(40);
		const encoded = await encodeShare(result, synthetic);
		expect(encoded.ok && encoded.payload.length).toBeLessThanOrEqual(DEFAULT_MAX_PAYLOAD);
		console.info(
			`permalink, synthetic catalog: payload ${encoded.ok && encoded.payload.length} characters`
		);

		const tight = await encodeShare(result, synthetic, { maxChars: 800 });
		expect(tight.ok).toBe(true);
		if (!tight.ok) return;
		expect(tight.trim).toBeGreaterThan(0);
		expect(tight.payload.length).toBeLessThanOrEqual(800);
		const decoded = await decodeShare(tight.payload, synthetic);
		expect(decoded.ok && decoded.shared.trim).toBe(tight.trim);

		const impossible = await encodeShare(result, synthetic, { maxChars: 300 });
		expect(impossible).toMatchObject({ ok: false, reason: 'too-large' });
	});
});

describe('links made with other data', () => {
	it('reads what still matches and reports the products whose requirements changed', async () => {
		const result = realisticFullResult(synthetic);
		const encoded = await encodeShare(result, synthetic);
		if (!encoded.ok) throw new Error(encoded.message);
		const changed = syntheticCatalog();
		const first = changed.products[0]!;
		changed.products[0] = { ...first, requirements: first.requirements.slice(1) };
		const decoded = await decodeShare(encoded.payload, changed);
		expect(decoded.ok).toBe(true);
		if (!decoded.ok) return;
		expect(decoded.shared.unmatchedProducts).toEqual([first.id]);
		expect(decoded.shared.result.verdicts[first.id]?.verdict).toBe(
			result.verdicts[first.id]!.verdict
		);
		expect(
			Object.keys(decoded.shared.result.requirements).some((id) => id.startsWith(first.id + '.'))
		).toBe(false);
		const second = changed.products[1]!;
		for (const r of second.requirements)
			expect(decoded.shared.result.requirements[r.id]?.status).toBe(
				result.requirements[r.id]!.status
			);
	});
});

describe('bad links', () => {
	let payload = '';
	const catalog = synthetic;

	it('builds a valid payload to damage', async () => {
		const encoded = await encodeShare(realisticFullResult(catalog), catalog);
		if (!encoded.ok) throw new Error(encoded.message);
		payload = encoded.payload;
		expect(payload.startsWith('2.')).toBe(true);
	});

	it('explains empty, foreign, future-version, truncated and tampered links', async () => {
		expect(await decodeShare('', catalog)).toMatchObject({ ok: false, reason: 'empty' });
		expect(await decodeShare('#x=1', catalog)).toMatchObject({ ok: false, reason: 'empty' });
		expect(await decodeShare('hello', catalog)).toMatchObject({ ok: false, reason: 'malformed' });
		expect(await decodeShare('<img src=x onerror=alert(1)>', catalog)).toMatchObject({ ok: false });
		expect(await decodeShare('3.' + payload.slice(2), catalog)).toMatchObject({
			ok: false,
			reason: 'future-version'
		});
		expect(await decodeShare('0.' + payload.slice(2), catalog)).toMatchObject({
			ok: false,
			reason: 'malformed'
		});
		const truncated = await decodeShare(
			payload.slice(0, Math.floor(payload.length * 0.7)),
			catalog
		);
		expect(truncated.ok).toBe(false);
		const bytes = fromBase64Url(payload.slice(2))!;
		bytes[Math.floor(bytes.length / 2)]! ^= 0x10;
		const tampered = await decodeShare('2.' + toBase64Url(bytes), catalog);
		expect(tampered).toMatchObject({ ok: false });
		if (!tampered.ok) expect(['damaged', 'malformed']).toContain(tampered.reason);
	});

	it('accepts the payload on its own, as a fragment, or as a whole URL', async () => {
		for (const input of [
			payload,
			`#r=${payload}`,
			`r=${payload}`,
			`https://x.test/shared/#r=${payload}`
		])
			expect((await decodeShare(input, catalog)).ok, input.slice(0, 30)).toBe(true);
	});

	it('refuses a deflate bomb without inflating it', async () => {
		const zeros = new Uint8Array(4 * 1024 * 1024);
		const stream = new Blob([zeros]).stream().pipeThrough(new CompressionStream('deflate-raw'));
		const bomb = new Uint8Array(await new Response(stream).arrayBuffer());
		expect(await decodeShare('1.' + toBase64Url(bomb), catalog)).toMatchObject({
			ok: false,
			reason: 'too-large'
		});
	});

	it('survives 12,000 random and mutated fragments without an exception', async () => {
		const rand = seededRandom(2024);
		const original = await decodeShare(payload, catalog);
		expect(original.ok).toBe(true);
		const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=#%&<>"\'';
		const reasons = new Map<string, number>();
		let accepted = 0;
		for (let i = 0; i < 12000; i++) {
			let input: string;
			const mode = i % 6;
			if (mode === 0) {
				input = Array.from(
					{ length: Math.floor(rand() * 300) },
					() => alphabet[Math.floor(rand() * alphabet.length)]
				).join('');
			} else if (mode === 1) {
				const chars = [...payload];
				for (let k = 0; k < 1 + Math.floor(rand() * 4); k++)
					chars[Math.floor(rand() * chars.length)] = alphabet[Math.floor(rand() * 64)]!;
				input = chars.join('');
			} else if (mode === 2) {
				input = payload.slice(0, Math.floor(rand() * payload.length));
			} else if (mode === 3) {
				// Valid compression around random bytes: exercises the body reader, not just inflate.
				const body = Uint8Array.from({ length: Math.floor(rand() * 400) }, () =>
					Math.floor(rand() * 256)
				);
				const stream = new Blob([body]).stream().pipeThrough(new CompressionStream('deflate-raw'));
				input = '1.' + toBase64Url(new Uint8Array(await new Response(stream).arrayBuffer()));
			} else if (mode === 4) {
				const bytes = fromBase64Url(payload.slice(2))!;
				const cut = Math.floor(rand() * bytes.length);
				const spliced = new Uint8Array([
					...bytes.subarray(0, cut),
					Math.floor(rand() * 256),
					...bytes.subarray(cut)
				]);
				input = '1.' + toBase64Url(spliced);
			} else {
				input =
					payload +
					alphabet[Math.floor(rand() * alphabet.length)]!.repeat(1 + Math.floor(rand() * 5));
			}
			// decodeShareStrict has no catch-all: an exception here is a real escape.
			const outcome = await decodeShareStrict(input, catalog);
			if (outcome.ok) {
				accepted++;
				// Anything accepted must be the original result: CRC-32 makes a lucky forgery ~2^-32.
				expect(outcome.shared.result).toEqual(original.ok && original.shared.result);
			} else {
				reasons.set(outcome.reason, (reasons.get(outcome.reason) ?? 0) + 1);
				expect(outcome.message.length).toBeGreaterThan(20);
			}
		}
		console.info('fuzz outcomes', Object.fromEntries(reasons), 'accepted', accepted);
		expect(reasons.get('damaged')).toBeGreaterThan(1000);
		expect(reasons.get('malformed')).toBeGreaterThan(1000);
	}, 120_000);
});
