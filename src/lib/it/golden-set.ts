/**
 * The selections the golden files under test/golden/ cover: every product on its own, and one
 * selection across vendors that exercises merging (two Amwell TV kits that share Converge and
 * Twilio's ranges, Accurx with its security-risk entry, EMIS with its address tables).
 * Shared by the golden test (which compares) and test/it/regenerate-golden.mjs (which writes).
 */
import type { ItData } from './context';
import { buildExports } from './exports';

export const GOLDEN_DIR = 'test/golden';

export const MULTI_SELECTION = {
	name: 'multi-amwell-tv-kits-accurx-emis',
	productIds: ['amwell-tv-kit-200s', 'amwell-tv-kit-200l', 'accurx-vc-clinician', 'emis-web']
};

export interface GoldenSelection {
	name: string;
	productIds: string[];
}

export function goldenSelections(data: ItData): GoldenSelection[] {
	const present = MULTI_SELECTION.productIds.every((id) => data.products.some((p) => p.id === id));
	return [
		...data.products.map((p) => ({ name: p.id, productIds: [p.id] })),
		...(present ? [MULTI_SELECTION] : [])
	];
}

/** Relative path under GOLDEN_DIR -> expected content. */
export function goldenFiles(data: ItData): Map<string, string> {
	const out = new Map<string, string>();
	for (const s of goldenSelections(data))
		for (const f of buildExports(data, s.productIds)) out.set(`${s.name}/${f.name}`, f.content);
	return out;
}
