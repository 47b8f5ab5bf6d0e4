/**
 * The fleet in IndexedDB. Every operation returns a typed outcome instead of throwing, so the page
 * can always say what happened. Stored values are read through record.ts, which is loaded only
 * when there is something stored: a first visit never loads the result schema.
 * Other tabs are told of changes over a BroadcastChannel.
 */
import {
	FLEET_RECORD_VERSION,
	openFleetDb,
	type FleetDb,
	type FleetUpgrade,
	type QuarantinedSite
} from './db';
import type { FleetSite } from './model';

export type FleetFailureReason = 'unavailable' | 'quota' | 'newer-version' | 'blocked' | 'error';
export type FleetFailure = { ok: false; reason: FleetFailureReason; message: string };
export type FleetOutcome<T extends object = object> = ({ ok: true } & T) | FleetFailure;

export interface LoadedFleet {
	sites: FleetSite[];
	/** records set aside because they could not be read (now and before) */
	quarantined: number;
	/** records written by a newer netready, left untouched */
	newer: number;
	/** records brought up to date during this read */
	migrated: number;
}

export const FLEET_FAILURE_MESSAGES: Record<FleetFailureReason, string> = {
	unavailable:
		'This browser does not keep the fleet (private browsing, or site storage is turned off). You can still build a matrix here; export it as a fleet file before you leave the page.',
	quota:
		"The browser's storage for this site is full, so the change was not saved. Remove sites or runs, or export the fleet as a file.",
	'newer-version': 'The fleet was last opened by a newer version of netready. Reload the page.',
	blocked: 'The fleet is being updated in another netready tab. Close it, then reload this page.',
	error: 'The fleet could not be saved or read just now.'
};

const CHANNEL = 'netready-fleet';

function errorName(error: unknown): string {
	return error && typeof error === 'object' && 'name' in error ? String(error.name) : 'Error';
}

function failure(reason: FleetFailureReason, detail?: string): FleetFailure {
	return {
		ok: false,
		reason,
		message: FLEET_FAILURE_MESSAGES[reason] + (detail ? ` (${detail})` : '')
	};
}

function classify(error: unknown, opening: boolean): FleetFailure {
	const name = errorName(error);
	const code = (error as { code?: number } | null)?.code;
	if (name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22)
		return failure('quota');
	if (opening && name === 'VersionError') return failure('newer-version');
	if (opening && name === 'BlockedError') return failure('blocked');
	return opening ? failure('unavailable', name) : failure('error', name);
}

export interface FleetStoreOptions {
	factory: IDBFactory | (() => IDBFactory | undefined) | undefined;
	name?: string;
	upgrades?: readonly FleetUpgrade[];
	now?: () => Date;
	/** BroadcastChannel, where the platform has it */
	channel?: typeof BroadcastChannel;
}

export class FleetStore {
	private connection: Promise<FleetDb> | undefined;
	private channel: BroadcastChannel | undefined;
	private listeners = new Set<() => void>();

	constructor(private readonly options: FleetStoreOptions) {
		try {
			const Channel = options.channel;
			if (Channel) {
				this.channel = new Channel(CHANNEL);
				this.channel.onmessage = () => this.listeners.forEach((l) => l());
			}
		} catch {
			this.channel = undefined;
		}
	}

