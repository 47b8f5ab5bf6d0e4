import { describe, expect, it } from 'vitest';
import type { Product, Requirement } from '$lib/data/schema';
import { makeCatalog } from '$lib/data/make-catalog';
import { fixtureCatalog, otherFile, videoFile } from '../../../../test/fixtures/it/data-files';
import { nftablesRuleset } from './nftables';
import { ruleRows } from '$lib/it/rules/rule-rows';
import { makeSelection } from '$lib/it/select/selection';
import { nftCheck } from '../../../../test/fixtures/it/syntax-check';

const ruleset = (ids: string[], includeRisky = false) => {
	const selection = makeSelection(fixtureCatalog, ids, { includeRisky });
	return nftablesRuleset(selection, ruleRows(selection));
};

const namesOnly: Product = {
	...(otherFile.products[0] as Product),
	id: 'names-only',
	requirements: [
		{
			...(otherFile.products[0]?.requirements[0] as Product['requirements'][number]),
			id: 'names-only.web',
			destinations: [{ kind: 'host', value: 'portal.other.example' }]
		}
	]
};

/** Runs nft -c; when this machine cannot, says why (loudly) instead of passing quietly. */
function expectNftAccepts(text: string, ctx: { skip: (note?: string) => void }) {
	const verdict = nftCheck(text);
	if (!verdict.ran) {
		console.warn(`nftables NOT checked with nft -c: ${verdict.why}`);
		ctx.skip(verdict.why);
		return;
	}
	expect(verdict.output).toBe('');
	expect(verdict.ok).toBe(true);
}

describe('nftables starter rule set', () => {
	it('has named address and port sets per port list, merged across products', () => {
		const text = ruleset(['acme-video', 'other-app']);
		expect(text).toMatch(
			/set tcp_443_v4 \{\n\t\ttype ipv4_addr; flags interval\n\t\telements = \{ 192\.0\.2\.0\/23, 198\.51\.100\.0\/24, 203\.0\.113\.7\/32 \}/
		);
		expect(text).toMatch(
			/set tcp_443_v6 \{\n\t\ttype ipv6_addr; flags interval\n\t\telements = \{ 2001:db8::\/120 \}/
		);
		expect(text).toMatch(
			/set acme_video_media_udp_ports \{\n\t\ttype inet_service; flags interval\n\t\telements = \{ 3478, 10000-20000 \}/
		);
		expect(text).toContain('\t\tip daddr @tcp_443_v4 tcp dport @tcp_443_ports accept');
		expect(text).toContain('\t\tip6 daddr @tcp_443_v6 tcp dport @tcp_443_ports accept');
		expect(text).toContain(
			'\t\tip daddr @acme_table_1_tcp_v4 tcp dport @acme_table_1_tcp_ports accept'
		);
	});

	it('shares one port set between rules to the same blocks, and names it after the address table', () => {
		const data = makeCatalog(
			[
				{
					...videoFile,
					products: [
						{
							...(videoFile.products[1] as Product),
							requires: [],
							requirements: [443, 33962, 33963].map((port) => ({
								...((videoFile.products[1] as Product).requirements[2] as Requirement),
								id: `acme-base.port-${port}`,
								ports: [{ protocol: 'tcp' as const, from: port, to: port }],
								destinations: [{ kind: 'address-set' as const, ref: 'acme.table-1' }]
							}))
						}
					]
				}
			],
			'test-3'
		);
		const selection = makeSelection(data, ['acme-base']);
		const text = nftablesRuleset(selection, ruleRows(selection));
		expect(text.match(/^\tset /gm)).toHaveLength(2);
		expect(text).toContain('\t\telements = { 443, 33962-33963 }');
		expect(text).toContain(
			'\t\tip daddr @acme_table_1_tcp_v4 tcp dport @acme_table_1_tcp_ports accept'
		);
	});

	it('writes domain rules as comments, saying a DNS-aware firewall or proxy must enforce them', () => {
		const text = ruleset(['acme-video']);
		expect(text).toMatch(
			/# DOMAIN RULES — nft matches addresses, not names\. A DNS-aware firewall or a web proxy/
		);
		expect(text).toContain('#   tcp 443 → *.acme-cdn.example [mandatory; acme-video.web]');
		expect(text).not.toMatch(/^[^#]*acme-cdn/m);
	});

	it('keeps inbound rules disabled and security risks out, listed as NOT ALLOWED', () => {
		const text = ruleset(['acme-video']);
		expect(text).toContain(
			'#   ip saddr 198.51.100.0/25 tcp dport { 3389 } accept  # acme-base.support → GP Surgery'
		);
		expect(text).not.toMatch(/^[^#]*polyfill/m);
		expect(text).toMatch(/# NOT ALLOWED — security risk.*\n#\s+cdn\.polyfill\.example/);
		expect(text).toContain('# STARTING POINT ONLY');
		expect(text).toContain('# Data version: test-1');
	});

	it('passes nft -c', (ctx) => {
		expectNftAccepts(ruleset(['acme-video', 'other-app']), ctx);
	});

	it('passes nft -c with no addresses at all', (ctx) => {
		const data = makeCatalog([{ ...otherFile, products: [namesOnly] }], 'test-2');
		const selection = makeSelection(data, ['names-only']);
		const text = nftablesRuleset(selection, ruleRows(selection));
		expect(text).toContain('# (no destination addresses to allow in this selection)');
		expectNftAccepts(text, ctx);
	});

	it('nft -c really checks: a broken rule set is refused', (ctx) => {
		const verdict = nftCheck(
			'table inet t {\n\tset s { type ipv4_addr; flags interval; elements = { 10.0.0.0/24, 10.0.0.5 } }\n}\n'
		);
		if (!verdict.ran) {
			console.warn(`nftables NOT checked with nft -c: ${verdict.why}`);
			ctx.skip(verdict.why);
			return;
		}
		expect(verdict.ok).toBe(false);
		expect(verdict.output).toMatch(/conflicting intervals/);
	});
});
