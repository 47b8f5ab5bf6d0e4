import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CheckResult } from '$lib/result/result';
import { realisticFullResult, syntheticCatalog } from '$fixtures/results';
import { rawGet, rawOpen, rawPut } from '$fixtures/raw-idb';
import { UPGRADES, type Upgrade } from './db';
import { RECORD_VERSION } from './record';
import { HistoryStore } from './store';

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