	/** Runs `listener` when another tab changed the fleet. Returns an unsubscribe. */
	subscribe(listener: () => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	private changed(): void {
		try {
			this.channel?.postMessage('changed');
		} catch {
			// Other tabs then see the change on their next load.
		}
	}

	private factory(): IDBFactory | undefined {
		const f = this.options.factory;
		try {
			return typeof f === 'function' ? f() : f;
		} catch {
			return undefined;
		}
	}

	private db(): Promise<FleetDb> {
		if (!this.connection) {
			const factory = this.factory();
			if (!factory) return Promise.reject(new DOMException('no indexedDB', 'UnavailableError'));
			const opening = openFleetDb({
				factory,
				name: this.options.name,
				upgrades: this.options.upgrades,
				onVersionChange: () => {
					this.connection = undefined;
				}
			});
			this.connection = opening;
			opening.then(
				(db) => db.addEventListener('close', () => (this.connection = undefined)),
				() => (this.connection = undefined)
			);
		}
		return this.connection;
	}

	private async run<T extends object>(
		use: (db: FleetDb) => Promise<FleetOutcome<T>>
	): Promise<FleetOutcome<T>> {
		let db: FleetDb;
		try {
			db = await this.db();
		} catch (error) {
			return classify(error, true);
		}
		try {
			return await use(db);
		} catch (error) {
			if (errorName(error) === 'InvalidStateError') {
				this.connection = undefined;
				try {
					return await use(await this.db());
				} catch (retry) {
					return classify(retry, false);
				}
			}
			return classify(error, false);
		}
	}

	private now(): string {
		return (this.options.now?.() ?? new Date()).toISOString();
	}

	/** Every readable site; unreadable records are moved to the quarantine store, never deleted. */
	load(): Promise<FleetOutcome<LoadedFleet>> {
		return this.run(async (db) => {
			const keys = await db.getAllKeys('sites');
			const values = await db.getAll('sites');
			let quarantined = await db.count('quarantine');
			if (!values.length) return { ok: true, sites: [], quarantined, newer: 0, migrated: 0 };
			const { readSiteRecord } = await import('./record');
			const sites: FleetSite[] = [];
			const rewrite: FleetSite[] = [];
			const setAside: QuarantinedSite[] = [];
			let newer = 0;
			values.forEach((value, i) => {
				const read = readSiteRecord(value);
				if (read.kind === 'current') sites.push(read.site);
				else if (read.kind === 'migrated') {
					sites.push(read.site);
					rewrite.push(read.site);
				} else if (read.kind === 'newer') newer++;
				else
					setAside.push({
						originalKey: keys[i]!,
						quarantinedAt: this.now(),
						problem: read.problem,
						value
					});
			});
			if (rewrite.length || setAside.length) {
				const tx = db.transaction(['sites', 'quarantine'], 'readwrite');
				for (const site of rewrite)
					void tx.objectStore('sites').put({ recordVersion: FLEET_RECORD_VERSION, ...site });
				for (const entry of setAside) {
					void tx.objectStore('quarantine').add(entry);
					void tx.objectStore('sites').delete(entry.originalKey as string);
				}
				await tx.done;
				quarantined += setAside.length;
			}
			return { ok: true, sites, quarantined, newer, migrated: rewrite.length };
		});
	}

	/** Writes these sites (new or changed) and deletes `removed`, in one transaction. */
	write(sites: readonly FleetSite[], removed: readonly string[] = []): Promise<FleetOutcome> {
		return this.run(async (db) => {
			const tx = db.transaction('sites', 'readwrite');
			// Plain objects only (the page keeps sites in $state.raw): structured clone takes them as they are.
			for (const site of sites) void tx.store.put({ recordVersion: FLEET_RECORD_VERSION, ...site });
			for (const id of removed) void tx.store.delete(id);
			await tx.done;
			this.changed();
			return { ok: true };
		});
	}

	clear(): Promise<FleetOutcome> {
		return this.run(async (db) => {
			await db.clear('sites');
			this.changed();
			return { ok: true };
		});
	}

	quarantine(): Promise<FleetOutcome<{ entries: QuarantinedSite[] }>> {
		return this.run(async (db) => ({ ok: true, entries: await db.getAll('quarantine') }));
	}

	clearQuarantine(): Promise<FleetOutcome> {
		return this.run(async (db) => {
			await db.clear('quarantine');
			return { ok: true };
		});
	}

	close(): void {
		void this.connection?.then((db) => db.close()).catch(() => undefined);
		this.connection = undefined;
		this.channel?.close();
	}
}
