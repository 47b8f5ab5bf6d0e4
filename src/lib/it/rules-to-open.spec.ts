import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { BOM } from '$lib/csv';
import { formatWhen } from '$lib/dates';
import { catalog } from '$lib/data/catalog';
import { fixtureCatalog } from '$fixtures/it/data-files';
import { openResult } from '$fixtures/it/open-result';
import { evaluatedFullResult } from '$fixtures/results';
import { nftCheck } from '$fixtures/it/syntax-check';
import {
	OPEN_CSV_COLUMNS,
	rulesToOpen,
	rulesToOpenCsv,
	rulesToOpenFileName,
	rulesToOpenNft,
	rulesToOpenTicket
} from './rules-to-open';

const open = rulesToOpen(openResult(), fixtureCatalog);

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

describe('the rules to open from a result', () => {
	it('lists exactly the requirements that failed, partly passed or were inferred blocked', () => {
		expect(open.requirements).toBe(3);
		expect([...new Set(open.rows.map((r) => r.requirementId))]).toEqual([
			'acme-video.web',
			'acme-video.media',
			'acme-base.support'
		]);
		// passed, manual and inferred-open rules are not in it
		for (const id of ['other-app.web', 'acme-base.api', 'acme-video.websocket'])
			expect(open.rows.some((r) => r.requirementId === id)).toBe(false);
	});

	it('gives one row per protocol, port range and destination, ranges as blocks, wildcards as written', () => {
		const media = open.rows.filter((r) => r.requirementId === 'acme-video.media');
		const row = (protocol: string, destination: string) =>
			media.filter((r) => r.protocol === protocol && r.destination === destination);
		expect(row('tcp', 'turn.acme.example')).toHaveLength(1);
		expect(row('udp', 'turn.acme.example').map((r) => r.ports)).toEqual(['3478', '10000-20000']);
		expect(row('udp', '192.0.2.0/24')).toHaveLength(2);
		expect(row('udp', '203.0.113.7')).toHaveLength(2);
		expect(media.every((r) => r.status === 'partial' && r.level === 'mandatory')).toBe(true);
		const web = open.rows.filter((r) => r.requirementId === 'acme-video.web');
		expect(web.map((r) => r.destination)).toContain('*.acme-cdn.example');
		expect(web[0]).toMatchObject({
			productName: 'Acme Video',
			requirement: 'Web app',
			status: 'failed',
			direction: 'outbound'
		});
		expect(web[0]?.evidence).toMatch(/^Failed: .*no answer in time/);
	});

	it('resolves address sets through the catalog', () => {
		const inbound = open.rows.filter((r) => r.requirementId === 'acme-base.support');
		expect(inbound.map((r) => r.source).sort()).toEqual(['198.51.100.0/25', '198.51.100.128/25']);
		expect(inbound.every((r) => r.direction === 'inbound' && r.ports === '3389')).toBe(true);
	});

	it('flags a security-risk destination and never lists it as one to open', () => {
		const risky = open.rows.filter((r) => r.destination === 'cdn.polyfill.example');
		expect(risky).toHaveLength(1);
		expect(risky[0]?.action).toBe('do-not-open');
		expect(risky[0]?.risk).toMatch(/malicious/);
		expect(open.rows.filter((r) => r.action === 'do-not-open')).toEqual(risky);
	});

	it('is empty when nothing needs action', () => {
		const allPassed = openResult();
		for (const r of Object.values(allPassed.requirements))
			if (r.status !== 'manual') r.status = 'passed';
		const none = rulesToOpen(allPassed, fixtureCatalog);
		expect(none.rows).toEqual([]);
		expect(none.requirements).toBe(0);
		expect(rulesToOpenTicket(none)).toContain('there is nothing to open');
	});

	it('keeps an id today’s data no longer has as unknown, with nothing invented for it', () => {
		const old = openResult();
		old.requirements['acme-video.gone'] = { status: 'failed', probes: [] };
		const withOld = rulesToOpen(old, fixtureCatalog);
		expect(withOld.unknown).toEqual(['acme-video.gone']);
		expect(withOld.rows.some((r) => r.requirementId === 'acme-video.gone')).toBe(false);
		expect(rulesToOpenTicket(withOld)).toContain('acme-video.gone');
	});
});

