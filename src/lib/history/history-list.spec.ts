/**
 * SavedRuns, the page state of the history list, on fake-indexeddb with two "tabs" (two stores
 * on one database, told of each other's changes over a real BroadcastChannel).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '$lib/result/result';
import { rawOpen, rawPut } from '$fixtures/raw-idb';
import { realisticFullResult, syntheticCatalog } from '$fixtures/results';
import { SavedRuns } from './history-list.svelte';
import { HistoryStore } from './store';
import { DB_NAME, mayHaveHistory } from './peek';
import { HistorySync } from './sync';

const catalog = syntheticCatalog();
const resultAt = (iso: string): CheckResult => ({
	...realisticFullResult(catalog),
	startedAt: iso,
	finishedAt: iso
});

const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const done of cleanup.splice(0).reverse()) await done();
});

function tab(factory: IDBFactory | undefined) {
	const sync = new HistorySync({ BroadcastChannel });
	const store = new HistoryStore({ factory, sync });
	cleanup.push(
		() => sync.close(),
		() => store.close()
	);
	return store;
}

/** Waits until `check` holds, for changes that arrive from another tab. */
async function until(check: () => boolean, ms = 2000): Promise<void> {
	const end = Date.now() + ms;
	while (!check()) {
		if (Date.now() > end) throw new Error('timed out waiting for the list to change');
		await new Promise((resolve) => setTimeout(resolve, 5));
	}
}

describe('SavedRuns', () => {
	it('lists saved runs, newest check first, and stops loading', async () => {
		const store = tab(new IDBFactory());
		await store.save(resultAt('2026-11-01T09:00:00.000Z'), { label: 'older' });
		await store.save(resultAt('2026-11-02T09:00:00.000Z'), { label: 'newer' });
		const saved = new SavedRuns(store);
		expect(saved.loading).toBe(true);
		await saved.refresh();
		expect(saved.loading).toBe(false);
		expect(saved.failure).toBeUndefined();
		expect(saved.runs.map((r) => r.label)).toEqual(['newer', 'older']);
		expect(saved.find(saved.runs[1]!.id)?.label).toBe('older');
		expect(saved.find('nope')).toBeUndefined();
	});

	it('follows saves, renames and deletes made in another tab, until stopped', async () => {
		const factory = new IDBFactory();
		const here = tab(factory);
		const there = tab(factory);
		const saved = new SavedRuns(here);
		let changes = 0;
		const stop = saved.follow(() => changes++);
		await until(() => !saved.loading);
		expect(saved.runs).toEqual([]);

		const made = await there.save(resultAt('2026-11-01T09:00:00.000Z'));
		if (!made.ok) throw new Error(made.message);
		await until(() => saved.runs.length === 1);
		await there.rename(made.id, 'Ward 3 Wi-Fi');
		await until(() => saved.runs[0]?.label === 'Ward 3 Wi-Fi');
		await there.remove(made.id);
		await until(() => saved.runs.length === 0);
		expect(changes).toBeGreaterThanOrEqual(3);

		stop();
		await there.save(resultAt('2026-11-03T09:00:00.000Z'));
		await new Promise((resolve) => setTimeout(resolve, 50));
		expect(saved.runs).toEqual([]);
	});

	it('reports why history cannot be used instead of loading for ever', async () => {
		const saved = new SavedRuns(tab(undefined));
		await saved.refresh();
		expect(saved.loading).toBe(false);
		expect(saved.failure?.reason).toBe('unavailable');
		expect(saved.failure?.message).toMatch(/not keeping a history/);
		expect(saved.runs).toEqual([]);
	});

	it('counts records set aside once, with two tabs opening History at once', async () => {
		const factory = new IDBFactory();
		const one = tab(factory);
		const two = tab(factory);
		await one.save(resultAt('2026-11-01T09:00:00.000Z'));
		expect((await two.available()).ok).toBe(true);
		// A record that lists fine at a glance and is wrong deeper down.
		const good = (await one.list()) as { ok: true; runs: { result: unknown }[] };
		const deep = structuredClone(good.runs[0]!.result) as { probes: { evidence: unknown }[] };
		deep.probes[0]!.evidence = { candidateTypes: 'host', iceErrors: [null] };
		const raw = await rawOpen(factory);
		await rawPut(
			raw,
			'runs',
			{
				recordVersion: 2,
				id: 'deep',
				savedAt: '2026-11-01T10:00:00.000Z',
				origin: 'local',
				result: deep
			},
			{ id: 'future', recordVersion: 99 }
		);
		raw.close();
		const a = new SavedRuns(one);
		const b = new SavedRuns(two);
		await Promise.all([a.refresh(), b.refresh()]);
		for (const saved of [a, b]) {
			expect(saved.quarantined).toBe(1);
			expect(saved.newer).toBe(1);
			expect(saved.runs).toHaveLength(1);
		}
	});

	it('never reads the list twice at once: a burst of changes costs at most two reads', async () => {
		const store = tab(new IDBFactory());
		const list = vi.spyOn(store, 'list');
		const saved = new SavedRuns(store);
		await Promise.all(Array.from({ length: 10 }, () => saved.refresh()));
		expect(list).toHaveBeenCalledTimes(2);
		await saved.refresh();
		expect(list).toHaveBeenCalledTimes(3);
	});
});

