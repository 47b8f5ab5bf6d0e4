/**
 * The "open a run" workflow the pages share. A run is saved in history (a RunRef by id) or
 * carried in a link (by payload); these open it, save it, make a share link for it, and find the
 * comparison to offer when a check the user was asked to compare has finished. Every function
 * answers with an outcome and never throws. History, the codec and the address scrubber load on
 * first use, so a page pays for them only when someone opens, saves or shares. The catalog comes
 * from the caller (the page's light catalog is a ShareCatalog): loading the full vendor data here
 * would put it on every page that can open or share a run.
 */
import type { SaveOptions, SaveOutcome, RunRecord } from '$lib/history';
import { formatWhen, runName } from '$lib/history/names';
import type { CheckResult } from '$lib/result/result';
import type { SharedResult, TrimLevel } from '$lib/share/codec';
import type { ShareCatalog } from '$lib/share/format';
import { absoluteHref } from './href';
import { compareAfterCheckPath, compareWithFromUrl, sharedPath, type RunRef } from './links';

export type OpenedRun =
	| { ok: true; from: 'history'; result: CheckResult; name: string; record: RunRecord }
	| { ok: true; from: 'link'; result: CheckResult; name: string; shared: SharedResult }
	| { ok: false; reason: string; message: string };

const loadHistory = () => import('$lib/history');
const loadCodec = () => import('$lib/share/codec');
// ipaddr.js (in privacy.ts) is needed only to word a share link's address note; the codec loads
// the same module, so this costs nothing more once someone shares.
const loadPrivacy = () => import('$lib/result/privacy');

/**
 * A saved run by its history id, or a result from a link by its payload (read with `catalog`:
 * pass the same object every time, the codec keeps its layout per catalog object).
 */
export async function openRun(ref: RunRef, catalog: ShareCatalog): Promise<OpenedRun> {
	try {
		if ('id' in ref) {
			const { getRun } = await loadHistory();
			const got = await getRun(ref.id);
			if (!got.ok) return { ok: false, reason: got.reason, message: got.message };
			const record = got.record;
			return { ok: true, from: 'history', result: record.result, name: runName(record), record };
		}
		const { decodeShare } = await import('$lib/share/decode');
		const decoded = await decodeShare(ref.payload, catalog);
		if (!decoded.ok) return { ok: false, reason: decoded.reason, message: decoded.message };
		const shared = decoded.shared;
		return {
			ok: true,
			from: 'link',
			result: shared.result,
			name: `the shared result of ${formatWhen(shared.result.startedAt)}`,
			shared
		};
	} catch (error) {
		// Loading a part of the app can fail (offline before it was cached): say so, do not hang.
		return {
			ok: false,
			reason: 'error',
			message: `The result could not be opened: ${text(error)}`
		};
	}
}

/** Saves a run to history; origin 'shared' for a result someone else sent. */
export async function saveRun(
	result: CheckResult,
	label?: string,
	options: Omit<SaveOptions, 'label'> = {}
): Promise<SaveOutcome> {
	try {
		const { saveResult } = await loadHistory();
		return await saveResult(result, label, options);
	} catch (error) {
		return {
			ok: false,
			reason: 'error',
			message: `History could not be used just now: ${text(error)}`
		};
	}
}

export type ShareLink =
	| {
			ok: true;
			/** /shared/#r=… from the site root (make it absolute with absoluteHref) */
			path: string;
			payload: string;
			trim: TrimLevel;
			/** the link holds the user's public address */
			publicAddress: boolean;
			/** what to tell the user about the link: what was left out, which addresses it holds */
			note: string;
	  }
	| { ok: false; message: string };

/** A permalink for a result, evidence trimmed to fit, the public address only if asked. */
export async function shareRun(
	result: CheckResult,
	catalog: ShareCatalog,
	options: { includePublicAddress?: boolean; maxChars?: number } = {}
): Promise<ShareLink> {
	try {
		const [{ encodeShare }, privacy] = await Promise.all([loadCodec(), loadPrivacy()]);
		const encoded = await encodeShare(result, catalog, options);
		if (!encoded.ok) return { ok: false, message: encoded.message };
		const notes = [];
		if (encoded.trim > 0) notes.push('Some probe details were left out so the link stays short.');
		notes.push(addressNote(encoded.prepared, encoded.publicAddress, privacy));
		return {
			ok: true,
			path: sharedPath(encoded.payload),
			payload: encoded.payload,
			trim: encoded.trim,
			publicAddress: encoded.publicAddress,
			note: notes.join(' ')
		};
	} catch (error) {
		return { ok: false, message: `The link could not be made: ${text(error)}` };
	}
}

/** The absolute link that opens a result in IT's view: for "send this to IT" and the ticket. */
export async function itLink(
	result: CheckResult,
	catalog: ShareCatalog
): Promise<{ ok: true; url: string } | { ok: false; message: string }> {
	const made = await shareRun(result, catalog);
	return made.ok ? { ok: true, url: absoluteHref(sharedPath(made.payload, 'it')) } : made;
}

/**
 * When the check page was opened to compare (?compareWith=…), the comparison of that run with
 * the one just finished: by its history id if it was saved, else carried in the link itself.
 * Undefined when there is nothing to compare.
 */
export async function comparisonAfterCheck(
	url: Pick<URL, 'search' | 'hash'>,
	result: CheckResult,
	saved: SaveOutcome,
	catalog: ShareCatalog
): Promise<string | undefined> {
	if (!compareWithFromUrl(url)) return undefined;
	let thisRun: RunRef | undefined;
	if (saved.ok) thisRun = { id: saved.id };
	else {
		// Without history the new run travels in the comparison link (a longer one is fine here).
		const link = await shareRun(result, catalog, { maxChars: 8000 });
		if (link.ok) thisRun = { payload: link.payload };
	}
	return thisRun && compareAfterCheckPath(url, thisRun);
}

/**
 * What the link holds by way of addresses, read from the link's own content (the result exactly
 * as it will open), never assumed: scrubbing is a second line of defence, and this sentence must
 * not promise more than it did.
 */
export function addressNote(
	prepared: CheckResult,
	publicAddress: boolean,
	{ holdsAddress, holdsLocalAddress }: Pick<Privacy, 'holdsAddress' | 'holdsLocalAddress'>
): string {
	if (publicAddress) return 'This link includes your public IP address.';
	const content = JSON.stringify(prepared);
	if (!holdsAddress(content)) return 'The link holds no IP addresses.';
	if (!holdsLocalAddress(content))
		return 'The link holds no address of your device or network; it names some of the servers it tested by their public address.';
	return 'The link holds IP addresses.';
}

type Privacy = typeof import('$lib/result/privacy');

function text(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
