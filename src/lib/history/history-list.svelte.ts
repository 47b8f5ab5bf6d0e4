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
 * Reads never overlap: a change that comes in while the list is being read starts one more read
 * when it ends, so a burst of changes costs two reads and the newest state always wins.
 */
import { history } from './index';
import type { RunRecord } from './record';
import type { Failure, HistoryStore } from './store';

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

	#store: HistoryStore | undefined;
	#reading: Promise<void> | undefined;
	#again = false;

	/** `store` for tests; the pages use the tab's history store, created on first use. */
	constructor(store?: HistoryStore) {
		this.#store = store;
	}

	#history(): HistoryStore {
		this.#store ??= history();
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
		void this.refresh();
		return this.#history().subscribe(() => {
			void this.refresh();
			onChange?.();
		});
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
			listed = await this.#history().list();
		} catch (error) {
			// list() answers with outcomes; this only keeps the page off "Loading…" if it ever throws.
			listed = {
				ok: false,
				reason: 'error',
				message: `History could not be used just now (${String(error)}).`
			};
		}
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
