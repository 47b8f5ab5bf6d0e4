/**
 * The data under data/ against the schema, the validator and the vendor documents it was taken
 * from (data/sources/). The scans read the source texts themselves, so a value lost or invented
 * in an edit fails here.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { DataFileSchema, type DataFile, type Destination, type Product } from './schema';
import { validateDataFiles } from './validate';

const root = new URL('../../../', import.meta.url);
const dataDir = new URL('data/', root);
const fileNames = readdirSync(dataDir)
	.filter((f) => f.endsWith('.json') && f !== 'meta.json')
	.sort();
const raw = fileNames.map((fileName) => ({
	fileName,
	json: JSON.parse(readFileSync(new URL(fileName, dataDir), 'utf8')) as unknown
}));
const files: { fileName: string; data: DataFile; text: string }[] = raw.map(
	({ fileName, json }) => {
		const data = v.parse(DataFileSchema, json);
		return { fileName, data, text: readFileSync(new URL(data.source.file, root), 'utf8') };
	}
);
const products = files.flatMap((f) => f.data.products);
const requirements = products.flatMap((p) => p.requirements);
const allDestinations = (f: DataFile): Destination[] => [
	...(f.addressSets ?? []).flatMap((s) => s.entries),
	...f.products.flatMap((p) =>
		p.requirements.flatMap((r) => [...r.destinations, ...(r.sources ?? [])])
	)
];

function product(id: string): Product {
	const p = products.find((x) => x.id === id);
	if (!p) throw new Error(`no product ${id}`);
	return p;
}
const flagKinds = (r: { flags?: { kind: string }[] }) => (r.flags ?? []).map((f) => f.kind);
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
const hostOfUrl = (u: string) => new URL(u).hostname;

describe('data files', () => {
	it('are the four source documents', () => {
		expect(fileNames).toEqual(['accurx.json', 'amwell.json', 'emis.json', 'medserve.json']);
	});

	it('validate, each and together', () => {
		const issues = validateDataFiles(raw, { fileExists: (p) => existsSync(new URL(p, root)) });
		expect(issues.map((i) => i.message)).toEqual([]);
	});

	it('define the product ids other parts depend on', () => {
		expect(products.map((p) => p.id).sort()).toEqual(
			[
				'accurx-vc-clinician',
				'accurx-vc-patient',
				'amwell-carepoint',
				'amwell-converge',
				'amwell-home',
				'amwell-tv-kit-200l',
				'amwell-tv-kit-200s',
				'emis-streaming',
				'emis-support-access',
				'emis-web',
				'emis-web-mobile',
				'emis-x-assistant',
				'medserve-cabinet'
			].sort()
		);
		expect(product('amwell-tv-kit-200s').requires).toEqual(['amwell-converge']);
		expect(product('amwell-tv-kit-200l').requires).toEqual(['amwell-converge']);
	});
});

describe('faithful to the source texts', () => {
	it('keeps every verbatim cell exactly as the source writes it', () => {
		const missing: string[] = [];
		for (const f of files) {
			const text = normalise(f.text);
			for (const p of f.data.products)
				for (const r of p.requirements)
					for (const key of [
						'levelText',
						'transportText',
						'portsText',
						'ruleText',
						'optOut'
					] as const) {
						const cell = r[key];
						if (cell && !text.includes(normalise(cell))) missing.push(`${r.id} ${key}: ${cell}`);
					}
		}
		expect(missing).toEqual([]);
	});

	it('has every IPv4 address and CIDR block of the sources, and none they lack', () => {
		const ADDRESS = /\b\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?\b/g;
		for (const f of files) {
			const inText = new Set(f.text.match(ADDRESS) ?? []);
			const inData = new Set<string>();
			for (const d of allDestinations(f.data)) {
				if (d.kind === 'ip' || d.kind === 'cidr') inData.add(d.value);
				if (d.kind === 'ip-range') [d.from, d.to].forEach((a) => inData.add(a));
			}
			expect(
				[...inText].filter((a) => !inData.has(a)),
				f.fileName
			).toEqual([]);
			expect(
				[...inData].filter((a) => !inText.has(a)),
				f.fileName
			).toEqual([]);
		}
		const amwell = files.find((f) => f.fileName === 'amwell.json')!;
		expect((amwell.text.match(ADDRESS) ?? []).length).toBeGreaterThan(40);
	});

	it('keeps every "a - b" address range as an ip-range, not converted', () => {
		const RANGE = /(\d{1,3}(?:\.\d{1,3}){3}) - (\d{1,3}(?:\.\d{1,3}){3})/g;
		for (const f of files) {
			const ranges = new Set(
				allDestinations(f.data).flatMap((d) =>
					d.kind === 'ip-range' ? [`${d.from} - ${d.to}`] : []
				)
			);
			for (const [, from, to] of f.text.matchAll(RANGE))
				expect(ranges, f.fileName).toContain(`${from} - ${to}`);
		}
	});

	it('has every host name and wildcard the sources name, and none they do not', () => {
		const NAME =
			/(?:\*\.?)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|io|net|org|uk|dev|systems|help|heatlhcare)\b/gi;
		for (const f of files) {
			const inText = new Set((f.text.match(NAME) ?? []).map((n) => n.toLowerCase()));
			const inData = new Set<string>();
			for (const d of allDestinations(f.data)) {
				if (d.kind === 'host' || d.kind === 'wildcard') inData.add(d.value);
				if (d.kind === 'url') inData.add(hostOfUrl(d.value));
			}
			expect(
				[...inText].filter((n) => !inData.has(n)),
				f.fileName
			).toEqual([]);
			expect(
				[...inData].filter((n) => !inText.has(n)),
				f.fileName
			).toEqual([]);
		}
	});

	it('encodes every port number of a PORTS cell, across rows netready split', () => {
		const groups = new Map<string, { text: string; ports: Set<number> }>();
		for (const p of products)
			for (const r of p.requirements) {
				if (r.portsText === undefined) continue;
				if (r.portsText === '') {
					expect(r.ports, r.id).toEqual([]);
					continue;
				}
				const key = `${p.id} ${r.section} ${r.service} ${r.portsText}`;
				const g = groups.get(key) ?? { text: r.portsText, ports: new Set<number>() };
				r.ports.forEach((x) => (g.ports.add(x.from), g.ports.add(x.to)));
				groups.set(key, g);
			}
		expect(groups.size).toBeGreaterThan(50);
		for (const [key, g] of groups) {
			const numbers = new Set(
				(g.text.replace(/(\d),(\d{3})/g, '$1$2').match(/\d+/g) ?? []).map(Number)
			);
			expect([...g.ports].sort(), key).toEqual([...numbers].sort());
		}
	});

	it('uses only the protocols a TRANSPORT cell names, and both where it names both', () => {
		for (const r of requirements) {
			const t = (r.transportText ?? '').toUpperCase();
			const named = ['tcp', 'udp'].filter((p) => t.includes(p.toUpperCase()));
			if (named.length === 0 || r.ports.length === 0) continue;
			const used = new Set(r.ports.map((p) => p.protocol));
			for (const p of used) expect(named, r.id).toContain(p);
			const split = (r.remarks ?? []).some((n) => n.includes('split by netready'));
			if (named.length === 2 && !split && !flagKinds(r).includes('contradiction'))
				expect([...used].sort(), r.id).toEqual(['tcp', 'udp']);
		}
	});

	it('keeps the vendor’s words and netready’s remarks apart: every note is verbatim from the source', () => {
		const notVerbatim: string[] = [];
		let notes = 0;
		for (const f of files) {
			const text = normalise(f.text);
			for (const p of f.data.products)
				for (const o of [p, ...p.requirements])
					for (const n of o.notes ?? []) {
						notes++;
						if (!text.includes(normalise(n))) notVerbatim.push(`${o.id}: ${n}`);
					}
		}
		expect(notVerbatim).toEqual([]);
		expect(notes).toBeGreaterThan(30);
	});
});
