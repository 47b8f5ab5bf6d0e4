import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '$lib/result/result';
import { realisticFullResult, syntheticCatalog } from '$fixtures/results';
import { UPGRADES, type Upgrade } from './db';
import { RECORD_VERSION } from './record';
import { HistoryStore } from './store';
import { HistorySync, STORAGE_KEY, type SyncEnvironment } from './sync';

const catalog = syntheticCatalog();
const resultAt = (iso: string, seed = 1): CheckResult => ({
	...realisticFullResult(catalog, seed),
	startedAt: iso,
	finishedAt: iso
});

const open: HistoryStore[] = [];
function store(
	factory: IDBFactory | undefined,
	extra: Partial<ConstructorParameters<typeof HistoryStore>[0]> = {}
) {
	const s = new HistoryStore({ factory, ...extra });
	open.push(s);
	return s;
}
afterEach(async () => {
	await Promise.all(open.splice(0).map((s) => s.close()));
	vi.restoreAllMocks();
});

/** Raw access to the same database, as another (older or newer) build of the app would have. */
function rawOpen(factory: IDBFactory, version?: number): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = factory.open('netready-history', version);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}
function rawPut(db: IDBDatabase, storeName: string, value: unknown): Promise<void> {
	return new Promise((resolve, reject) => {
		const tx = db.transaction(storeName, 'readwrite');
		tx.objectStore(storeName).put(value);
		tx.oncomplete = () => resolve();
		tx.onerror = () => reject(tx.error);
	});
}
function rawGet(db: IDBDatabase, storeName: string, key: IDBValidKey): Promise<unknown> {
	return new Promise((resolve, reject) => {
		const request = db.transaction(storeName).objectStore(storeName).get(key);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error);
	});
}

describe('saving and reading', () => {
	it('saves a result with a label and lists it back, newest check first', async () => {
		const s = store(new IDBFactory());
		const older = await s.save(resultAt('2026-11-01T09:00:00.000Z'), { label: ' Ward 3 Wi-Fi ' });
		const newer = await s.save(resultAt('2026-11-02T09:00:00.000Z', 2));
		expect(older.ok && newer.ok).toBe(true);
		const list = await s.list();
		if (!list.ok) throw new Error(list.message);
		expect(list.runs.map((r) => r.id)).toEqual([newer.ok && newer.id, older.ok && older.id]);
		expect(list.runs[1]!.label).toBe('Ward 3 Wi-Fi');
		expect(list.runs[0]!.label).toBeUndefined();
		expect(list.runs[0]!.origin).toBe('local');
		expect(list.runs[1]!.result.requirements).toEqual(
			resultAt('2026-11-01T09:00:00.000Z').requirements
		);
		expect(list).toMatchObject({ quarantined: 0, newer: 0, migrated: 0 });
	});

	it('leaves the public address out unless asked to keep it', async () => {
		const s = store(new IDBFactory());
		const result = resultAt('2026-11-01T09:00:00.000Z');
		expect(result.probes.some((p) => p.evidence.publicAddress)).toBe(true);
		const plain = await s.save(result);
		const kept = await s.save(result, { includePublicAddress: true });
		const a = await s.get(plain.ok ? plain.id : '');
		const b = await s.get(kept.ok ? kept.id : '');
		expect(a.ok && a.record.result.probes.some((p) => p.evidence.publicAddress)).toBe(false);
		expect(b.ok && b.record.result.probes.some((p) => p.evidence.publicAddress)).toBe(true);
	});

	it('stores a reactive proxy as plain data', async () => {
		const s = store(new IDBFactory());
		const proxied = new Proxy(resultAt('2026-11-01T09:00:00.000Z'), {});
		const saved = await s.save(proxied);
		expect(saved.ok).toBe(true);
	});

	it('refuses an incomplete result with a reason, and stores nothing', async () => {
		const s = store(new IDBFactory());
		const broken = {
			...resultAt('2026-11-01T09:00:00.000Z'),
			verdicts: 'none'
		} as unknown as CheckResult;
		expect(await s.save(broken)).toMatchObject({ ok: false, reason: 'invalid' });
		const list = await s.list();
		expect(list.ok && list.runs).toEqual([]);
	});

	it('renames, deletes one, and clears all', async () => {
		const s = store(new IDBFactory());
		const ids: string[] = [];
		for (const day of ['01', '02', '03']) {
			const saved = await s.save(resultAt(`2026-11-${day}T09:00:00.000Z`));
			if (saved.ok) ids.push(saved.id);
		}
		expect(await s.rename(ids[0]!, 'GP surgery, front desk')).toEqual({ ok: true });
		expect(await s.rename(ids[1]!, 'temp')).toEqual({ ok: true });
		expect(await s.rename(ids[1]!, '')).toEqual({ ok: true });
		const renamed = await s.get(ids[0]!);
		expect(renamed.ok && renamed.record.label).toBe('GP surgery, front desk');
		const cleared = await s.get(ids[1]!);
		expect(cleared.ok && 'label' in cleared.record).toBe(false);
		expect(await s.rename('missing', 'x')).toMatchObject({ ok: false, reason: 'not-found' });

		expect(await s.remove(ids[2]!)).toEqual({ ok: true });
		const afterDelete = await s.list();
		expect(afterDelete.ok && afterDelete.runs.map((r) => r.id).sort()).toEqual(
			[ids[0], ids[1]].sort()
		);
		expect(await s.get(ids[2]!)).toMatchObject({ ok: false, reason: 'not-found' });

		expect(await s.clear()).toEqual({ ok: true });
		const afterClear = await s.list();
		expect(afterClear.ok && afterClear.runs).toEqual([]);
	});
});

