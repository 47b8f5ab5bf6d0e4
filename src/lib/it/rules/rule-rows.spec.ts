import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '../../../../test/fixtures/it/data-files';
import { ruleRows, type RuleRow } from './rule-rows';
import { makeSelection } from '$lib/it/select/selection';

const rowsFor = (ids: string[], includeRisky = false) =>
	ruleRows(makeSelection(fixtureCatalog, ids, { includeRisky }));
const find = (rows: RuleRow[], dest: string, protocol = 'tcp') =>
	rows.filter((r) => r.destination.value === dest && r.protocol === protocol);

describe('ruleRows', () => {
	it('includes the products a chosen product requires', () => {
		const rows = rowsFor(['acme-video']);
		expect(new Set(rows.flatMap((r) => r.products))).toEqual(new Set(['acme-video', 'acme-base']));
	});

	it('splits ranges into CIDR rows that remember how the vendor wrote them', () => {
		const rows = rowsFor(['acme-video']).filter(
			(r) => r.destination.asWritten === '192.0.2.10 - 192.0.2.20' && r.protocol === 'tcp'
		);
		expect(rows.map((r) => r.destination.value)).toEqual([
			'192.0.2.10/31',
			'192.0.2.12/30',
			'192.0.2.16/30',
			'192.0.2.20/32'
		]);
	});

	it('expands address sets for destinations and for inbound sources', () => {
		const rows = rowsFor(['acme-base']);
		expect(find(rows, '198.51.100.128/25')[0]?.destination.addressSet).toBe('Table 1');
		const inbound = rows.filter((r) => r.direction === 'inbound');
		expect(inbound.map((r) => r.source?.value)).toEqual(['198.51.100.0/25', '198.51.100.128/25']);
		expect(inbound.every((r) => r.destination.value === 'GP Surgery')).toBe(true);
	});

	it('merges the same rule from two products into one row', () => {
		const rows = rowsFor(['acme-video', 'other-app']);
		const merged = find(rows, '*.acme.example');
		expect(merged).toHaveLength(1);
		expect(merged[0]?.products).toEqual(['acme-video', 'other-app']);
		expect(merged[0]?.requirementIds).toEqual(['acme-video.web', 'other-app.web']);
	});

	it('never merges rows that have no destination or no ports', () => {
		const rows = rowsFor(['acme-video']).filter((r) => r.destination.kind === 'unspecified');
		for (const r of rows) expect(r.requirementIds).toHaveLength(1);
	});

	it('marks security-risk destinations, and only those', () => {
		const rows = rowsFor(['acme-video']);
		expect(find(rows, 'cdn.polyfill.example')[0]?.status).toBe('not-allowed-security-risk');
		expect(find(rows, 'cdn.polyfill.example')[0]?.risks[0]).toMatch(/taken over/);
		expect(find(rows, '*.acme-cdn.example')[0]?.status).toBe('allow');
		expect(find(rows, '*.acme-cdn.example')[0]?.risks).toEqual([]);
		expect(find(rowsFor(['acme-video'], true), 'cdn.polyfill.example')[0]?.status).toBe(
			'included-security-risk'
		);
	});

	it('keeps levels, alternatives, flags and notes', () => {
		const rows = rowsFor(['acme-video']);
		const relay = find(rows, 'turn.acme.example', 'udp')[0];
		expect(relay?.ports).toBe('3478, 10000-20000');
		expect(relay?.alternatives).toEqual(['acme-media (fallback)']);
		const direct = rows.find((r) => r.requirementIds[0] === 'acme-video.direct-media');
		expect(direct?.flags).toEqual(['incomplete: The ports cell is empty.']);
		expect(direct?.level).toBe('highly-recommended');
	});

	it('rejects unknown products with a clear message', () => {
		expect(() => rowsFor(['nope'])).toThrow(/unknown product id\(s\): nope/);
		expect(() => rowsFor([])).toThrow(/choose at least one product/);
	});
});
