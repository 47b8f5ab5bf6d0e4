/**
 * Tells other tabs (and listeners in this one) that history changed. BroadcastChannel where the
 * browser has it; otherwise a localStorage write, whose `storage` event reaches other tabs.
 */

export const CHANNEL_NAME = 'netready-history';
export const STORAGE_KEY = 'netready-history-changed';

export type ChangeListener = () => void;

export interface SyncEnvironment {
	BroadcastChannel?: typeof BroadcastChannel;
	localStorage?: Pick<Storage, 'setItem'>;
	addEventListener?: (type: 'storage', listener: (event: StorageEvent) => void) => void;
	removeEventListener?: (type: 'storage', listener: (event: StorageEvent) => void) => void;
}

export class HistorySync {
	private listeners = new Set<ChangeListener>();
	private channel: BroadcastChannel | undefined;
	private onStorage = (event: StorageEvent) => {
		if (event.key === STORAGE_KEY) this.emit();
	};

	constructor(private readonly env: SyncEnvironment) {
		if (env.BroadcastChannel) {
			try {
				this.channel = new env.BroadcastChannel(CHANNEL_NAME);
				this.channel.onmessage = () => this.emit();
			} catch {
				this.channel = undefined;
			}
		}
		if (!this.channel) env.addEventListener?.('storage', this.onStorage);
	}

	private emit(): void {
		for (const listener of [...this.listeners]) {
			try {
				listener();
			} catch {
				// One broken listener must not stop the others.
			}
		}
	}

	/** Call after every change to history. */
	notify(): void {
		this.emit();
		if (this.channel) {
			try {
				this.channel.postMessage({ type: 'changed', at: Date.now() });
			} catch {
				// A closed channel only means other tabs refresh on their next visit.
			}
			return;
		}
		try {
			this.env.localStorage?.setItem(STORAGE_KEY, `${Date.now()}-${Math.random()}`);
		} catch {
			// Storage may be full or disabled; other tabs then refresh on their next visit.
		}
	}

	subscribe(listener: ChangeListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	close(): void {
		this.listeners.clear();
		this.channel?.close();
		this.env.removeEventListener?.('storage', this.onStorage);
	}
}

export function browserSyncEnvironment(): SyncEnvironment {
	const g = globalThis as unknown as {
		BroadcastChannel?: typeof BroadcastChannel;
		localStorage?: Storage;
		addEventListener?: SyncEnvironment['addEventListener'];
		removeEventListener?: SyncEnvironment['removeEventListener'];
	};
	let storage: Storage | undefined;
	try {
		// Reading localStorage itself throws where storage is disabled by policy.
		storage = g.localStorage;
	} catch {
		storage = undefined;
	}
	return {
		BroadcastChannel: g.BroadcastChannel,
		localStorage: storage,
		addEventListener: g.addEventListener?.bind(globalThis),
		removeEventListener: g.removeEventListener?.bind(globalThis)
	};
}
