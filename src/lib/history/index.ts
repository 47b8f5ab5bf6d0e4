/**
 * History for the pages: one store on the browser's IndexedDB, shared by every caller in the tab.
 *
 * The check page calls, when a check finishes:
 *   const saved = await saveResult(result, label);   // never throws
 *   if (!saved.ok) show(saved.message);                // 'unavailable' | 'quota' | ...
 */
import type { CheckResult } from '$lib/result/result';
import { HistoryStore, type Outcome, type SaveOptions, type SaveOutcome } from './store';
import { HistorySync, browserSyncEnvironment } from './sync';

export type { RunRecord } from './record';
export type {
	Failure,
	HistoryFailure,
	HistoryList,
	Outcome,
	QuarantineEntry,
	SaveOptions,
	SaveOutcome
} from './store';
export { FAILURE_MESSAGES } from './store';

let shared: HistoryStore | undefined;

/** The tab's history store (created on first use, so server-side rendering never touches it). */
export function history(): HistoryStore {
	shared ??= new HistoryStore({
		factory: () => (globalThis as { indexedDB?: IDBFactory }).indexedDB,
		sync: new HistorySync(browserSyncEnvironment())
	});
	return shared;
}

/** Saves a finished check. Never throws; { ok: false, reason, message } says why not. */
export function saveResult(
	result: CheckResult,
	label?: string,
	options: Omit<SaveOptions, 'label'> = {}
): Promise<SaveOutcome> {
	return history().save(result, { ...options, label });
}

export function listRuns() {
	return history().list();
}

export function getRun(id: string) {
	return history().get(id);
}

export function renameRun(id: string, label: string | undefined): Promise<Outcome> {
	return history().rename(id, label);
}

export function deleteRun(id: string): Promise<Outcome> {
	return history().remove(id);
}

export function clearHistory(): Promise<Outcome> {
	return history().clear();
}

/** Runs `listener` whenever history changes, in this tab or another. Returns an unsubscribe. */
export function onHistoryChange(listener: () => void): () => void {
	return history().subscribe(listener);
}
