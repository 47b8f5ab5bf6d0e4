/**
 * The product selection kept in the URL (`?products=a,b` or `?products=all`), so IT can send a
 * clinician a link that preselects their products. Unknown ids are dropped and reported, never shown as HTML.
 */
export const PRODUCTS_PARAM = 'products';

export interface ParsedSelection {
	ids: string[];
	/** ids in the URL that are not products we know */
	unknown: string[];
}

export function parseSelection(raw: string | null, knownIds: readonly string[]): ParsedSelection {
	if (!raw) return { ids: [], unknown: [] };
	if (raw.trim() === 'all') return { ids: [...knownIds], unknown: [] };
	const known = new Set(knownIds);
	const ids: string[] = [];
	const unknown: string[] = [];
	for (const part of raw.split(',')) {
		const id = part.trim();
		if (!id) continue;
		if (known.has(id)) {
			if (!ids.includes(id)) ids.push(id);
		} else if (!unknown.includes(id)) unknown.push(id.slice(0, 80));
	}
	// Keep the catalog's order so equal selections give equal links.
	ids.sort((a, b) => knownIds.indexOf(a) - knownIds.indexOf(b));
	return { ids, unknown };
}

export function serializeSelection(ids: readonly string[], knownIds: readonly string[]): string {
	if (ids.length > 0 && ids.length === knownIds.length && knownIds.every((k) => ids.includes(k)))
		return 'all';
	return knownIds.filter((k) => ids.includes(k)).join(',');
}
