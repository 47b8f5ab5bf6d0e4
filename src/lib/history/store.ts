/**
 * History of checks in IndexedDB. Every operation returns a typed outcome instead of throwing, so
 * a page can always say what happened: saved, or why not (no storage in this browser, storage
 * full, a newer version owns the database, ...). A check never depends on history working.
 */
// Not from privacy.ts: that module needs ipaddr.js, which reading and saving history never do.
import { withoutPublicAddresses } from '$lib/result/public-address';
import type { CheckResult } from '$lib/result/result';
import { openHistoryDb, type HistoryDb, type QuarantinedRecord, type Upgrade } from './db';
import { cleanLabel, RECORD_VERSION, type RunRecord } from './record-shape';
import type { HistorySync } from './sync';

// Reading and checking a record needs the result schema (valibot): it loads with the first
// record there is to read or save, so opening an empty history costs a first visit none of it.
// Loaded before a transaction starts, never inside one (an await there would end it).
const loadReader = () => import('./record');
const loadSchema = () => import('$lib/result/result');
type ReadRecord = Awaited<ReturnType<typeof loadReader>>['readRecord'];

export type HistoryFailure =
	'unavailable' | 'quota' | 'newer-version' | 'blocked' | 'invalid' | 'not-found' | 'error';

export type Failure = { ok: false; reason: HistoryFailure; message: string };
export type Outcome<T extends object = object> = ({ ok: true } & T) | Failure;
export type SaveOutcome = Outcome<{ id: string }>;

export interface HistoryList {
	/** newest check first */
	runs: RunRecord[];
	/** records set aside because they could not be read (now and before) */
	quarantined: number;
	/** records written by a newer version of the app, left untouched */
	newer: number;
	/** records brought up to the current layout during this read */
	migrated: number;
}

export interface QuarantineEntry extends QuarantinedRecord {
	key: number;
}

export interface SaveOptions {
	label?: string;
	origin?: RunRecord['origin'];
	/** keep the public (server-reflexive) address; history leaves it out unless asked */
	includePublicAddress?: boolean;
}

export const FAILURE_MESSAGES: Record<HistoryFailure, string> = {
	unavailable:
		'This browser is not keeping a history of checks (private browsing, or site storage is turned off). Checks still work; use Share or Export to keep a result.',
	quota:
		"The browser's storage for this site is full, so this result was not saved to history. Delete old results on the History page, or use Share or Export to keep it.",
	'newer-version':
		'History was last opened by a newer version of netready. Reload the page to use it.',
	blocked:
		'History is being updated in another netready tab. Close the other netready tabs, then reload this page.',
	invalid: 'This result is incomplete, so it was not saved to history.',
	'not-found': 'That saved result no longer exists; it may have been deleted in another tab.',
	error: 'History could not be used just now.'
};

export function failure(reason: HistoryFailure, detail?: string): Failure {
	const message = FAILURE_MESSAGES[reason] + (detail ? ` (${detail})` : '');
	return { ok: false, reason, message };
}

function errorName(error: unknown): string {
	if (error && typeof error === 'object' && 'name' in error) return String(error.name);
	return 'Error';
}

function isQuota(error: unknown): boolean {
	const name = errorName(error);
	const code = (error as { code?: number } | null)?.code;
	return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED' || code === 22;
}

/** Errors from using an open database. */
function classify(error: unknown): Failure {
	if (isQuota(error)) return failure('quota');
	if (errorName(error) === 'DataCloneError')
		return failure('invalid', 'the result could not be stored');
	return failure('error', errorName(error));
}

/** Errors from opening: anything but a version clash means this browser gives us no storage. */
function classifyOpen(error: unknown): Failure {
	const name = errorName(error);
	if (name === 'VersionError') return failure('newer-version');
	if (name === 'BlockedError') return failure('blocked');
	if (isQuota(error)) return failure('quota');
	return failure('unavailable', name);
}

export function newRunId(): string {
	const bytes = new Uint8Array(6);
	globalThis.crypto.getRandomValues(bytes);
	const random = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
	return `${Date.now().toString(36)}-${random}`;
}

export interface HistoryStoreOptions {
	/** the IndexedDB factory, or a function giving it (undefined when the browser has none) */
	factory: IDBFactory | (() => IDBFactory | undefined) | undefined;
	sync?: HistorySync;
	name?: string;
	upgrades?: readonly Upgrade[];
	blockedTimeoutMs?: number;
	now?: () => Date;
}

export class HistoryStore {
	private connection: Promise<HistoryDb> | undefined;

	constructor(private readonly options: HistoryStoreOptions) {}

