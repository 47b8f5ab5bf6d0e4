/**
 * Results saved before the result-core change (version 1: sentences stored with the facts) still
 * open, and read in today's words with the same meaning: the fixtures under test/fixtures/v1/ were
 * written by netready at commit 8ce1166, before the change.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATA_VERSION, catalog } from '$lib/data/catalog';
import { readRecord } from '$lib/history/record';
import { factsFromV1Verdict, readResultFile, readStoredResult } from './migrate';
import { RESULT_VERSION, type ProbeResult } from './result';
import { productAdvice, productHeadline, requirementReason } from './words';

const DIR = 'test/fixtures/v1/';
const records = readdirSync(DIR)
	.filter((f) => f.startsWith('record-'))
	.map((f) => ({ name: f, record: JSON.parse(readFileSync(DIR + f, 'utf8')) }));

/** Advice reworded on purpose since version 1, each to one marker, so the facts still compare. */
const REWORDED: [RegExp, string][] = [[/WebRTC is turned off or missing/, '(no WebRTC)']];
const reworded = (line: string) => REWORDED.find(([re]) => re.test(line))?.[1] ?? line;

interface V1Verdict {
	verdict: string;
	headline: string;
	advice: string[];
}
interface V1Requirement {
	status: string;
	reason: string;
}

describe('version-1 history records', () => {
	it('has fixtures for every kind of verdict', () => {
		expect(records.length).toBeGreaterThanOrEqual(8);
		const kinds = new Set(
			records.flatMap(({ record }) =>
				Object.values(record.result.verdicts as Record<string, V1Verdict>).map((v) => v.verdict)
			)
		);
		expect([...kinds].sort()).toEqual(['degraded', 'not-ready', 'ready', 'unknown']);
	});

	for (const { name, record } of records)
		it(`${name} opens with the same verdicts, headlines and advice`, () => {
			const read = readRecord(record);
			expect(read.kind).toBe('migrated');
			if (read.kind !== 'migrated') return;
			expect(read.from).toBe(1);
			const result = read.record.result;
			expect(result.version).toBe(RESULT_VERSION);
			const old = record.result.verdicts as Record<string, V1Verdict>;
			for (const [id, v] of Object.entries(old)) {
				const now = result.verdicts[id]!;
				expect(now.verdict).toBe(v.verdict);
				const product = catalog.productById(id);
				expect(productHeadline(product, now, id)).toBe(v.headline);
				expect(productAdvice(product, now).map(reworded)).toEqual(v.advice.map(reworded));
			}
			const byUrl = new Map(result.probes.map((p) => [p.url, p]));
			// The reasons are made from today's data: they match the old sentences word for word only
			// while the data is the one the record was made with.
			const sameData = result.dataVersion === DATA_VERSION;
			for (const [id, r] of Object.entries(
				record.result.requirements as Record<string, V1Requirement>
			)) {
				const now = result.requirements[id]!;
				expect(now.status).toBe(r.status);
				// Two sentences were fixed on purpose: "none given outbound" and a repeated "withheld".
				const probes = now.probes.map((u) => byUrl.get(u)).filter((p): p is ProbeResult => !!p);
				const reason = requirementReason(catalog.requirementById(id)?.requirement, now, probes);
				expect(reason).toMatch(/\.$/);
				if (
					!sameData ||
					/none given|deliberately does not contact this destination \(/.test(r.reason)
				)
					continue;
				expect(reason).toBe(r.reason);
			}
		});

	it('a downloaded version-1 file reads too, and a damaged one says where', () => {
		const { result } = records[0]!.record;
		expect(readResultFile(JSON.stringify(result)).ok).toBe(true);
		const broken = structuredClone(result);
		Object.values(broken.requirements as Record<string, V1Requirement>)[0]!.status = 'maybe';
		const read = readStoredResult(broken);
		expect(read.ok).toBe(false);
		if (!read.ok) expect(read.problem).toMatch(/damaged at requirements\..+\.status/);
		expect(readResultFile('{').ok).toBe(false);
		expect(readStoredResult({ format: 'netready-result', version: 0 }).ok).toBe(false);
	});
});

describe('factsFromV1Verdict', () => {
	it('reads each fact out of the sentence version 1 wrote for it', () => {
		expect(
			factsFromV1Verdict({
				verdict: 'not-ready',
				blocking: ['a'],
				headline: 'Video calls will probably not work on this network',
				advice: []
			})
		).toEqual({ verdict: 'not-ready', blocking: ['a'], onlyInferred: true });
		expect(
			factsFromV1Verdict({
				verdict: 'degraded',
				blocking: [],
				headline: 'Video calls will work through the relay, with lower quality'
			})
		).toMatchObject({ limit: 'relay' });
		expect(
			factsFromV1Verdict({ verdict: 'degraded', blocking: [], headline: 'X should work, but' })
		).toMatchObject({ limit: 'partial' });
		expect(
			factsFromV1Verdict({
				verdict: 'ready',
				blocking: [],
				advice: ['3 required rules cannot be tested from a browser: ask IT']
			})
		).toMatchObject({ manualMandatory: 3 });
		expect(
			factsFromV1Verdict({ verdict: 'unknown', blocking: [], advice: ['Try again'] })
		).toMatchObject({ undecided: 'inconclusive' });
	});
});
