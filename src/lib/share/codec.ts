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
import { toBase64Url } from './bytes';
import { compressionAvailable, deflateRaw } from './compress';
import {
	DEFAULT_MAX_PAYLOAD,
	FAILURE_MESSAGES,
	SHARE_VERSION,
	type EncodeOptions,
	type EncodeOutcome,
	type ShareCatalog
} from './format';
import { prepareForShare } from './prepare';
import { writeBody } from './wire';
import type { CheckResult } from '$lib/result/result';

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
// Reading a link needs none of the lossy steps (nor ipaddr.js behind the scrubber): pages that
// only open links import './decode' directly.
export { decodeShare, decodeShareStrict } from './decode';

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
