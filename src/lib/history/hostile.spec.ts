/**
 * Stored records as a broken build, another tab or a hand with the developer tools leaves them:
 * the reader never throws, a record either opens as a result the one schema accepts (to the
 * leaves, with maps no id can reach Object.prototype through) or is set aside with a reason, and
 * listing a database full of such records lists the good ones and quarantines each bad one once.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { rawOpen, rawPut } from '$fixtures/raw-idb';
import { realisticFullResult, seededRandom, syntheticCatalog } from '$fixtures/results';
import { parseResult } from '$lib/result/result';
import { readRecord, RECORD_VERSION } from './record';
import { HistoryStore } from './store';

const result = realisticFullResult(syntheticCatalog());
const good = {
	recordVersion: RECORD_VERSION,
	id: 'good-1',
	savedAt: '2026-11-29T10:00:00.000Z',
	origin: 'local',
	label: 'Ward 3',
	result
};

const HOSTILE_VALUES: unknown[] = [
	null,
	undefined,
	'',
	'text',
	'x'.repeat(3000),
	0,
	-1,
	1e300,
	Number.NaN,
	true,
	[],
	[null],
	{},
	{ length: 1 },
	JSON.parse('{"__proto__": {"polluted": true}}'),
	JSON.parse('{"constructor": {"verdict": "ready", "blocking": []}}'),
	'2026-13-45T99:99:99Z',
	'constructor',
	'__proto__'
];

/** Every path to a leaf or a branch of a value, for mutating one of them. */
function paths(value: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
	out.push(at);
	if (value && typeof value === 'object' && out.length < 5000)
		for (const [k, v] of Object.entries(value))
			paths(v, [...at, Array.isArray(value) ? Number(k) : k], out);
	return out;
}

function mutate(record: unknown, rand: () => number): unknown {
	const copy = structuredClone(record) as Record<string, unknown>;
	const all = paths(copy).filter((p) => p.length > 0);
	for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
		const path = all[Math.floor(rand() * all.length)]!;
		let parent: Record<string | number, unknown> = copy;
		for (const key of path.slice(0, -1)) {
			const next = parent?.[key];
			if (!next || typeof next !== 'object') break;
			parent = next as Record<string | number, unknown>;
		}
		const key = path[path.length - 1]!;
		const roll = rand();
		if (parent && typeof parent === 'object') {
			if (roll < 0.15) delete parent[key];
			else
				parent[key] = structuredClone(HOSTILE_VALUES[Math.floor(rand() * HOSTILE_VALUES.length)]);
		}
	}
	return copy;
}

describe('reading hostile records (seeded fuzz)', () => {
	it('never throws: each record opens to the leaves or is set aside with a reason', () => {
		const rand = seededRandom(4242);
		const kinds = new Map<string, number>();
		for (let i = 0; i < 2000; i++) {
			const value = mutate(i % 5 === 0 ? { id: 'v0', time: 1, result } : good, rand);
			const read = readRecord(value);
			kinds.set(read.kind, (kinds.get(read.kind) ?? 0) + 1);
			if (read.kind === 'current' || read.kind === 'migrated') {
				const r = read.record.result;
				expect(parseResult(r).ok).toBe(true);
				expect(Object.getPrototypeOf(r.verdicts)).toBeNull();
				expect(Object.getPrototypeOf(r.requirements)).toBeNull();
				expect(new Set(r.products).size).toBe(r.products.length);
				// No id reaches a member of Object.prototype.
				for (const id of ['constructor', 'toString', 'hasOwnProperty', '__proto__'])
					for (const map of [r.verdicts, r.requirements] as Record<string, unknown>[])
						expect(map[id] === undefined || Object.hasOwn(map, id), id).toBe(true);
				expect(typeof read.record.id).toBe('string');
			} else if (read.kind === 'unreadable') {
				expect(read.problem.length).toBeGreaterThan(5);
			}
		}
		expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
		console.info('hostile records', Object.fromEntries(kinds));
		expect(kinds.get('unreadable')).toBeGreaterThan(400);
		expect((kinds.get('current') ?? 0) + (kinds.get('migrated') ?? 0)).toBeGreaterThan(60);
	});

	it('reads ids named after Object.prototype members as own entries only', () => {
		const hostile = JSON.parse(
			JSON.stringify({
				...good,
				result: { ...result, products: ['constructor', 'tostring', 'constructor'] }
			})
		);
		hostile.result.verdicts = JSON.parse(
			'{"tostring": {"verdict": "ready", "blocking": []}, "__proto__": {"verdict": "ready", "blocking": []}}'
		);
		const read = readRecord(hostile);
		expect(read.kind).toBe('current');
		if (read.kind !== 'current') return;
		const r = read.record.result;
		expect(r.products).toEqual(['constructor', 'tostring']);
		expect(r.verdicts['constructor']).toBeUndefined();
		expect(r.verdicts['tostring']).toEqual({ verdict: 'ready', blocking: [] });
		expect(Object.keys(r.verdicts)).toEqual(['tostring']);
	});
});

const stores: HistoryStore[] = [];
afterEach(async () => {
	await Promise.all(stores.splice(0).map((s) => s.close()));
});

describe('listing a database of hostile records', () => {
	it('lists the good ones, sets each bad one aside once, and says how many', async () => {
		const factory = new IDBFactory();
		const tabs = [new HistoryStore({ factory }), new HistoryStore({ factory })];
		stores.push(...tabs);
		expect((await tabs[0]!.available()).ok && (await tabs[1]!.available()).ok).toBe(true);
		const rand = seededRandom(99);
		const raw = await rawOpen(factory);
		let unreadable = 0;
		let readable = 0;
		const values = Array.from({ length: 120 }, (_, i) => {
			const value = mutate(good, rand) as Record<string, unknown>;
			value.id = `r-${i}`;
			const kind = readRecord(value).kind;
			if (kind === 'unreadable') unreadable++;
			else if (kind === 'current' || kind === 'migrated') readable++;
			return value;
		});
		await rawPut(raw, 'runs', ...values);
		raw.close();
		expect(unreadable).toBeGreaterThan(10);
		const [a, b] = await Promise.all([tabs[0]!.list(), tabs[1]!.list()]);
		for (const list of [a, b]) {
			expect(list.ok).toBe(true);
			if (!list.ok) return;
			expect(list.runs).toHaveLength(readable);
			expect(list.quarantined).toBe(unreadable);
			for (const run of list.runs) expect(parseResult(run.result).ok).toBe(true);
		}
		const again = await tabs[0]!.list();
		expect(again.ok && [again.runs.length, again.quarantined]).toEqual([readable, unreadable]);
	});
});
