/**
 * Reading a permalink: the half of the codec a page needs to open a link. It needs none of the
 * lossy steps of prepare.ts (nor ipaddr.js behind the scrubber), so /shared/ stays light; codec.ts
 * re-exports it beside encodeShare.
 *
 * decodeShare never throws and never returns anything it has not validated.
 */
import { fromBase64Url } from './bytes';
import { compressionAvailable, inflateRaw } from './compress';
import {
	MAX_INFLATED,
	MAX_PAYLOAD_CHARS,
	SHARE_PARAM,
	SHARE_VERSION,
	failure,
	type DecodeOutcome,
	type ShareCatalog
} from './format';
import { resolve } from './resolve';
import { readBody } from './wire';
import { parseResult } from '$lib/result/result';

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
