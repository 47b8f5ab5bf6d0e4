import { describe, expect, it } from 'vitest';
import { evaluatedFullResult } from '$fixtures/results';
import { catalog } from '$lib/data/catalog';
import { lightCatalog, lightCatalogData } from '$lib/data/light-catalog';
import type { CheckResult } from '$lib/result/result';
import { runAnswer } from './run-summary';
import { checkedWhat, untitledRunTitle } from './names';

const light = lightCatalog(lightCatalogData(catalog));
const full = evaluatedFullResult(1);

/** The same result narrowed to some products, verdicts set as given. */
function withVerdicts(verdicts: Record<string, CheckResult['verdicts'][string]['verdict']>) {
	const r = structuredClone(full);
	r.products = Object.keys(verdicts);
	r.verdicts = Object.fromEntries(
		Object.entries(verdicts).map(([id, verdict]) => [id, { ...full.verdicts[id]!, verdict }])
	);
	return r;
}

describe('run summary', () => {
	it('says what was checked by name, shortening long lists', () => {
		const [a, b, c, d] = light.products;
		expect(checkedWhat({ products: [a!.id] }, light)).toBe(a!.name);
		expect(checkedWhat({ products: [a!.id, b!.id, c!.id] }, light)).toBe(
			`${a!.name}, ${b!.name} and ${c!.name}`
		);
		expect(checkedWhat({ products: [a!.id, b!.id, c!.id, d!.id] }, light)).toBe(
			`${a!.name}, ${b!.name} and 2 more`
		);
		expect(checkedWhat({ products: ['gone-product'] }, light)).toBe('gone-product');
		expect(untitledRunTitle({ products: [a!.id] }, light)).toBe(`Check of ${a!.name}`);
	});

	it('gives the whole check one answer with a mark and words', () => {
		const [a, b] = light.products;
		const bad = runAnswer(withVerdicts({ [a!.id]: 'ready', [b!.id]: 'not-ready' }), light);
		expect(bad).toMatchObject({ verdict: 'not-ready', mark: '✗', label: 'Not ready' });
		expect(bad.headline).toContain(b!.name);
		const good = runAnswer(withVerdicts({ [a!.id]: 'ready', [b!.id]: 'ready' }), light);
		expect(good).toMatchObject({ verdict: 'ready', mark: '✓', label: 'Ready' });
		// One product: its own headline.
		const one = runAnswer(withVerdicts({ [a!.id]: 'degraded' }), light);
		expect(one).toMatchObject({ verdict: 'degraded', mark: '⚠' });
		expect(one.headline).not.toMatch(/^All 1 /);
		const none = runAnswer({ ...withVerdicts({}), products: [] }, light);
		expect(none.mark).toBe('?');
		expect(none.verdict).toBeUndefined();
		// The full catalog answers the same.
		expect(runAnswer(full, catalog)).toEqual(runAnswer(full, light));
	});
});
