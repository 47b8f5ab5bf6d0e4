import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '../../../../test/fixtures/it/data-files';
import { pacSnippet } from './pac';
import { ruleRows } from '$lib/it/rules/rule-rows';
import { makeSelection } from '$lib/it/select/selection';
import { pacInVm } from '../../../../test/fixtures/it/pac-runtime';

function load(ids: string[], includeRisky = false) {
	const selection = makeSelection(fixtureCatalog, ids, { includeRisky });
	const text = pacSnippet(selection, ruleRows(selection));
	// Run as a PAC file, in node:vm with pac-resolver's own shExpMatch (the browser helpers).
	return { text, find: pacInVm(text) };
}

describe('PAC snippet', () => {
	it('is valid JavaScript that sends WebSocket and media hosts DIRECT', () => {
		const { find } = load(['acme-video']);
		expect(find('wss://a.signal.example/socket', 'a.signal.example')).toBe('DIRECT');
		expect(find('https://turn.acme.example/', 'turn.acme.example')).toBe('DIRECT');
	});

	it('leaves other hosts to the existing proxy rules', () => {
		const { find, text } = load(['acme-video']);
		expect(find('https://api.acme.example/', 'api.acme.example')).toBe(
			'PROXY proxy.example.invalid:8080'
		);
		expect(find('https://x.pool.ntp.example/', 'x.pool.ntp.example')).not.toBe('DIRECT');
		expect(text).toContain('STARTING POINT ONLY');
		expect(text).toContain('// REPLACE: your existing rules go here.');
	});

	it('sends the ranges a vendor asks to keep away from proxies DIRECT', () => {
		const { find, text } = load(['acme-base']);
		expect(text).toContain('if (isInNet(host, "198.51.100.0", "255.255.255.0")) return "DIRECT";');
		expect(find('http://198.51.100.200/', '198.51.100.200')).toBe('DIRECT');
		expect(find('http://198.51.101.1/', '198.51.101.1')).not.toBe('DIRECT');
	});

	it('lists security risks as NOT ALLOWED in every case', () => {
		const { text } = load(['acme-video']);
		expect(text).toMatch(
			/\/\/ NOT ALLOWED — security risk.*\n\/\/\s+cdn\.polyfill\.example — .*taken over/
		);
	});

	it('names the data version and the document', () => {
		const { text } = load(['other-app']);
		expect(text).toContain('// Data version: test-1');
		expect(text).toContain('No WebSocket or media hosts in this selection');
	});
});
