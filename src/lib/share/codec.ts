/**
 * The permalink: a CheckResult in a URL fragment, compact enough that a check of every product
 * fits in a link of 2,000 characters. docs/permalink-format.md describes the format.
 *
 *   encodeShare(result, catalog, options) → { ok, payload, trim, publicAddress, prepared } | failure
 *   decodeShare(input, catalog)           → { ok, shared } | { ok: false, reason, message }
 *
 * The rooms: format.ts (constants, limits, messages), layout.ts (the catalog as positions, and its
 * fingerprint), prepare.ts (every lossy step), wire*.ts (the bytes: each writer beside its
 * reader), resolve.ts (bytes back to a result), bytes.ts and compress.ts (encodings).
 *
 * decodeShare never throws and never returns anything it has not validated.
 */
import { fromBase64Url, toBase64Url } from './bytes';
import { compressionAvailable, deflateRaw, inflateRaw } from './compress';
import {
	DEFAULT_MAX_PAYLOAD,
	FAILURE_MESSAGES,
	MAX_INFLATED,
	MAX_PAYLOAD_CHARS,
	SHARE_PARAM,
	SHARE_VERSION,
	failure,
	type DecodeOutcome,
	type EncodeOptions,
	type EncodeOutcome,
	type ShareCatalog
} from './format';
import { prepareForShare } from './prepare';
import { resolve } from './resolve';
import { readBody, writeBody } from './wire';
import { parseResult, type CheckResult } from '$lib/result/result';

export {
	DEFAULT_MAX_PAYLOAD,
	LIMITS,
	MAX_LINK_CHARS,
	SHARE_PARAM,
	SHARE_VERSION,
	type DecodeFailure,
	type DecodeOutcome,
	type EncodeOptions,
	type EncodeOutcome,
	type ShareCatalog,
	type SharedResult,
	type ShareProduct,
	type TrimLevel
} from './format';
export { prepareForShare } from './prepare';

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
		const bytes = writeBody(prepared, catalog, trim, publicAddress);
		const payload = `${SHARE_VERSION}.${toBase64Url(await deflateRaw(bytes))}`;
		length = payload.length;
		if (payload.length <= maxChars) {
			const hasAddress = prepared.probes.some((p) => p.evidence.publicAddress !== undefined);
			return { ok: true, payload, trim, publicAddress: hasAddress, prepared };
		}
	}
	return {
		ok: false,
		reason: 'too-large',
		length,
		message: `This result is too large for a link (${length} characters). Export it as a file instead.`
	};
}

/** Reads the payload after "#r=" (or a whole fragment/URL containing it). Never throws. */
export async function decodeShare(input: string, catalog: ShareCatalog): Promise<DecodeOutcome> {
	try {
		return await decodeShareStrict(input, catalog);
	} catch {
		// Every path below is meant to return, not throw; this keeps that promise if one does not.
		return failure('malformed');
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
	if (payload === '') return failure('empty');
	if (payload.length > MAX_PAYLOAD_CHARS) return failure('too-large');
	const dot = payload.indexOf('.');
	if (dot <= 0) return failure('malformed');
	const versionText = payload.slice(0, dot);
	if (!/^\d{1,6}$/.test(versionText)) return failure('malformed');
	const version = Number(versionText);
	if (version > SHARE_VERSION) return failure('future-version');
	if (version < 1) return failure('malformed');
	const compressed = fromBase64Url(payload.slice(dot + 1));
	if (!compressed || compressed.length === 0) return failure('malformed');
	if (!compressionAvailable()) return failure('unsupported');
	const inflated = await inflateRaw(compressed, MAX_INFLATED);
	if (!inflated.ok) return failure(inflated.reason === 'too-large' ? 'too-large' : 'damaged');
	const raw = readBody(inflated.bytes, version);
	if (!raw) return failure('damaged');
	const shared = resolve(raw, catalog);
	// What the page gets is a result the one schema accepts, to the leaves (a hand-made link can
	// hold values no check writes, a time-out of a year say): anything else is a damaged link.
	// The schema's own copy is not used: valibot's records skip "constructor", a valid id.
	if (!parseResult(shared.result).ok) return failure('damaged');
	return { ok: true, shared };
}
