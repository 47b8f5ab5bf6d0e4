/**
 * deflate-raw through the platform's CompressionStream (browsers and Node 20 have it), with a
 * hard bound on the inflated size so a hostile link cannot expand into a memory bomb.
 */

export function compressionAvailable(): boolean {
	return typeof CompressionStream === 'function' && typeof DecompressionStream === 'function';
}

async function collect(
	readable: ReadableStream<Uint8Array>,
	maxBytes: number
): Promise<Uint8Array | undefined> {
	const reader = readable.getReader();
	const parts: Uint8Array[] = [];
	let total = 0;
	try {
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			total += value.length;
			if (total > maxBytes) {
				await reader.cancel().catch(() => undefined);
				return undefined;
			}
			parts.push(value);
		}
	} finally {
		reader.releaseLock();
	}
	const out = new Uint8Array(total);
	let offset = 0;
	for (const part of parts) {
		out.set(part, offset);
		offset += part.length;
	}
	return out;
}

async function pipe(
	bytes: Uint8Array,
	stream: CompressionStream | DecompressionStream,
	maxBytes: number
): Promise<Uint8Array | undefined> {
	const writer = stream.writable.getWriter();
	// Errors surface on the readable side; the writer's own promises must not go unhandled.
	writer.write(bytes as Uint8Array<ArrayBuffer>).catch(() => undefined);
	writer.close().catch(() => undefined);
	return collect(stream.readable as ReadableStream<Uint8Array>, maxBytes);
}

export async function deflateRaw(bytes: Uint8Array): Promise<Uint8Array> {
	const out = await pipe(bytes, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER);
	if (!out) throw new Error('compression failed');
	return out;
}

export type InflateOutcome =
	{ ok: true; bytes: Uint8Array } | { ok: false; reason: 'too-large' | 'corrupt' };

export async function inflateRaw(bytes: Uint8Array, maxBytes: number): Promise<InflateOutcome> {
	try {
		const out = await pipe(bytes, new DecompressionStream('deflate-raw'), maxBytes);
		return out ? { ok: true, bytes: out } : { ok: false, reason: 'too-large' };
	} catch {
		return { ok: false, reason: 'corrupt' };
	}
}