describe('older and unreadable records', () => {
	it('migrates a version-0 record on read and writes the new layout back', async () => {
		const factory = new IDBFactory();
		const s = store(factory);
		expect((await s.available()).ok).toBe(true);
		const raw = await rawOpen(factory);
		const result = resultAt('2025-06-01T08:00:00.000Z');
		await rawPut(raw, 'runs', {
			id: 'proto-1',
			time: Date.UTC(2025, 5, 1, 8, 0, 1),
			name: 'Home',
			result
		});

		const list = await s.list();
		if (!list.ok) throw new Error(list.message);
		expect(list.migrated).toBe(1);
		expect(list.runs).toHaveLength(1);
		expect(list.runs[0]).toMatchObject({
			id: 'proto-1',
			label: 'Home',
			savedAt: '2025-06-01T08:00:01.000Z'
		});
		expect(list.runs[0]!.result).toEqual(result);
		expect(await rawGet(raw, 'runs', 'proto-1')).toMatchObject({
			recordVersion: RECORD_VERSION,
			label: 'Home'
		});
		const again = await s.list();
		expect(again.ok && again.migrated).toBe(0);
		raw.close();
	});

	it('moves unreadable records to quarantine with the original value, and reports them', async () => {
		const factory = new IDBFactory();
		const s = store(factory);
		await s.save(resultAt('2026-11-01T09:00:00.000Z'));
		const raw = await rawOpen(factory);
		const junk = {
			id: 'junk',
			recordVersion: 1,
			savedAt: 'never',
			origin: 'local',
			result: { hello: 1 }
		};
		await rawPut(raw, 'runs', junk);
		await rawPut(raw, 'runs', { id: 'future', recordVersion: 9, whatever: [1, 2, 3] });

		const list = await s.list();
		if (!list.ok) throw new Error(list.message);
		expect(list.runs).toHaveLength(1);
		expect(list.quarantined).toBe(1);
		expect(list.newer).toBe(1);
		const aside = await s.quarantine();
		if (!aside.ok) throw new Error(aside.message);
		expect(aside.entries).toHaveLength(1);
		expect(aside.entries[0]).toMatchObject({ originalKey: 'junk', value: junk });
		expect(aside.entries[0]!.problem).toMatch(/save time/);
		// The newer record is left exactly as it was; the junk one is no longer in runs.
		expect(await rawGet(raw, 'runs', 'future')).toEqual({
			id: 'future',
			recordVersion: 9,
			whatever: [1, 2, 3]
		});
		expect(await rawGet(raw, 'runs', 'junk')).toBeUndefined();

		const again = await s.list();
		expect(again.ok && again.quarantined).toBe(1);
		expect(await s.clearQuarantine()).toEqual({ ok: true });
		const afterClear = await s.list();
		expect(afterClear.ok && afterClear.quarantined).toBe(0);
		raw.close();
	});
});

