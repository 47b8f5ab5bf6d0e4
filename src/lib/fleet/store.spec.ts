import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { syntheticCatalog } from '$fixtures/results';
import { fleetResult } from '$fixtures/fleet';
import { FLEET_DB_NAME, FLEET_RECORD_VERSION } from './db';
import type { FleetSite } from './model';
import { FleetStore } from './store';

const catalog = syntheticCatalog();
const A = catalog.products[0]!.id;
const site = (id: string, name: string): FleetSite => ({
	id,
	name,
	createdAt: '2026-11-30T10:00:00.000Z',
	runs: [
		{
			id: `${id}-r`,
			addedAt: '2026-11-30T10:00:00.000Z',
			source: { kind: 'link' },
			result: fleetResult(catalog, {
				startedAt: '2026-11-30T09:00:00Z',
				verdicts: { [A]: 'ready' }
			})
		}
	]
});

const open: FleetStore[] = [];
const store = (factory: IDBFactory | undefined) => {
	const s = new FleetStore({ factory });
	open.push(s);
	return s;
};
afterEach(() => open.splice(0).forEach((s) => s.close()));

function rawPut(factory: IDBFactory, value: unknown): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = factory.open(FLEET_DB_NAME);
		request.onsuccess = () => {
			const tx = request.result.transaction('sites', 'readwrite');
			tx.objectStore('sites').put(value);
			tx.oncomplete = () => {
				request.result.close();
				resolve();
			};
			tx.onerror = () => reject(tx.error);
		};
		request.onerror = () => reject(request.error);
	});
}

describe('FleetStore', () => {
	it('keeps sites across connections, and deletes and clears them', async () => {
		const factory = new IDBFactory();
		const first = store(factory);
		expect(await first.write([site('a', 'Ward 3'), site('b', 'Ward 5')])).toEqual({ ok: true });
		first.close();
		const second = store(factory);
		const loaded = await second.load();
		expect(loaded.ok && loaded.sites.map((s) => s.name).sort()).toEqual(['Ward 3', 'Ward 5']);
		await second.write([], ['a']);
		const after = await second.load();
		expect(after.ok && after.sites.map((s) => s.id)).toEqual(['b']);
		await second.clear();
		const empty = await second.load();
		expect(empty.ok && empty.sites).toEqual([]);
	});

	it('sets unreadable records aside and leaves newer ones alone', async () => {
		const factory = new IDBFactory();
		const s = store(factory);
		await s.write([site('a', 'Ward 3')]);
		await rawPut(factory, {
			recordVersion: FLEET_RECORD_VERSION,
			id: 'broken',
			name: 'Ward 9',
			createdAt: 'x',
			runs: []
		});
		await rawPut(factory, { recordVersion: FLEET_RECORD_VERSION + 5, id: 'future' });
		const loaded = await s.load();
		if (!loaded.ok) throw new Error(loaded.message);
		expect(loaded.sites.map((x) => x.id)).toEqual(['a']);
		expect([loaded.quarantined, loaded.newer]).toEqual([1, 1]);
		const aside = await s.quarantine();
		expect(aside.ok && aside.entries.map((e) => [e.originalKey, e.problem])).toEqual([
			['broken', 'the record has no creation time']
		]);
		// Set aside once, not again on the next read; the newer record is still there.
		const again = await s.load();
		expect(again.ok && [again.quarantined, again.newer]).toEqual([1, 1]);
	});

	it('says plainly when the browser keeps no storage', async () => {
		const loaded = await store(undefined).load();
		expect(loaded.ok === false && loaded.reason).toBe('unavailable');
		expect(loaded.ok === false && loaded.message).toMatch(/does not keep the fleet/);
	});

	it('refuses a database left by a newer netready', async () => {
		const factory = new IDBFactory();
		await new Promise<void>((resolve) => {
			const request = factory.open(FLEET_DB_NAME, 99);
			request.onsuccess = () => {
				request.result.close();
				resolve();
			};
		});
		const loaded = await store(factory).load();
		expect(loaded.ok === false && loaded.reason).toBe('newer-version');
	});
});
