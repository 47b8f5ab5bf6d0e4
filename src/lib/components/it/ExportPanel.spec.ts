import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import ExportPanel from './ExportPanel.svelte';
import { catalog } from '$lib/data/catalog';

describe('ExportPanel (server render)', () => {
	it('offers one download button per export, names the data version, no links to anywhere', () => {
		const id = catalog.products[0]?.id ?? 'none';
		const { body } = render(ExportPanel, { props: { productIds: [id] } });
		const buttons = body.match(/<button type="button"[^>]*>[^<]*<\/button>/g) ?? [];
		expect(buttons.map((b) => b.replace(/<[^>]+>/g, ''))).toEqual(
			expect.arrayContaining([
				'Rule table (CSV)',
				'Domain list',
				'nftables starter rules',
				'Linux/macOS test script (sh)'
			])
		);
		expect(buttons.length).toBeGreaterThanOrEqual(9);
		expect(body).toContain(`data version ${catalog.dataVersion}`);
		expect(body).not.toMatch(/href=/);
	});

	it('says clearly when a product id is unknown', () => {
		const { body } = render(ExportPanel, { props: { productIds: ['no-such-product'] } });
		expect(body).toContain('role="alert"');
		expect(body).toContain('unknown product id(s): no-such-product');
	});
});