	private factory(): IDBFactory | undefined {
		const f = this.options.factory;
		try {
			return typeof f === 'function' ? f() : f;
		} catch {
			// Reading window.indexedDB throws in some sandboxed frames.
			return undefined;
		}
	}

	private async db(): Promise<HistoryDb> {
		if (!this.connection) {
			const factory = this.factory();
			if (!factory) throw new DOMException('no indexedDB', 'UnavailableError');
			const opening = openHistoryDb({
				factory,
				name: this.options.name,
				upgrades: this.options.upgrades,
				blockedTimeoutMs: this.options.blockedTimeoutMs,
				onVersionChange: () => {
					this.connection = undefined;
				}
			});
			this.connection = opening;
			opening.then(
				(db) =>
					db.addEventListener('close', () => {
						this.connection = undefined;
					}),
				() => {
					this.connection = undefined;
				}
			);
		}
		return this.connection;
	}

	/** Opens the database, mapping open failures; then runs `use`, mapping use failures. */
	private async run<T extends object>(
		use: (db: HistoryDb) => Promise<Outcome<T>>
	): Promise<Outcome<T>> {
		let db: HistoryDb;
		try {
			db = await this.db();
		} catch (error) {
			return classifyOpen(error);
		}
		try {
			return await use(db);
		} catch (error) {
			if (errorName(error) === 'InvalidStateError') {
				// The connection was closed under us (another tab upgraded): reopen once.
				this.connection = undefined;
				try {
					return await use(await this.db());
				} catch (retryError) {
					return classify(retryError);
				}
			}
			return classify(error);
		}
	}

	private changed(): void {
		this.options.sync?.notify();
	}

	/** Whether history can be used in this browser now. */
	available(): Promise<Outcome> {
		return this.run(async () => ({ ok: true }));
	}

	async save(result: CheckResult, options: SaveOptions = {}): Promise<SaveOutcome> {
		let parseResult: Awaited<ReturnType<typeof loadSchema>>['parseResult'];
		try {
			({ parseResult } = await loadSchema());
		} catch (error) {
			return classify(error);
		}
		let copy: unknown;
		try {
			// A plain copy: the page may hand in a reactive proxy, which IndexedDB cannot clone.
			copy = JSON.parse(JSON.stringify(result));
		} catch {
			return failure('invalid', 'the result could not be copied');
		}
		const parsed = parseResult(copy);
		if (!parsed.ok) return failure('invalid', parsed.problem);
		// Plain objects again: the parsed maps have no prototype, which is fine to read but not
		// what IndexedDB should hold.
		const plain = JSON.parse(JSON.stringify(parsed.result)) as CheckResult;
		const record: RunRecord = {
			recordVersion: RECORD_VERSION,
			id: newRunId(),
			savedAt: (this.options.now?.() ?? new Date()).toISOString(),
			origin: options.origin ?? 'local',
			result: options.includePublicAddress ? plain : withoutPublicAddresses(plain)
		};
		const label = cleanLabel(options.label);
		if (label) record.label = label;
		const outcome = await this.run(async (db) => {
			const tx = db.transaction('runs', 'readwrite');
			await Promise.all([tx.store.add(record), tx.done]);
			return { ok: true as const, id: record.id };
		});
		if (outcome.ok) this.changed();
		return outcome;
	}

	/**
	 * Every readable record, newest first. Older layouts are migrated and written back; records
	 * that cannot be read are moved to the quarantine store, never deleted.
	 */
	list(): Promise<Outcome<HistoryList>> {
		return this.run(async (db) => {
			const tx = db.transaction('runs', 'readonly');
			const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
			const readRecord: ReadRecord | undefined = values.length
				? (await loadReader()).readRecord
				: undefined;
			const runs: RunRecord[] = [];
			const toRewrite: RunRecord[] = [];
			const toQuarantine: { key: string; value: unknown; problem: string }[] = [];
			let newer = 0;
			values.forEach((value, i) => {
				const read = readRecord!(value);
				if (read.kind === 'current') runs.push(read.record);
				else if (read.kind === 'migrated') {
					runs.push(read.record);
					toRewrite.push(read.record);
				} else if (read.kind === 'newer') newer++;
				else toQuarantine.push({ key: keys[i]!, value, problem: read.problem });
			});
			if (toRewrite.length || toQuarantine.length) {
				try {
					if (await this.repair(db, readRecord!, toRewrite, toQuarantine)) this.changed();
				} catch {
					// Repair is best effort: the records read fine this time and stay as they were.
				}
			}
			const quarantined = await db.count('quarantine');
			runs.sort(
				(a, b) =>
					b.result.startedAt.localeCompare(a.result.startedAt) || b.savedAt.localeCompare(a.savedAt)
			);
			return { ok: true as const, runs, quarantined, newer, migrated: toRewrite.length };
		});
	}