describe('its exports', () => {
	it('CSV: UTF-8 with a byte-order mark, a parser reads one record per row', () => {
		const text = rulesToOpenCsv(open);
		expect(text.startsWith(BOM)).toBe(true);
		const records = parse(text, { bom: true, columns: true }) as Record<string, string>[];
		expect(Object.keys(records[0]!)).toEqual([...OPEN_CSV_COLUMNS]);
		expect(records).toHaveLength(open.rows.length);
		const risky = records.find((r) => r.destination === 'cdn.polyfill.example');
		expect(risky?.action).toBe('do-not-open');
		expect(
			records.find((r) => r.destination === '192.0.2.0/24' && r.protocol === 'udp')
		).toMatchObject({
			ports: '3478',
			requirement_id: 'acme-video.media',
			status: 'partial'
		});
	});

	it('nftables: the product writer’s sets for these rules only, risks and names as comments', () => {
		const text = rulesToOpenNft(open, { locale: 'en-GB' });
		expect(text.split('\n')[0]).toBe('#!/usr/sbin/nft -f');
		expect(text).toContain('# RULES TO OPEN from one netready result: 3 rules failed');
		expect(text).toMatch(/ip daddr @\w+ udp dport @\w+ accept/);
		expect(text).toContain('203.0.113.7/32');
		// other-app passed: its own block is not opened
		expect(text).not.toContain('192.0.3.0/24');
		expect(text).not.toMatch(/^[^#]*polyfill/m);
		expect(text).not.toMatch(/^[^#]*acme-cdn/m);
		expect(text).toMatch(/# NOT ALLOWED — security risk.*\n#\s+cdn\.polyfill\.example/);
		expect(text).toMatch(/#\s+ip saddr 198\.51\.100\.0\/25 tcp dport \{ 3389 \} accept/);
	});

	it('nftables passes nft -c', (ctx) => {
		expectNftAccepts(rulesToOpenNft(open), ctx);
	});

	it('nftables passes nft -c for a whole real check of every product', (ctx) => {
		const full = rulesToOpen(evaluatedFullResult(), catalog);
		expect(full.rows.length).toBeGreaterThan(0);
		expectNftAccepts(rulesToOpenNft(full), ctx);
	});

	it('ticket: what to open, why, what was seen, the link, versions and dates', () => {
		const now = '2026-11-30T08:00:00.000Z';
		const text = rulesToOpenTicket(open, {
			permalink: 'https://netready.example/shared/#r=2.abc&view=it',
			now,
			locale: 'en-GB'
		});
		expect(text).toMatch(/^Network change request: open 3 rules for Acme Video and Other App\n/);
		expect(text).toContain('1. Acme Video — Web app [acme-video.web] (mandatory, failed)');
		expect(text).toContain('   Open: outbound TCP 443 → *.acme-cdn.example');
		expect(text).toContain('   Open: outbound UDP 10000-20000 → 192.0.2.0/24');
		expect(text).toMatch(/Open: inbound TCP 3389 → GP Surgery from 198\.51\.100\.0\/25/);
		expect(text).toMatch(/Seen: Failed: .*no answer in time/);
		expect(text).toMatch(
			/Do NOT open.*\n {3}cdn\.polyfill\.example \(acme-video\.web\): .*malicious/
		);
		expect(text).not.toMatch(/Open: .*polyfill/);
		expect(text).toContain('8 more rules cannot be tested in a browser: confirm them by hand');
		expect(text).toContain('The result: https://netready.example/shared/#r=2.abc&view=it');
		expect(text).toContain(
			`netready 0.1.0, requirements data test-1, checked ${formatWhen(open.result.finishedAt, 'en-GB')}`
		);
		expect(text).toContain(`Written ${formatWhen(now, 'en-GB')} with requirements data test-1`);
		expect(rulesToOpenTicket(open)).not.toContain('The result:');
	});

	it('file names follow the result exports', () => {
		const result = openResult();
		expect(rulesToOpenFileName(result, 'csv')).toBe('netready-2026-11-29T0930-rules-to-open.csv');
		expect(rulesToOpenFileName(result, 'nft', 'Ward 3 Wi-Fi')).toBe(
			'netready-2026-11-29T0930-ward-3-wi-fi-rules-to-open.nft'
		);
	});
});
