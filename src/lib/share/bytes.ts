/**
 * Small binary helpers for the permalink codec: LEB128 varints, length-prefixed UTF-8 strings,
 * base64url and CRC-32. The reader never throws on its own account: it records the first problem
 * and returns neutral values, so a hostile payload is reported instead of escaping as an exception.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

export class ByteWriter {
	private chunks: number[] = [];

	byte(value: number): void {
		this.chunks.push(value & 0xff);
	}

	/** Unsigned varint. Uses arithmetic, not bit operators, so it is exact up to 2^53. */
	uint(value: number): void {
		let v = Math.max(0, Math.floor(value));
		if (!Number.isSafeInteger(v)) v = 0;
		while (v >= 0x80) {
			this.chunks.push((v % 0x80) | 0x80);
			v = Math.floor(v / 0x80);
		}
		this.chunks.push(v);
	}

	string(value: string): void {
		const bytes = encoder.encode(value);
		this.uint(bytes.length);
		for (const b of bytes) this.chunks.push(b);
	}

	u32(value: number): void {
		const v = value >>> 0;
		this.chunks.push(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
	}

	get length(): number {
		return this.chunks.length;
	}

	bytes(): Uint8Array {
		return Uint8Array.from(this.chunks);
	}
}

export class ByteReader {
	private pos = 0;
	/** The first thing that went wrong, or undefined while the payload reads cleanly. */
	problem: string | undefined;

	constructor(
		private readonly data: Uint8Array,
		private readonly maxString = 512
	) {}

	private fail(problem: string): void {
		this.problem ??= problem;
	}

	get ok(): boolean {
		return this.problem === undefined;
	}

	get remaining(): number {
		return this.data.length - this.pos;
	}

	byte(): number {
		if (this.pos >= this.data.length) {
			this.fail('ended early');
			return 0;
		}
		return this.data[this.pos++] ?? 0;
	}

	uint(max = Number.MAX_SAFE_INTEGER): number {
		let result = 0;
		let scale = 1;
		for (let i = 0; i < 8; i++) {
			const b = this.byte();
			if (!this.ok) return 0;
			result += (b & 0x7f) * scale;
			if ((b & 0x80) === 0) {
				if (result > max) {
					this.fail(`a number is out of range (${result} > ${max})`);
					return 0;
				}
				return result;
			}
			scale *= 0x80;
		}
		this.fail('a number is too long');
		return 0;
	}

	/** A count of items that follow; bounded so a hostile payload cannot make us allocate much. */
	count(max: number): number {
		return this.uint(max);
	}

	string(): string {
		const length = this.uint(this.maxString * 4);
		if (!this.ok) return '';
		if (length > this.remaining) {
			this.fail('a text ended early');
			return '';
		}
		const text = decoder.decode(this.data.subarray(this.pos, this.pos + length));
		this.pos += length;
		return text;
	}

	u32(): number {
		const a = this.byte();
		const b = this.byte();
		const c = this.byte();
		const d = this.byte();
		return (a | (b << 8) | (c << 16) | (d << 24)) >>> 0;
	}
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

export function toBase64Url(bytes: Uint8Array): string {
	let out = '';
	for (let i = 0; i < bytes.length; i += 3) {
		const a = bytes[i] ?? 0;
		const b = bytes[i + 1] ?? 0;
		const c = bytes[i + 2] ?? 0;
		const n = (a << 16) | (b << 8) | c;
		const left = bytes.length - i;
		out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
		if (left > 1) out += B64[(n >> 6) & 63]!;
		if (left > 2) out += B64[n & 63]!;
	}
	return out;
}

/** Undefined for anything that is not canonical unpadded base64url. */
export function fromBase64Url(text: string): Uint8Array | undefined {
	if (text.length % 4 === 1) return undefined;
	const out = new Uint8Array(Math.floor((text.length * 3) / 4));
	let o = 0;
	for (let i = 0; i < text.length; i += 4) {
		const chars = text.slice(i, i + 4);
		let n = 0;
		for (let j = 0; j < 4; j++) {
			const ch = chars[j];
			const v = ch === undefined ? 0 : B64_INDEX.get(ch);
			if (v === undefined) return undefined;
			n = (n << 6) | v;
		}
		out[o++] = (n >> 16) & 0xff;
		if (chars.length > 2) out[o++] = (n >> 8) & 0xff;
		if (chars.length > 3) out[o++] = n & 0xff;
	}
	return out.subarray(0, o);
}

let crcTable: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
	if (!crcTable) {
		crcTable = new Uint32Array(256);
		for (let n = 0; n < 256; n++) {
			let c = n;
			for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
			crcTable[n] = c >>> 0;
		}
	}
	let crc = 0xffffffff;
	for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff]! ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
}

/** FNV-1a, 32 bits: a cheap fingerprint of the catalog layout a permalink was built against. */
export function fnv1a(text: string): number {
	let hash = 0x811c9dc5;
	for (const b of encoder.encode(text)) {
		hash ^= b;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash >>> 0;
}
