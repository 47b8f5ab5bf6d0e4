import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { encodeShare } from '$lib/share/codec';
import { fleetResult } from '$fixtures/fleet';
import { fleetFileText } from './file';
import { MAX_FILE_BYTES, readFiles, readHistoryRuns, readText, refuseLargeFile } from './importer';
import { lightCatalogData } from '$lib/data/light-catalog';

const light = lightCatalogData(catalog);
const result = (startedAt: string) =>
	fleetResult(catalog, {
		startedAt,
		verdicts: { 'accurx-vc-patient': 'ready', 'emis-web': 'not-ready' },
		causes: ['udp-blocked']
	});
async function link(startedAt: string) {
	const encoded = await encodeShare(result(startedAt), light);
	if (!encoded.ok) throw new Error(encoded.message);
	return `https://netready.example/shared/#r=${encoded.payload}`;
}
const v1 = readFileSync(
	new URL('../../../test/fixtures/v1/record-udp-blocked.json', import.meta.url),
	'utf8'
);

describe('reading pasted text', () => {
	it('decodes every link, names sites, and lists what it could not read', async () => {
		const good = await link('2026-11-30T09:00:00Z');
		const other = await link('2026-11-30T10:00:00Z');
		const cut = good.slice(0, good.length - 40);
		const progress: number[] = [];
		const read = await readText(
			`Ward 3: ${good}\nWard 5: ${other}\nWard 9: ${cut}\nrepeat ${good}`,
			light,
			(done) => progress.push(done)
		);
		expect(read.incoming.map((i) => i.name)).toEqual(['Ward 3', 'Ward 5']);
		expect(read.incoming[0]!.runs[0]!.result.verdicts['emis-web']!.verdict).toBe('not-ready');
		expect(read.incoming[0]!.runs[0]!.result.diagnosis?.findings[0]?.cause).toBe('udp-blocked');
		expect(read.skipped).toHaveLength(1);
		expect(read.skipped[0]!.what).toMatch(/^Line 3: /);
		expect(read.skipped[0]!.reason).toMatch(/damaged|cut short/);
		expect(read.repeated).toBe(1);
		expect(progress.at(-1)).toBe(3);
	});

	it('says so when the text holds no link at all', async () => {
		const read = await readText('Hello, nothing here', light);
		expect(read.skipped).toEqual([
			{
				what: 'The pasted text',
				reason: 'No netready result links (…/shared/#r=…) were found in it.'
			}
		]);
	});
});

describe('reading files', () => {
	it('reads result files of either version, fleet files and saved e-mails; names the rest', async () => {
		const files = [
			new File([JSON.stringify(result('2026-11-29T09:00:00Z'))], 'ward-3.json'),
			new File(
				[JSON.stringify(JSON.parse(v1).result)],
				'netready-result-2026-11-30T09-30-04Z.json'
			),
			new File(
				[
					fleetFileText(
						[
							{
								id: 's',
								name: 'Ward 5',
								createdAt: '2026-11-30T10:00:00.000Z',
								runs: [
									{
										id: 'r',
										addedAt: '2026-11-30T10:00:00.000Z',
										source: { kind: 'link' },
										result: result('2026-11-28T09:00:00Z')
									}
								]
							}
						],
						'x'
					)
				],
				'fleet.json'
			),
			new File(
				[`From: sam@example.org\n\nWard 8: ${await link('2026-11-27T09:00:00Z')}\n`],
				'mail.eml'
			),
			new File(['{"format":"netready-result","version":2'], 'cut.json'),
			new File(['{"hello":1}'], 'other.json'),
			new File(['<html><img src=x onerror=alert(1)></html>'], 'page.html'),
			new File([''], 'empty.json')
		];
		const read = await readFiles(files, light);
		expect(
			read.incoming.map((i) => [i.name, i.runs[0]!.source.kind, i.runs[0]!.fromResultVersion])
		).toEqual([
			['ward-3', 'file', undefined],
			[undefined, 'file', 1],
			['Ward 5', 'link', undefined],
			['Ward 8', 'link', undefined]
		]);
		expect(read.skipped.map((s) => [s.what, s.reason])).toEqual([
			['cut.json', 'This file is not valid JSON: it may have been cut short.'],
			['other.json', 'This file is JSON, but not a netready result or fleet file.'],
			['page.html', 'This file is not a netready result or fleet file, and holds no result links.'],
			['empty.json', 'This file is empty.']
		]);
	});

	it('refuses a file over 50 MB from its size alone', () => {
		expect(refuseLargeFile({ name: 'huge.json', size: MAX_FILE_BYTES + 1 })?.reason).toBe(
			'This file is 50.0 MB; files over 50.0 MB are refused without being read.'
		);
		expect(refuseLargeFile({ name: 'fine.json', size: MAX_FILE_BYTES })).toBeUndefined();
	});
});

describe('reading history runs', () => {
	it('takes each run with its label and keeps no public address', () => {
		const r = result('2026-11-30T09:00:00Z');
		r.probes[0]!.evidence.publicAddress = '203.0.113.9';
		const read = readHistoryRuns([
			{
				recordVersion: 2,
				id: 'h1',
				savedAt: '2026-11-30T10:00:00.000Z',
				label: 'Ward 2',
				origin: 'local',
				result: r
			}
		]);
		expect(read.incoming[0]!.name).toBe('Ward 2');
		expect(read.incoming[0]!.runs[0]!.source).toEqual({ kind: 'history', note: 'h1' });
		expect(JSON.stringify(read.incoming)).not.toContain('203.0.113.9');
	});
});
