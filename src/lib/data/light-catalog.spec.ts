import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { catalog } from './catalog';
import { lightCatalog, lightCatalogData } from './light-catalog';
import { encodeShare } from '$lib/share/codec';
import { decodeShare } from '$lib/share/decode';
import { gridOf } from '$lib/result/summary';
import { ruleSummary } from '$lib/result/words';
import { evaluatedFullResult, randomResult, seededRandom } from '$fixtures/results';

const data = lightCatalogData(catalog);
// Through JSON, as it reaches the page.
const light = lightCatalog(JSON.parse(JSON.stringify(data)));

describe('light catalog', () => {
	it('has every product and requirement of the full catalog, with the same look-ups', () => {
		expect(light.products.map((p) => p.id)).toEqual(catalog.products.map((p) => p.id));
		for (const p of catalog.products) {
			expect(light.withRequiredProducts([p.id]).map((x) => x.id)).toEqual(
				catalog.withRequiredProducts([p.id]).map((x) => x.id)
			);
			for (const r of p.requirements) {
				const found = light.requirementById(r.id);
				expect(found?.product.id).toBe(p.id);
				expect(found?.requirement.purpose).toBe(r.purpose);
				// IT's "what to open" reads the same from either copy.
				expect(ruleSummary(found!.requirement, 3)).toBe(ruleSummary(r, 3));
			}
		}
		expect(light.selectProducts(['nope', catalog.products[0]!.id]).unknown).toEqual(['nope']);
	});

	it('reads permalinks exactly as the full catalog does, both ways', async () => {
		const rand = seededRandom(7);
		for (const result of [
			evaluatedFullResult(),
			...Array.from({ length: 20 }, () => randomResult(catalog, rand))
		]) {
			const full = await encodeShare(result, catalog);
			const lite = await encodeShare(result, light);
			expect(full.ok && lite.ok).toBe(true);
			if (!full.ok || !lite.ok) continue;
			expect(lite.payload).toBe(full.payload);
			const back = await decodeShare(full.payload, light);
			const backFull = await decodeShare(full.payload, catalog);
			expect(back).toEqual(backFull);
		}
	});

	it('words a grid like the full catalog', () => {
		const result = evaluatedFullResult();
		expect(
			gridOf(result, light).map((r) => [r.id, r.product?.name, r.blocking.map((b) => b?.purpose)])
		).toEqual(
			gridOf(result, catalog).map((r) => [r.id, r.product?.name, r.blocking.map((b) => b?.purpose)])
		);
	});

	it('stays a small part of the full catalog', () => {
		const lightGz = gzipSync(JSON.stringify(data)).length;
		const fullGz = gzipSync(JSON.stringify(catalog.products)).length;
		// Measured 4.6 KB against 23.5 KB; a copy that grew back towards the full data fails here.
		expect(lightGz).toBeLessThan(6 * 1024);
		expect(lightGz / fullGz).toBeLessThan(0.3);
	});
});
