import { describe, expect, it } from 'vitest';
import { evaluate } from '$lib/check/check';
import { presentResult, requirementName } from './present';
import { RESULT_VERSION, type CheckResult } from './result';
import { URL, testCatalog as catalog } from '$fixtures/test-products';

function result(productIds: string[]): CheckResult {
	const probes = [
		{
			url: URL.amwell,
			kind: 'https' as const,
			outcome: 'reachable' as const,
			ms: 20,
			evidence: {}
		},
		{ url: URL.turnUdp, kind: 'turn' as const, outcome: 'timeout' as const, ms: 4500, evidence: {} }
	];
	return {
		format: 'netready-result',
		version: RESULT_VERSION,
		startedAt: '2026-11-29T10:00:00.000Z',
		finishedAt: '2026-11-29T10:00:04.500Z',
		dataVersion: 'd',
		appVersion: 'a',
		browser: 'Chrome 156',
		webrtc: 'full',
		products: productIds,
		probes,
		...evaluate(productIds, catalog, probes, { webrtc: 'full' })
	};
}

describe('presentResult', () => {
	it('lists a product’s own requirements, then those of the products it requires, with their probes', () => {
		const { sections, orphans } = presentResult(result(['amwell-tv-kit-200s']), catalog);
		expect(sections).toHaveLength(1);
		const s = sections[0]!;
		expect(s.alsoRequires.map((p) => p.id)).toEqual(['amwell-converge']);
		expect(s.rows.map((r) => r.id)).toEqual([
			'amwell-tv-kit-200s.ntp',
			'amwell-tv-kit-200s.app',
			'amwell-converge.web',
			'amwell-converge.media'
		]);
		expect(s.rows[3]!.owner!.id).toBe('amwell-converge');
		// the media requirement rests on two probes; only the one that ran is shown
		expect(s.rows[3]!.probes.map((p) => p.url)).toEqual([URL.turnUdp]);
		expect(orphans).toEqual([]);
	});

	it('collects security-risk flags so the plain view can show them', () => {
		const { sections } = presentResult(result(['accurx-video']), catalog);
		expect(sections[0]!.securityRisks).toEqual([
			expect.objectContaining({
				requirementId: 'accurx-video.polyfill',
				flag: expect.objectContaining({ kind: 'security-risk' })
			})
		]);
	});

	it('keeps requirements and products the current data no longer has', () => {
		const r = result(['emis-web-mobile']);
		r.products.push('retired-product');
		r.requirements['retired-product.rule'] = {
			status: 'failed',
			probes: [URL.amwell]
		};
		const { sections, orphans } = presentResult(r, catalog);
		expect(sections[1]).toMatchObject({ id: 'retired-product', product: undefined, rows: [] });
		expect(orphans).toEqual([
			expect.objectContaining({
				id: 'retired-product.rule',
				requirement: undefined,
				probes: [r.probes[0]]
			})
		]);
	});

	it('names requirements of other products with their product', () => {
		expect(requirementName('amwell-converge.media', catalog, 'amwell-tv-kit-200s')).toBe(
			'amwell-converge.media (Amwell Converge)'
		);
		expect(requirementName('amwell-tv-kit-200s.app', catalog, 'amwell-tv-kit-200s')).toBe(
			'amwell-tv-kit-200s.app'
		);
		expect(requirementName('gone', catalog)).toBe('gone');
	});
});
