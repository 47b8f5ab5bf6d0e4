/**
 * The fleet's own IndexedDB database, with explicit versions like history's (history/db.ts):
 * UPGRADES[n] takes it from version n to n+1 inside the upgrade transaction; a newer app adds an
 * entry and never edits an old one. One record per site (record.ts says what a record holds).
 */
import { openVersionedDb } from '$lib/app/idb-open';
import { type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export const FLEET_DB_NAME = 'netready-fleet';
/** The shape of one stored site (record.ts reads every version). */
export const FLEET_RECORD_VERSION = 1;

export interface QuarantinedSite {
	originalKey: IDBValidKey;
	quarantinedAt: string;
	problem: string;
	/** the stored value exactly as it was found */
	value: unknown;
}

export interface FleetSchema extends DBSchema {
	sites: {
		key: string;
		/** read through record.ts: a stored value may be any older shape */
		value: unknown;
	};
	quarantine: {
		key: number;
		value: QuarantinedSite;
	};
}

export type FleetDb = IDBPDatabase<FleetSchema>;
export type FleetUpgradeTransaction = IDBPTransaction<
	FleetSchema,
	StoreNames<FleetSchema>[],
	'versionchange'
>;
export type FleetUpgrade = (db: FleetDb, tx: FleetUpgradeTransaction) => void | Promise<void>;

/** UPGRADES[n] takes the database from version n to n+1. */
export const FLEET_UPGRADES: readonly FleetUpgrade[] = [
	(db) => {
		db.createObjectStore('sites', { keyPath: 'id' });
		db.createObjectStore('quarantine', { autoIncrement: true });
	}
];

export interface OpenFleetOptions {
	factory: IDBFactory;
	name?: string;
	upgrades?: readonly FleetUpgrade[];
	blockedTimeoutMs?: number;
	onVersionChange?: () => void;
}

export function openFleetDb(options: OpenFleetOptions): Promise<FleetDb> {
	return openVersionedDb({
		...options,
		name: options.name ?? FLEET_DB_NAME,
		upgrades: options.upgrades ?? FLEET_UPGRADES,
		blockedMessage: 'another tab keeps the fleet open'
	});
}
