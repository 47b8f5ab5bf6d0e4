/**
 * The fleet page's state: the sites, what the last import did, and whether the fleet is kept.
 * Sites are immutable values in $state.raw (hundreds of results must not become deep proxies);
 * every change builds new arrays, is shown at once, and is written to IndexedDB. When storage
 * fails the fleet stays on the page and the page says it is not kept.
 */
import type { RunRecord } from '$lib/history';
import type { LightCatalogData } from '$lib/data/light-catalog';
import type { Merged, Skipped } from './merge';
import type { Edit } from './edits';
import type { FleetSite } from './model';
import type { ReadInputs } from './importer';
import { FleetStore, type FleetFailure } from './store';

export interface ImportReport {
	/** "3 links", "2 files", "4 history runs" */
	what: string;
	added: number;
	newSites: number;
	repeated: number;
	skipped: Skipped[];
	/** time from the start of reading to the matrix being updated */
	ms: number;
}

export interface Busy {
	what: string;
	done: number;
	total: number;
}

export class FleetState {
	sites = $state.raw<FleetSite[]>([]);
	loaded = $state(false);
	/** why the fleet is not kept in this browser, when it is not */
	storage = $state.raw<FleetFailure | undefined>();
	quarantined = $state(0);
	newer = $state(0);
	migrated = $state(0);
	busy = $state.raw<Busy | undefined>();
	report = $state.raw<ImportReport | undefined>();
	/** the last small change, said in a live region */
	status = $state('');

	readonly store: FleetStore;
	private unsubscribe: (() => void) | undefined;

	constructor(
		private readonly catalog: LightCatalogData,
		store?: FleetStore
	) {
		this.store =
			store ??
			new FleetStore({
				factory: () => (globalThis as { indexedDB?: IDBFactory }).indexedDB,
				channel: (globalThis as { BroadcastChannel?: typeof BroadcastChannel }).BroadcastChannel
			});
	}

	async load(): Promise<void> {
		const loaded = await this.store.load();
		if (loaded.ok) {
			this.sites = loaded.sites;
			this.quarantined = loaded.quarantined;
			this.newer = loaded.newer;
			this.migrated = loaded.migrated;
			this.storage = undefined;
		} else this.storage = loaded;
		this.loaded = true;
		this.unsubscribe ??= this.store.subscribe(() => {
			if (!this.busy) void this.load();
		});
	}

	destroy(): void {
		this.unsubscribe?.();
		this.store.close();
	}

	private async save(changed: readonly FleetSite[], removed: readonly string[] = []) {
		if (this.storage?.reason === 'unavailable') return;
		const saved = await this.store.write(changed, removed);
		this.storage = saved.ok ? undefined : saved;
	}

	private async importWith(
		what: string,
		total: number,
		read: (progress: (done: number, total: number) => void) => Promise<ReadInputs>
	): Promise<ImportReport | undefined> {
		if (this.busy) return undefined;
		const started = performance.now();
		this.busy = { what, done: 0, total };
		try {
			const input = await read((done, all) => (this.busy = { what, done, total: all }));
			const { mergeIncoming } = await import('./merge');
			const merged: Merged = mergeIncoming(this.sites, input.incoming);
			this.sites = merged.sites;
			const report: ImportReport = {
				what,
				added: merged.added,
				newSites: merged.newSites,
				repeated: input.repeated,
				skipped: [...input.skipped, ...merged.skipped],
				ms: 0
			};
			report.ms = Math.round(performance.now() - started);
			this.report = report;
			if (merged.changed.length) await this.save(merged.changed);
			return report;
		} finally {
			this.busy = undefined;
		}
	}

	async importText(text: string) {
		const { readText } = await import('./importer');
		return this.importWith('the pasted text', 0, (progress) =>
			readText(text, this.catalog, progress)
		);
	}

	async importFiles(files: readonly File[]) {
		const { readFiles } = await import('./importer');
		const what = files.length === 1 ? files[0]!.name : `${files.length} files`;
		return this.importWith(what, files.length, (progress) =>
			readFiles(files, this.catalog, progress)
		);
	}

	async importHistory(records: readonly RunRecord[]) {
		const { readHistoryRuns } = await import('./importer');
		const what = `${records.length} ${records.length === 1 ? 'run' : 'runs'} from history`;
		return this.importWith(what, records.length, async () => readHistoryRuns(records));
	}

	site(id: string): FleetSite | undefined {
		return this.sites.find((s) => s.id === id);
	}

	/** Shows an edit (edits.ts) at once and writes it. Returns the problem when it was refused. */
	async apply(edit: Edit): Promise<string | undefined> {
		if (!edit.ok) return edit.problem;
		this.sites = edit.sites;
		this.status = edit.status;
		await this.save(edit.changed, edit.removed);
		return undefined;
	}

	async clear() {
		this.sites = [];
		this.report = undefined;
		this.status = 'The fleet is empty.';
		if (this.storage?.reason === 'unavailable') return;
		const cleared = await this.store.clear();
		this.storage = cleared.ok ? undefined : cleared;
	}
}
