/**
 * The app's links that carry results, as paths from the site root (prefix them with `base` from
 * $app/paths). Results ride in the fragment, which browsers never send to a server; only ids of
 * saved runs and product ids go in the query.
 *
 *   /shared/#r=<payload>                              a shared result
 *   /history/?run=<run id>                            one saved run
 *   /compare/?a=<run id>&b=<run id>                   two saved runs
 *   /compare/?a=<run id>#b=<payload>                  either side may be a payload instead
 *   /check/?products=<id,id>&compareWith=<run id>     check now, then compare with a saved run
 *   /check/?products=<id,id>&compareWith=shared#r=<payload>   ...or with a shared result
 */
// The small modules, not schema.ts and share/format.ts: those bring valibot onto every page.
import { ID_PATTERN as ID } from '$lib/data/id-pattern';
import { SHARE_PARAM } from '$lib/share/param';

/** A run to compare: saved in history (id) or carried in the link (payload). */
export type RunRef = { id: string } | { payload: string };

const RUN_ID = /^[A-Za-z0-9_-]{1,64}$/;
const PAYLOAD = /^\d{1,6}\.[A-Za-z0-9_-]*$/;
export const COMPARE_WITH_SHARED = 'shared';

export function sharedPath(payload: string, view?: 'it'): string {
	// "&view=it" opens the link in IT's view: what "send this to IT" and the ticket carry.
	return `/shared/#${SHARE_PARAM}=${payload}${view ? `&view=${view}` : ''}`;
}

/** One saved run on the history page. Record ids come from storage: encoded, never trusted. */
export function runPath(id: string): string {
	return `/history/?run=${encodeURIComponent(id)}`;
}

function fragmentParams(hash: string): URLSearchParams {
	return new URLSearchParams(hash.startsWith('#') ? hash.slice(1) : hash);
}

/** The share payload in a location hash, or '' if there is none. */
export function payloadFromHash(hash: string): string {
	return fragmentParams(hash).get(SHARE_PARAM) ?? '';
}

export function runRefFromParts(id: string | null, payload: string | null): RunRef | undefined {
	if (id && RUN_ID.test(id)) return { id };
	if (payload && PAYLOAD.test(payload)) return { payload };
	return undefined;
}

export function comparePath(a: RunRef, b: RunRef): string {
	const query = new URLSearchParams();
	const fragment = new URLSearchParams();
	for (const [name, ref] of [
		['a', a],
		['b', b]
	] as const) {
		if ('id' in ref) query.set(name, ref.id);
		else fragment.set(name, ref.payload);
	}
	const q = query.toString();
	const f = fragment.toString();
	return `/compare/${q ? `?${q}` : ''}${f ? `#${f}` : ''}`;
}

export function parseComparePath(search: string, hash: string): { a?: RunRef; b?: RunRef } {
	const query = new URLSearchParams(search);
	const fragment = fragmentParams(hash);
	return {
		a: runRefFromParts(query.get('a'), fragment.get('a')),
		b: runRefFromParts(query.get('b'), fragment.get('b'))
	};
}

/** The check page, with these products chosen, set to compare with `against` when it ends. */
export function checkThenComparePath(products: readonly string[], against: RunRef): string {
	const query = new URLSearchParams();
	query.set('products', products.filter((p) => ID.test(p)).join(','));
	query.set('compareWith', 'id' in against ? against.id : COMPARE_WITH_SHARED);
	const fragment = 'payload' in against ? `#${SHARE_PARAM}=${against.payload}` : '';
	return `/check/?${query.toString()}${fragment}`;
}

/** What the check page was asked to compare with, read from its own URL. */
export function compareWithFromUrl(url: Pick<URL, 'search' | 'hash'>): RunRef | undefined {
	const value = new URLSearchParams(url.search).get('compareWith');
	if (!value) return undefined;
	if (value === COMPARE_WITH_SHARED) return runRefFromParts(null, payloadFromHash(url.hash));
	return runRefFromParts(value, null);
}

/** The products the check page was asked to check (?products=a,b), valid ids only. */
export function productsFromUrl(url: Pick<URL, 'search'>): string[] {
	const value = new URLSearchParams(url.search).get('products') ?? '';
	return [...new Set(value.split(',').filter((p) => ID.test(p)))];
}

/**
 * Where the check page sends the user when a check it was asked to compare has finished:
 * the comparison of the earlier run (a) with this one (b). `thisRun` is the new run's history id
 * when it was saved, or its share payload when history is not available. Undefined when the
 * check page was not asked to compare.
 */
export function compareAfterCheckPath(
	url: Pick<URL, 'search' | 'hash'>,
	thisRun: RunRef
): string | undefined {
	const against = compareWithFromUrl(url);
	return against ? comparePath(against, thisRun) : undefined;
}
