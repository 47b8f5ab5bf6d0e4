/**
 * THE way netready opens one of its IndexedDB databases (history, fleet): idb's openDB, but on a
 * given factory (the page's indexedDB or a test's fake-indexeddb), with the upgrade steps applied
 * from whatever version is on disk, a time limit when another tab blocks the upgrade, and a
 * connection that closes itself when another tab wants a newer version.
 */
import { wrap, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';

export type VersionedUpgrade<S extends DBSchema> = (
	db: IDBPDatabase<S>,
	tx: IDBPTransaction<S, StoreNames<S>[], 'versionchange'>
) => void | Promise<void>;

export interface VersionedOpenOptions<S extends DBSchema> {
	factory: IDBFactory;
	name: string;
	/** upgrades[n] takes the database from version n to n+1; the version is their count */
	upgrades: readonly VersionedUpgrade<S>[];
	/** give up if another tab blocks the upgrade for this long */
	blockedTimeoutMs?: number;
	/** another tab wants a newer version: close, so it is not blocked */
	onVersionChange?: () => void;
	/** the message of the BlockedError: "another tab keeps history open" */
	blockedMessage: string;
}

export function openVersionedDb<S extends DBSchema>(
	options: VersionedOpenOptions<S>
): Promise<IDBPDatabase<S>> {
	const { upgrades } = options;
	const request = options.factory.open(options.name, upgrades.length);
	const opened = wrap(request) as unknown as Promise<IDBPDatabase<S>>;
	request.addEventListener('upgradeneeded', (event) => {
		const db = wrap(request.result) as unknown as IDBPDatabase<S>;
		const tx = wrap(request.transaction!) as unknown as IDBPTransaction<
			S,
			StoreNames<S>[],
			'versionchange'
		>;
		const run = async () => {
			for (let v = event.oldVersion; v < upgrades.length; v++) await upgrades[v]!(db, tx);
		};
		// An aborted upgrade rejects `done`; the open request reports it, so it is handled here.
		tx.done.catch(() => undefined);
		run().catch(() => {
			try {
				tx.abort();
			} catch {
				// Already aborted.
			}
		});
	});
	let timer: ReturnType<typeof setTimeout> | undefined;
	const blocked = new Promise<never>((_, reject) => {
		request.addEventListener('blocked', () => {
			timer = setTimeout(
				() => reject(new DOMException(options.blockedMessage, 'BlockedError')),
				options.blockedTimeoutMs ?? 5000
			);
		});
	});
	return Promise.race([opened, blocked]).then(
		(db) => {
			clearTimeout(timer);
			db.addEventListener('versionchange', () => {
				db.close();
				options.onVersionChange?.();
			});
			return db;
		},
		(error) => {
			clearTimeout(timer);
			// If the open succeeds after we gave up, do not leave a connection blocking others.
			opened.then((db) => db.close()).catch(() => undefined);
			throw error;
		}
	);
}
