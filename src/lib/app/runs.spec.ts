/**
 * The "open a run" workflow on the tab's real history store (fake-indexeddb) and the real codec
 * and catalog: open by id and by payload, save, share, and the comparison after a check.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { evaluatedFullResult } from '$fixtures/results';
import { catalog } from '$lib/data/catalog';
import { lightCatalog, lightCatalogData } from '$lib/data/light-catalog';
import { decodeShare } from '$lib/share/decode';
import { payloadFromHash } from './links';
import { comparisonAfterCheck, openRun, saveRun, shareRun } from './runs';

const result = evaluatedFullResult();

describe('runs', () => {
	it('saves a run and opens it again by id, named after its label', async () => {
		const saved = await saveRun(result, 'Ward 3 Wi-Fi');
		expect(saved.ok).toBe(true);
		if (!saved.ok) return;
		const opened = await openRun({ id: saved.id }, catalog);
		expect(opened).toMatchObject({ ok: true, from: 'history' });
		if (!opened.ok || opened.from !== 'history') return;
		expect(opened.result.verdicts).toEqual(result.verdicts);
		expect(opened.record.label).toBe('Ward 3 Wi-Fi');
		expect(opened.name).toMatch(/^Ward 3 Wi-Fi \(/);
	});

	it('says plainly when a saved run is gone', async () => {
		const opened = await openRun({ id: 'no-such-run' }, catalog);
		expect(opened).toMatchObject({ ok: false, reason: 'not-found' });
		if (!opened.ok) expect(opened.message).toMatch(/no longer exists/);
	});

	it('makes a share link that opens to the same verdicts, without addresses unless asked', async () => {
		const link = await shareRun(result, catalog);
		expect(link.ok).toBe(true);
		if (!link.ok) return;
		expect(link.path.startsWith('/shared/#r=2.')).toBe(true);
		expect(link.publicAddress).toBe(false);
		expect(link.note).toMatch(/no IP addresses/);
		const payload = payloadFromHash(link.path.slice(link.path.indexOf('#')));
		expect(payload).toBe(link.payload);
		const opened = await openRun({ payload }, catalog);
		expect(opened).toMatchObject({ ok: true, from: 'link' });
		if (!opened.ok) return;
		expect({ ...opened.result.verdicts }).toEqual({ ...result.verdicts });
		expect(opened.name).toMatch(/^the shared result of /);
	});

	it('says the link holds no IP addresses only when the link itself holds none', async () => {
		const hostile = structuredClone(result);
		// Free text a probe should never have kept: the link scrubs it, and the note may say so.
		hostile.probes[0]!.evidence.detail = 'Host candidate 192.168.1.5. and fe80::1.';
		const scrubbed = await shareRun(hostile, catalog);
		expect(scrubbed.ok && scrubbed.note).toMatch(/holds no IP addresses/);
		const opened = scrubbed.ok ? await openRun({ payload: scrubbed.payload }, catalog) : undefined;
		expect(JSON.stringify(opened?.ok && opened.result)).not.toMatch(/192\.168|fe80/);

		// A server named by its public address: true to say none of the user's, not "none".
		const byAddress = structuredClone(result);
		byAddress.probes[0]!.url = 'stun:8.8.8.8:3478';
		byAddress.probes[0]!.kind = 'stun';
		const named = await shareRun(byAddress, catalog);
		expect(named.ok && named.note).toMatch(/no address of your device or network/);

		const withAddress = structuredClone(result);
		withAddress.probes[0]!.evidence.publicAddress = '81.2.69.160';
		const optedIn = await shareRun(withAddress, catalog, { includePublicAddress: true });
		expect(optedIn.ok && [optedIn.publicAddress, optedIn.note]).toEqual([
			true,
			'This link includes your public IP address.'
		]);
		const notOptedIn = await shareRun(withAddress, catalog);
		expect(notOptedIn.ok && notOptedIn.note).toMatch(/holds no IP addresses/);
	});

	it('opens and makes links with the light catalog exactly as with the full one', async () => {
		const light = lightCatalog(lightCatalogData(catalog));
		const full = await shareRun(result, catalog);
		const made = await shareRun(result, light);
		expect(made.ok && full.ok && made.payload === full.payload).toBe(true);
		if (!made.ok) return;
		const opened = await openRun({ payload: made.payload }, light);
		expect(opened.ok && { ...opened.result.verdicts }).toEqual({ ...result.verdicts });
	});

	it('passes on why a link cannot be opened', async () => {
		const opened = await openRun({ payload: '2.AAAA' }, catalog);
		expect(opened).toMatchObject({ ok: false });
		if (!opened.ok) expect(['damaged', 'malformed']).toContain(opened.reason);
	});

	it('offers the comparison after a check only when asked, by id or carried in the link', async () => {
		const asked = { search: '?products=emis-web&compareWith=m3k-1', hash: '' };
		expect(
			await comparisonAfterCheck(
				{ search: '?products=emis-web', hash: '' },
				result,
				{
					ok: true,
					id: 'new-1'
				},
				catalog
			)
		).toBeUndefined();
		expect(await comparisonAfterCheck(asked, result, { ok: true, id: 'new-1' }, catalog)).toBe(
			'/compare/?a=m3k-1&b=new-1'
		);
		const withoutHistory = await comparisonAfterCheck(
			asked,
			result,
			{
				ok: false,
				reason: 'unavailable',
				message: 'no history'
			},
			catalog
		);
		expect(withoutHistory).toMatch(/^\/compare\/\?a=m3k-1#b=2\./);
		const payload = new URLSearchParams(withoutHistory!.split('#')[1]).get('b')!;
		const decoded = await decodeShare(payload, catalog);
		expect(decoded.ok && decoded.shared.result.products).toEqual(result.products);
	});
});
