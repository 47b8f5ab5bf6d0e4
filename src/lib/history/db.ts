/**
 * The IndexedDB layout of history, with explicit versions. Each entry of UPGRADES takes the
 * database from version n to n+1 inside the upgrade transaction; a newer app adds an entry and
 * never edits an old one, so any older database on a user's machine is walked up step by step.
 */
import { openVersionedDb } from '$lib/app/idb-open';
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { DB_NAME } from './peek';

export { DB_NAME };

export interface QuarantinedRecord {
	/** the key the record had in `runs` */
	originalKey: IDBValidKey;
	quarantinedAt: string;
	problem: string;
	/** the stored value exactly as it was found */
	value: unknown;
}

export interface HistorySchema extends DBSchema {
	runs: {
		key: string;
		/** read through record.ts: a stored value may be any older shape */
		value: unknown;
		indexes: { 'by-saved': string };
	};
	quarantine: {
		key: number;
		value: QuarantinedRecord;
	};
}

export type HistoryDb = IDBPDatabase<HistorySchema>;
export type UpgradeTransaction = IDBPTransaction<
	HistorySchema,
	StoreNames<HistorySchema>[],
	'versionchange'
>;
export type Upgrade = (db: HistoryDb, tx: UpgradeTransaction) => void | Promise<void>;

/** UPGRADES[n] takes the database from version n to n+1. */
export const UPGRADES: readonly Upgrade[] = [
	(db) => {
		const runs = db.createObjectStore('runs', { keyPath: 'id' });
		runs.createIndex('by-saved', 'savedAt');
		db.createObjectStore('quarantine', { autoIncrement: true });
	}
];

export const DB_VERSION = UPGRADES.length;

export interface OpenOptions {
	factory: IDBFactory;
	name?: string;
	upgrades?: readonly Upgrade[];
	/** give up if another tab blocks the upgrade for this long */
	blockedTimeoutMs?: number;
	/** another tab wants a newer version: close, so it is not blocked */
	onVersionChange?: () => void;
}

/**
 * idb's openDB, but on a given factory (the page's indexedDB or a test's fake-indexeddb) and
 * with the upgrade steps applied from whatever version is on disk.
 */
export function openHistoryDb(options: OpenOptions): Promise<HistoryDb> {
	return openVersionedDb({
		...options,
		name: options.name ?? DB_NAME,
		upgrades: options.upgrades ?? UPGRADES,
		blockedMessage: 'another tab keeps history open'
	});
}
