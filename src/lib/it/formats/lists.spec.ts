import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '../../../../test/fixtures/it/data-files';
import { addressList, domainList, hasAddresses, portList } from './lists';
import { ruleRows } from '$lib/it/rules/rule-rows';
import { makeSelection } from '$lib/it/select/selection';

const build = (ids: string[], includeRisky = false) => {
	const selection = makeSelection(fixtureCatalog, ids, { includeRisky });
	return { selection, rows: ruleRows(selection) };
};
const entries = (text: string) => text.split('\n').filter((l) => l && !l.startsWith('#'));

describe('domain list', () => {
	it('lists outbound hosts, wildcards and URL hosts once each, sorted', () => {
		const { selection, rows } = build(['acme-video', 'other-app']);
		expect(entries(domainList(selection, rows))).toEqual([
			'*.acme-cdn.example',
			'*.acme.example',
			'*.pool.ntp.example',
			'*.signal.example',
			'api.acme.example',
			'captive.example',
			'portal.other.example',
			'turn.acme.example'
		]);
	});

	it('leaves security risks out but lists them, with the reason, as NOT ALLOWED', () => {
		const { selection, rows } = build(['acme-video']);
		const text = domainList(selection, rows);
		expect(entries(text)).not.toContain('cdn.polyfill.example');
		expect(text).toMatch(
			/# NOT ALLOWED — security risk.*\n#\s+cdn\.polyfill\.example — cdn\.polyfill\.example was taken over/
		);
	});

	it('includes them, still marked, when asked', () => {
		const { selection, rows } = build(['acme-video'], true);
		const text = domainList(selection, rows);
		expect(entries(text)).toContain('cdn.polyfill.example');
		expect(text).toMatch(/# SECURITY RISK \(included on request\): .*\ncdn\.polyfill\.example\n/);
		expect(text).toMatch(/INCLUDED ON REQUEST/);
	});

	it('names the data version and the documents', () => {
		const { selection, rows } = build(['other-app']);
		const text = domainList(selection, rows);
		expect(text).toContain('# Data version: test-1');
		expect(text).toContain('#   "Other Vendor Network Guide" — Other, undated');
	});
});

describe('address lists', () => {
	it('merges overlapping and adjacent blocks across products', () => {
		const { selection, rows } = build(['acme-video', 'other-app']);
		expect(entries(addressList(selection, rows, 4))).toEqual([
			'192.0.2.0/23',
			'198.51.100.0/24',
			'203.0.113.7/32'
		]);
		expect(entries(addressList(selection, rows, 6))).toEqual(['2001:db8::/120']);
		expect(hasAddresses(rows, 6)).toBe(true);
	});

	it('says where the blocks come from and what has no addresses', () => {
		const { selection, rows } = build(['acme-base']);
		const text = addressList(selection, rows, 4);
		expect(text).toContain('#   acme-base.api: 198.51.100.0/25 (Table 1)');
		expect(text).toContain('#   acme-base.api: Amazon Web Services');
		expect(entries(text)).toEqual(['198.51.100.0/24']);
	});

	it('keeps inbound sources out of the destination list', () => {
		const data = build(['acme-base']);
		const inboundOnly = data.rows.filter((r) => r.direction === 'inbound');
		expect(entries(addressList(data.selection, inboundOnly, 4))).toEqual([]);
		expect(hasAddresses(inboundOnly, 4)).toBe(false);
	});
});

describe('port list', () => {
	it('merges ports per direction and protocol', () => {
		const { selection, rows } = build(['acme-video', 'other-app']);
		expect(entries(portList(selection, rows))).toEqual([
			'outbound tcp 80,443,8080',
			'outbound udp 53,123,3478,10000-20000',
			'inbound tcp 3389',
			'local udp 8088-8089'
		]);
	});

	it('names the rules that have no ports', () => {
		const { selection, rows } = build(['acme-video']);
		expect(portList(selection, rows)).toMatch(/no ports for.*\n#\s+acme-video\.direct-media/);
	});
});