describe('SavedRuns on a device without history (the store loads with the first saved run)', () => {
	it('shows an empty list without loading the store, and loads it when a run is saved', async () => {
		const factory = new IDBFactory();
		const there = tab(factory);
		const loadStore = vi.fn(async () => tab(factory));
		const watchSync = new HistorySync({ BroadcastChannel });
		cleanup.push(() => watchSync.close());
		const saved = new SavedRuns(undefined, {
			loadStore,
			mayHaveHistory: () => mayHaveHistory(factory),
			watch: (listener) => watchSync.subscribe(listener)
		});
		let changes = 0;
		cleanup.push(saved.follow(() => changes++));
		await until(() => !saved.loading);
		expect(saved.runs).toEqual([]);
		expect(saved.failure).toBeUndefined();
		expect(loadStore).not.toHaveBeenCalled();

		const made = await there.save(resultAt('2026-11-01T09:00:00.000Z'), { label: 'Ward 3' });
		if (!made.ok) throw new Error(made.message);
		await until(() => saved.runs.length === 1);
		expect(saved.runs[0]?.label).toBe('Ward 3');
		expect(loadStore).toHaveBeenCalledTimes(1);
		expect(changes).toBe(1);
		// From now on it follows the store as any list does.
		await there.rename(made.id, 'Ward 4');
		await until(() => saved.runs[0]?.label === 'Ward 4');
	});

	it('reads the store at once where history may exist', async () => {
		const factory = new IDBFactory();
		const store = tab(factory);
		await store.save(resultAt('2026-11-01T09:00:00.000Z'));
		const saved = new SavedRuns(undefined, {
			loadStore: async () => store,
			mayHaveHistory: () => mayHaveHistory(factory),
			watch: () => () => {}
		});
		cleanup.push(saved.follow());
		await until(() => saved.runs.length === 1);
	});

	it('says so when the store cannot be loaded (offline before it was cached), then tries again', async () => {
		let fail = true;
		const store = tab(new IDBFactory());
		const saved = new SavedRuns(undefined, {
			loadStore: async () => {
				if (fail) throw new TypeError('Failed to fetch dynamically imported module');
				return store;
			},
			mayHaveHistory: async () => true,
			watch: () => () => {}
		});
		cleanup.push(saved.follow());
		await until(() => !saved.loading);
		expect(saved.failure?.message).toMatch(/could not be used just now .*dynamically imported/);
		fail = false;
		await saved.refresh();
		expect(saved.failure).toBeUndefined();
	});
});

describe('mayHaveHistory', () => {
	it('is false only when the browser lists the databases and history is not among them', async () => {
		expect(await mayHaveHistory({ databases: async () => [] })).toBe(false);
		expect(await mayHaveHistory({ databases: async () => [{ name: 'other', version: 1 }] })).toBe(
			false
		);
		expect(await mayHaveHistory({ databases: async () => [{ name: DB_NAME, version: 1 }] })).toBe(
			true
		);
		expect(await mayHaveHistory({})).toBe(true);
		expect(await mayHaveHistory(undefined)).toBe(true);
		expect(
			await mayHaveHistory({
				databases: async () => {
					throw new DOMException('denied', 'SecurityError');
				}
			})
		).toBe(true);
	});

	it('turns true once a run has been saved, without creating the database by asking', async () => {
		const factory = new IDBFactory();
		expect(await mayHaveHistory(factory)).toBe(false);
		expect(await mayHaveHistory(factory)).toBe(false);
		const store = tab(factory);
		await store.save(resultAt('2026-11-01T09:00:00.000Z'));
		expect(await mayHaveHistory(factory)).toBe(true);
	});
});
