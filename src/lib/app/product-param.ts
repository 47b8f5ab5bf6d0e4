/**
 * The product selection kept in the URL (`?products=a,b` or `?products=all`), so IT can send a
 * clinician a link that preselects their products, and who the link is for (`&reader=patient`).
 * What the URL says is never echoed as it came: only text that has the shape of a product id is
 * named back (bidi and control characters cannot pass that rule), and only a few of them.
 */
import { READERS, type Reader } from '$lib/result/reader';

export const PRODUCTS_PARAM = 'products';
export const READER_PARAM = 'reader';
/** The id rule of the data (docs/data.md). */
const ID = /^[a-z0-9]+(?:[-.][a-z0-9]+)*$/;
const MAX_NAMED = 5;

export interface ParsedSelection {
	ids: string[];
	/** id-shaped entries in the URL that are not products we know (at most a few, for the message) */
	unknown: string[];
	/** entries not named back: beyond the first few unknown ids, or not shaped like an id at all */
	unnamed: number;
}

export function parseSelection(raw: string | null, knownIds: readonly string[]): ParsedSelection {
	if (!raw) return { ids: [], unknown: [], unnamed: 0 };
	if (raw.trim() === 'all') return { ids: [...knownIds], unknown: [], unnamed: 0 };
	const known = new Set(knownIds);
	const ids: string[] = [];
	const unknown: string[] = [];
	let unnamed = 0;
	for (const part of raw.split(',').slice(0, 200)) {
		const id = part.trim();
		if (!id) continue;
		if (known.has(id)) {
			if (!ids.includes(id)) ids.push(id);
		} else if (ID.test(id) && id.length <= 40 && unknown.length < MAX_NAMED) {
			if (!unknown.includes(id)) unknown.push(id);
		} else unnamed++;
	}
	// Keep the catalog's order so equal selections give equal links.
	ids.sort((a, b) => knownIds.indexOf(a) - knownIds.indexOf(b));
	return { ids, unknown, unnamed };
}

export function serializeSelection(ids: readonly string[], knownIds: readonly string[]): string {
	if (ids.length > 0 && ids.length === knownIds.length && knownIds.every((k) => ids.includes(k)))
		return 'all';
	return knownIds.filter((k) => ids.includes(k)).join(',');
}

/** "?products=a,b": commas stay literal (the form the README documents and people type). */
export function productsQuery(selection: string): string {
	return selection
		? `?${PRODUCTS_PARAM}=${encodeURIComponent(selection).replace(/%2C/gi, ',')}`
		: '';
}

export function readerFromUrl(url: Pick<URL, 'searchParams'>): Reader | undefined {
	const value = url.searchParams.get(READER_PARAM);
	return READERS.find((r) => r === value);
}

/** The message for ids a link named that we do not know; plain text, never HTML. */
export function unknownMessage(selection: ParsedSelection): string | undefined {
	const { unknown, unnamed } = selection;
	if (!unknown.length && !unnamed) return undefined;
	const named = unknown.length
		? `${unknown.length === 1 ? 'a product id' : 'product ids'} we do not know (${unknown.join(', ')})`
		: '';
	const other = unnamed
		? `${unnamed} ${unnamed === 1 ? 'entry' : 'entries'} that ${unnamed === 1 ? 'is' : 'are'} not a product id`
		: '';
	return `The link named ${[named, other].filter(Boolean).join(' and ')}. ${unknown.length + unnamed === 1 ? 'It was' : 'They were'} left out; the products listed on the home page are the ones netready knows.`;
}