	/**
	 * Writes back migrated records and moves unreadable ones aside, each only if it is still as
	 * this read found it. Another tab may have listed the same records at the same moment (two
	 * tabs opening History), deleted one, or already repaired it: readwrite transactions on the
	 * same stores run one after another, so checking inside this one makes the repair happen once.
	 * Returns whether anything was written.
	 */
	private async repair(
		db: HistoryDb,
		readRecord: ReadRecord,
		rewrite: RunRecord[],
		quarantine: { key: string; value: unknown; problem: string }[]
	): Promise<boolean> {
		const tx = db.transaction(['runs', 'quarantine'], 'readwrite');
		const runs = tx.objectStore('runs');
		const aside = tx.objectStore('quarantine');
		const at = (this.options.now?.() ?? new Date()).toISOString();
		let wrote = false;
		const writes: Promise<unknown>[] = [];
		const stillThere = rewrite.map(async (record) => {
			const now = await runs.get(record.id);
			// Deleted meanwhile: do not bring it back. Already current: nothing to do.
			if (now === undefined || readRecord(now).kind !== 'migrated') return;
			wrote = true;
			writes.push(runs.put(record));
		});
		const stillBroken = quarantine.map(async (q) => {
			const now = await runs.get(q.key);
			if (now === undefined || readRecord(now).kind !== 'unreadable') return;
			wrote = true;
			writes.push(
				aside.add({ originalKey: q.key, quarantinedAt: at, problem: q.problem, value: now }),
				runs.delete(q.key)
			);
		});
		await Promise.all([...stillThere, ...stillBroken]);
		await Promise.all([...writes, tx.done]);
		return wrote;
	}

	get(id: string): Promise<Outcome<{ record: RunRecord }>> {
		return this.run(async (db) => {
			const value = await db.get('runs', id);
			if (value === undefined) return failure('not-found');
			const { readRecord } = await loadReader();
			const read = readRecord(value);
			if (read.kind === 'current' || read.kind === 'migrated')
				return { ok: true as const, record: read.record };
			if (read.kind === 'newer') return failure('newer-version');
			// Leave moving it aside to list(), which reports it; here just say it cannot be shown.
			return failure('error', `the saved result cannot be read: ${read.problem}`);
		});
	}

	async rename(id: string, label: string | undefined): Promise<Outcome> {
		let readRecord: ReadRecord;
		try {
			({ readRecord } = await loadReader());
		} catch (error) {
			return classify(error);
		}
		const outcome = await this.run(async (db) => {
			const tx = db.transaction('runs', 'readwrite');
			const value = await tx.store.get(id);
			const read = value === undefined ? undefined : readRecord(value);
			if (!read || (read.kind !== 'current' && read.kind !== 'migrated')) {
				tx.abort();
				await tx.done.catch(() => undefined);
				return read?.kind === 'newer' ? failure('newer-version') : failure('not-found');
			}
			const record: RunRecord = { ...read.record };
			const cleaned = cleanLabel(label);
			if (cleaned) record.label = cleaned;
			else delete record.label;
			await Promise.all([tx.store.put(record), tx.done]);
			return { ok: true as const };
		});
		if (outcome.ok) this.changed();
		return outcome;
	}

	async remove(id: string): Promise<Outcome> {
		const outcome = await this.run(async (db) => {
			await db.delete('runs', id);
			return { ok: true as const };
		});
		if (outcome.ok) this.changed();
		return outcome;
	}

	/** Deletes every saved run. Records set aside in quarantine stay until clearQuarantine. */
	async clear(): Promise<Outcome> {
		const outcome = await this.run(async (db) => {
			await db.clear('runs');
			return { ok: true as const };
		});
		if (outcome.ok) this.changed();
		return outcome;
	}

	quarantine(): Promise<Outcome<{ entries: QuarantineEntry[] }>> {
		return this.run(async (db) => {
			const tx = db.transaction('quarantine', 'readonly');
			const [keys, values] = await Promise.all([tx.store.getAllKeys(), tx.store.getAll(), tx.done]);
			return { ok: true as const, entries: values.map((v, i) => ({ ...v, key: keys[i]! })) };
		});
	}

	async clearQuarantine(): Promise<Outcome> {
		const outcome = await this.run(async (db) => {
			await db.clear('quarantine');
			return { ok: true as const };
		});
		if (outcome.ok) this.changed();
		return outcome;
	}

	subscribe(listener: () => void): () => void {
		return this.options.sync?.subscribe(listener) ?? (() => undefined);
	}

	async close(): Promise<void> {
		const connection = this.connection;
		this.connection = undefined;
		if (connection) (await connection.catch(() => undefined))?.close();
	}
}
