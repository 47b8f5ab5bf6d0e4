import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter, crc32, fnv1a, fromBase64Url, toBase64Url } from './bytes';
import { seededRandom } from '$fixtures/results';

describe('varints and strings', () => {
	it('round-trips numbers up to 2^53 and texts of any script', () => {
		const numbers = [
			0,
			1,
			127,
			128,
			300,
			16383,
			16384,
			2 ** 31,
			2 ** 32 + 5,
			Date.now(),
			2 ** 53 - 1
		];
		const texts = ['', 'a', 'Ward 3 Wi-Fi', 'é漢😀', 'x'.repeat(500)];
		const w = new ByteWriter();
		numbers.forEach((n) => w.uint(n));
		texts.forEach((t) => w.string(t));
		w.u32(0xdeadbeef);
		const r = new ByteReader(w.bytes(), 1000);
		expect(numbers.map(() => r.uint())).toEqual(numbers);
		expect(texts.map(() => r.string())).toEqual(texts);
		expect(r.u32()).toBe(0xdeadbeef);
		expect(r.ok).toBe(true);
		expect(r.remaining).toBe(0);
	});

	it('reports a short or oversized payload instead of throwing', () => {
		const w = new ByteWriter();
		w.uint(1000);
		const r = new ByteReader(w.bytes());
		expect(r.string()).toBe('');
		expect(r.ok).toBe(false);
		expect(r.problem).toMatch(/out of range|ended early/);

		const big = new ByteWriter();
		big.uint(70);
		const r2 = new ByteReader(big.bytes());
		expect(r2.count(64)).toBe(0);
		expect(r2.problem).toMatch(/out of range/);

		const endless = new ByteReader(
			Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff])
		);
		endless.uint();
		expect(endless.problem).toMatch(/too long/);
	});
});

describe('base64url', () => {
	it('matches Node for random byte strings of every length', () => {
		const rand = seededRandom(7);
		for (let n = 0; n < 200; n++) {
			const bytes = Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
			const text = toBase64Url(bytes);
			expect(text).toBe(Buffer.from(bytes).toString('base64url'));
			expect(fromBase64Url(text)).toEqual(bytes);
		}
	});

	it('rejects characters outside the alphabet and impossible lengths', () => {
		expect(fromBase64Url('ab+c')).toBeUndefined();
		expect(fromBase64Url('ab=c')).toBeUndefined();
		expect(fromBase64Url('abcde')).toBeUndefined();
		expect(fromBase64Url('<script>')).toBeUndefined();
	});
});

describe('checksums', () => {
	it('computes the standard CRC-32 check value', () => {
		expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
	});
	it('computes FNV-1a 32', () => {
		expect(fnv1a('')).toBe(0x811c9dc5);
		expect(fnv1a('a')).toBe(0xe40c292c);
		expect(fnv1a('foobar')).toBe(0xbf9cf968);
	});
});
