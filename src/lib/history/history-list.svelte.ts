/**
 * The saved runs as page state: the list, whether it is still loading, why history cannot be
 * used, and how many records were set aside or left for a newer version, kept up to date when
 * history changes in this tab or another (sync.ts). Pages create one, call follow() when they
 * mount and the function it returns when they unmount:
 *
 *   const saved = new SavedRuns();
 *   onMount(() => saved.follow());
 *   {#if saved.loading}…{:else if saved.failure}{saved.failure.message}{:else}{#each saved.runs …}
 *
 * The store (and idb) load only when there may be something to read: on a device with no history
 * database (peek.ts) the list is empty at once, and the store loads when a run is first saved
 * (in another tab, or this one). That keeps the first visit to History and Compare light.
 *
 * Reads never overlap: a change that comes in while the list is being read starts one more read
 * when it ends, so a burst of changes costs two reads and the newest state always wins.
 */
import type { RunRecord } from './record';
import type { Failure, HistoryStore } from './store';
import { mayHaveHistory } from './peek';
import { HistorySync, browserSyncEnvironment, type ChangeListener } from './sync';

export interface SavedRunsOptions {
	/** The store to read; default: the tab's history store, loaded when first needed. */
	loadStore?: () => Promise<HistoryStore>;
	/** false when the device surely holds no saved checks; default: peek.ts on the browser's IndexedDB */
	mayHaveHistory?: () => Promise<boolean>;
	/** Tells of a change while the store is not loaded; returns the function that stops it. */
	watch?: (listener: ChangeListener) => () => void;
}

const tabStore = () => import('./index').then((m) => m.history());
async function browserMayHaveHistory(): Promise<boolean> {
	let factory: IDBFactory | undefined;
	try {
		// Reading indexedDB itself throws where storage is blocked by policy: the store says why.
		factory = (globalThis as { indexedDB?: IDBFactory }).indexedDB;
	} catch {
		return true;
	}
	return mayHaveHistory(factory);
}
function browserWatch(listener: ChangeListener): () => void {
	const sync = new HistorySync(browserSyncEnvironment());
	sync.subscribe(listener);
	return () => sync.close();
}

export class SavedRuns {
	/** newest check first */
	runs = $state.raw<RunRecord[]>([]);
	/** true until the list has been read once */
	loading = $state(true);
	/** why history cannot be listed (no storage, a newer version owns it, …), else undefined */
	failure = $state.raw<Failure>();
	/** records set aside because they could not be read */
	quarantined = $state(0);
	/** records written by a newer version of the app, not shown */
	newer = $state(0);

	#store: Promise<HistoryStore> | undefined;
	#options: Required<SavedRunsOptions>;
	#reading: Promise<void> | undefined;
	#again = false;

	/** `store` for tests (read at once, no peek); the pages use the tab's history store. */
	constructor(store?: HistoryStore, options: SavedRunsOptions = {}) {
		if (store) this.#store = Promise.resolve(store);
		this.#options = {
			loadStore: options.loadStore ?? tabStore,
			mayHaveHistory: options.mayHaveHistory ?? browserMayHaveHistory,
			watch: options.watch ?? browserWatch
		};
	}

	#history(): Promise<HistoryStore> {
		this.#store ??= this.#options.loadStore().catch((error: unknown) => {
			// Offline before the store was ever cached: try again on the next read.
			this.#store = undefined;
			throw error;
		});
		return this.#store;
	}

	/** The run with this id, if it is in the list. */
	find(id: string): RunRecord | undefined {
		return this.runs.find((r) => r.id === id);
	}

	/**
	 * Reads the list now and again on every change in this tab or another; `onChange` runs on
	 * each change too (e.g. to reload a run the page shows). Returns the function that stops it.
	 */
	follow(onChange?: () => void): () => void {
		let stopped = false;
		let stop: (() => void) | undefined;
		const changed = () => {
			void this.refresh();
			onChange?.();
		};
		const followStore = async () => {
			const store = await this.#history().catch(() => undefined);
			if (stopped) return;
			if (store) stop = store.subscribe(changed);
			void this.refresh();
		};
		if (this.#store) {
			void followStore();
		} else {
			void this.#options
				.mayHaveHistory()
				.catch(() => true)
				.then((maybe) => {
					if (stopped) return;
					if (maybe) return followStore();
					// Nothing saved on this device yet: an empty list now, the store once a run is saved.
					this.#show({ ok: true, runs: [], quarantined: 0, newer: 0, migrated: 0 });
					const stopWatch = this.#options.watch(() => {
						stopWatch();
						if (stopped) return;
						onChange?.();
						void followStore();
					});
					stop = stopWatch;
				});
		}
		return () => {
			stopped = true;
			stop?.();
		};
	}

	/** Reads the list; resolves when the list shown is no older than the call. Never throws. */
	refresh(): Promise<void> {
		if (this.#reading) {
			this.#again = true;
			return this.#reading;
		}
		this.#reading = (async () => {
			try {
				do {
					this.#again = false;
					await this.#read();
				} while (this.#again);
			} finally {
				this.#reading = undefined;
			}
		})();
		return this.#reading;
	}

	async #read(): Promise<void> {
		let listed: Awaited<ReturnType<HistoryStore['list']>>;
		try {
			listed = await (await this.#history()).list();
		} catch (error) {
			// list() answers with outcomes; this keeps the page off "Loading…" if it ever throws, or
			// if the store itself could not be loaded (offline before it was ever cached).
			listed = {
				ok: false,
				reason: 'error',
				message: `History could not be used just now (${String(error)}).`
			};
		}
		this.#show(listed);
	}

	#show(listed: Awaited<ReturnType<HistoryStore['list']>>): void {
		if (listed.ok) {
			this.runs = listed.runs;
			this.quarantined = listed.quarantined;
			this.newer = listed.newer;
			this.failure = undefined;
		} else {
			this.runs = [];
			this.failure = listed;
		}
		this.loading = false;
	}
}