describe('database versions', () => {
	it('walks an older database up through each upgrade step, keeping every record', async () => {
		const factory = new IDBFactory();
		const v1 = store(factory);
		const saved = await v1.save(resultAt('2026-11-01T09:00:00.000Z'), { label: 'Before upgrade' });
		await v1.close();

		const ran: number[] = [];
		// A hypothetical version 2: adds a store and an index, and rewrites records in place.
		const step2: Upgrade = async (db, tx) => {
			ran.push(2);
			(db as unknown as IDBDatabase).createObjectStore('settings');
			const runs = tx.objectStore('runs');
			for (const record of (await runs.getAll()) as Record<string, unknown>[])
				await runs.put({ ...record, label: `${record.label} (kept)` });
		};
		const v2 = store(factory, { upgrades: [...UPGRADES, step2] });
		const list = await v2.list();
		if (!list.ok) throw new Error(list.message);
		expect(ran).toEqual([2]);
		expect(list.runs.map((r) => [r.id, r.label])).toEqual([
			[saved.ok && saved.id, 'Before upgrade (kept)']
		]);
		const raw = await rawOpen(factory);
		expect(raw.version).toBe(2);
		expect([...raw.objectStoreNames].sort()).toEqual(['quarantine', 'runs', 'settings']);
		raw.close();
	});

	it('makes way for a newer tab, then says history belongs to a newer version', async () => {
		const factory = new IDBFactory();
		const old = store(factory);
		expect((await old.save(resultAt('2026-11-01T09:00:00.000Z'))).ok).toBe(true);
		const newer = store(factory, {
			upgrades: [...UPGRADES, () => undefined],
			blockedTimeoutMs: 2000
		});
		expect((await newer.list()).ok).toBe(true);
		expect(await old.list()).toMatchObject({ ok: false, reason: 'newer-version' });
		expect(await old.save(resultAt('2026-11-02T09:00:00.000Z'))).toMatchObject({
			ok: false,
			reason: 'newer-version'
		});
	});

	it('gives up with a clear reason when another connection blocks an upgrade', async () => {
		const factory = new IDBFactory();
		expect((await store(factory).available()).ok).toBe(true);
		const stubborn = await rawOpen(factory); // ignores versionchange, like a hung tab
		const newer = store(factory, {
			upgrades: [...UPGRADES, () => undefined],
			blockedTimeoutMs: 100
		});
		const outcome = await newer.save(resultAt('2026-11-02T09:00:00.000Z'));
		expect(outcome).toMatchObject({ ok: false, reason: 'blocked' });
		stubborn.close();
	});
});

describe('when storage is not there', () => {
	it('reports unavailable when the browser has no IndexedDB', async () => {
		const s = store(undefined);
		const outcome = await s.save(resultAt('2026-11-01T09:00:00.000Z'));
		expect(outcome).toMatchObject({ ok: false, reason: 'unavailable' });
		if (!outcome.ok) expect(outcome.message).toMatch(/not keeping a history/);
		expect(await s.list()).toMatchObject({ ok: false, reason: 'unavailable' });
	});

	it('reports unavailable when reading indexedDB or opening throws (private mode, policy)', async () => {
		const throwsOnRead = store(undefined, {
			factory: () => {
				throw new DOMException('denied', 'SecurityError');
			}
		});
		expect(await throwsOnRead.available()).toMatchObject({ ok: false, reason: 'unavailable' });
		const throwsOnOpen = store({
			open: () => {
				throw new DOMException('denied', 'SecurityError');
			}
		} as unknown as IDBFactory);
		expect(await throwsOnOpen.save(resultAt('2026-11-01T09:00:00.000Z'))).toMatchObject({
			ok: false,
			reason: 'unavailable'
		});
	});

	it('reports unavailable when the open request fails (Firefox private browsing)', async () => {
		const real = new IDBFactory();
		const failing = {
			open: (name: string) => {
				// A real request that fails asynchronously, as Firefox's does with InvalidStateError.
				const request = real.open(name, 1);
				request.addEventListener('upgradeneeded', () => request.transaction!.abort());
				return request;
			}
		} as unknown as IDBFactory;
		expect(await store(failing).save(resultAt('2026-11-01T09:00:00.000Z'))).toMatchObject({
			ok: false,
			reason: 'unavailable'
		});
	});

	it('reports a full quota and keeps what was saved before', async () => {
		const factory = new IDBFactory();
		const s = store(factory);
		const first = await s.save(resultAt('2026-11-01T09:00:00.000Z'));
		expect(first.ok).toBe(true);
		const proto = Object.getPrototypeOf(
			(await rawOpen(factory)).transaction('runs', 'readwrite').objectStore('runs')
		);
		vi.spyOn(proto, 'add').mockImplementation(() => {
			throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
		});
		const outcome = await s.save(resultAt('2026-11-02T09:00:00.000Z'));
		expect(outcome).toMatchObject({ ok: false, reason: 'quota' });
		if (!outcome.ok) expect(outcome.message).toMatch(/storage for this site is full/);
		vi.restoreAllMocks();
		const list = await s.list();
		expect(list.ok && list.runs.map((r) => r.id)).toEqual([first.ok && first.id]);
	});
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
