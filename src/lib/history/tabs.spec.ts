/**
 * History with more than one tab on one database: each tab's own store, told of the others'
 * changes over BroadcastChannel or storage events; repairs that two tabs start at once happen once.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '$lib/result/result';
import { rawGet, rawOpen, rawPut } from '$fixtures/raw-idb';
import { realisticFullResult, syntheticCatalog } from '$fixtures/results';
import { HistoryStore } from './store';
import { HistorySync, STORAGE_KEY, type SyncEnvironment } from './sync';

const catalog = syntheticCatalog();
const resultAt = (iso: string): CheckResult => ({
	...realisticFullResult(catalog),
	startedAt: iso,
	finishedAt: iso
});

const open: HistoryStore[] = [];
function store(
	factory: IDBFactory,
	extra: Partial<ConstructorParameters<typeof HistoryStore>[0]> = {}
) {
	const s = new HistoryStore({ factory, ...extra });
	open.push(s);
	return s;
}
afterEach(async () => {
	await Promise.all(open.splice(0).map((s) => s.close()));
});

describe('other tabs', () => {
	const junk = (i: number) => ({
		id: `junk-${i}`,
		recordVersion: 1,
		savedAt: 'never',
		origin: 'local',
		result: { hello: i }
	});

	it('sets each broken record aside once when two tabs open History at the same moment', async () => {
		const factory = new IDBFactory();
		const tabA = store(factory);
		const tabB = store(factory);
		await tabA.save(resultAt('2026-11-01T09:00:00.000Z'));
		expect((await tabB.available()).ok).toBe(true);
		const raw = await rawOpen(factory);
		for (let i = 0; i < 3; i++) await rawPut(raw, 'runs', junk(i));
		const [a, b] = await Promise.all([tabA.list(), tabB.list()]);
		expect(a.ok && a.quarantined).toBe(3);
		expect(b.ok && b.quarantined).toBe(3);
		expect(a.ok && a.runs).toHaveLength(1);
		const aside = await tabB.quarantine();
		expect(aside.ok && aside.entries.map((e) => e.originalKey).sort()).toEqual([
			'junk-0',
			'junk-1',
			'junk-2'
		]);
		// The same tab listing twice at once (the page loading while a change comes in) too.
		await rawPut(raw, 'runs', junk(3));
		const twice = await Promise.all([tabA.list(), tabA.list(), tabB.list()]);
		expect(twice.map((l) => l.ok && l.quarantined)).toEqual([4, 4, 4]);
		raw.close();
	});

	it('does not bring back a record another tab deletes while this one migrates it', async () => {
		const factory = new IDBFactory();
		const tabA = store(factory);
		const tabB = store(factory);
		expect((await tabA.available()).ok && (await tabB.available()).ok).toBe(true);
		const raw = await rawOpen(factory);
		await rawPut(raw, 'runs', {
			id: 'proto-1',
			time: 1,
			result: resultAt('2025-06-01T08:00:00.000Z')
		});
		// B reads the old record, A's delete runs before B's write-back.
		const [listed, removed] = await Promise.all([tabB.list(), tabA.remove('proto-1')]);
		expect(listed.ok && removed.ok).toBe(true);
		expect(await rawGet(raw, 'runs', 'proto-1')).toBeUndefined();
		raw.close();
	});

	it('tells another tab over BroadcastChannel', async () => {
		const factory = new IDBFactory();
		const tabA = store(factory, { sync: new HistorySync({ BroadcastChannel }) });
		const syncB = new HistorySync({ BroadcastChannel });
		const tabB = store(factory, { sync: syncB });
		const heard = new Promise<void>((resolve) => tabB.subscribe(resolve));
		const saved = await tabA.save(resultAt('2026-11-01T09:00:00.000Z'));
		await heard;
		const list = await tabB.list();
		expect(list.ok && list.runs.map((r) => r.id)).toEqual([saved.ok && saved.id]);
		syncB.close();
	});

	it('falls back to storage events without BroadcastChannel', async () => {
		// Two tabs share localStorage; a write in one fires `storage` in the others only.
		const tabs: ((event: StorageEvent) => void)[][] = [[], []];
		const env = (me: number): SyncEnvironment => ({
			localStorage: {
				setItem: (key: string, value: string) => {
					tabs.forEach((listeners, other) => {
						if (other !== me) listeners.forEach((l) => l({ key, newValue: value } as StorageEvent));
					});
				}
			},
			addEventListener: (_type, listener) => tabs[me]!.push(listener),
			removeEventListener: (_type, listener) => {
				tabs[me] = tabs[me]!.filter((l) => l !== listener);
			}
		});
		const syncA = new HistorySync(env(0));
		const syncB = new HistorySync(env(1));
		let heardA = 0;
		let heardB = 0;
		syncA.subscribe(() => heardA++);
		syncB.subscribe(() => heardB++);
		syncA.notify();
		expect(heardA).toBe(1); // listeners in the same tab hear it directly
		expect(heardB).toBe(1);
		syncB.close();
		syncA.notify();
		expect(heardB).toBe(1);
		expect(STORAGE_KEY).toBe('netready-history-changed');
		syncA.close();
	});
});
