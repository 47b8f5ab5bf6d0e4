/**
 * The update prompt's logic. A new version of the site installs its service worker in the
 * background; the worker then waits (service-worker.ts never skips waiting by itself), so open
 * pages keep the files they were built with. When one is waiting, the page offers a reload, which
 * asks the waiting worker to take over and reloads once it controls the page. While a check is
 * running in this tab the offer cannot be taken up.
 */

/** The message service-worker.ts answers with skipWaiting(). */
export const SKIP_WAITING = { type: 'netready:skip-waiting' } as const;

export type UpdateStep = 'none' | 'offer' | 'after-check' | 'reloading';

/**
 * What the prompt shows: nothing without a waiting version; the offer with its Reload button;
 * while a check runs, the offer with the button disabled (a reload would throw the check away);
 * once Reload is pressed, that the new version is loading.
 */
export function updateStep(state: {
	waiting: boolean;
	asked: boolean;
	checkRunning: boolean;
}): UpdateStep {
	if (!state.waiting) return 'none';
	if (state.asked) return 'reloading';
	return state.checkRunning ? 'after-check' : 'offer';
}

/**
 * Calls `onWaiting` with the waiting worker of this page's registration, now or when one
 * finishes installing. A worker installed while no worker controls the page is the first install,
 * not an update, and is not reported. Returns a function that stops watching.
 */
export function watchForWaitingWorker(
	container: ServiceWorkerContainer,
	onWaiting: (worker: ServiceWorker) => void
): () => void {
	let stopped = false;
	const cleanups: (() => void)[] = [];
	const report = (worker: ServiceWorker | null) => {
		if (!stopped && worker && container.controller) onWaiting(worker);
	};
	void container.getRegistration().then((registration) => {
		if (!registration || stopped) return;
		report(registration.waiting);
		const onUpdateFound = () => {
			const installing = registration.installing;
			if (!installing) return;
			const onState = () => {
				if (installing.state === 'installed') report(registration.waiting ?? installing);
			};
			installing.addEventListener('statechange', onState);
			cleanups.push(() => installing.removeEventListener('statechange', onState));
		};
		registration.addEventListener('updatefound', onUpdateFound);
		cleanups.push(() => registration.removeEventListener('updatefound', onUpdateFound));
		// A tab left open for days still learns of a new version when it is looked at again.
		const onVisible = () => {
			if (document.visibilityState === 'visible') void registration.update().catch(() => {});
		};
		document.addEventListener('visibilitychange', onVisible);
		cleanups.push(() => document.removeEventListener('visibilitychange', onVisible));
	});
	return () => {
		stopped = true;
		for (const cleanup of cleanups) cleanup();
	};
}

/**
 * Asks `worker` to take over and reloads the page once it controls it. Only this tab reloads:
 * other tabs get the new worker too but keep their page (and any check running there).
 */
export function activateAndReload(
	container: ServiceWorkerContainer,
	worker: ServiceWorker,
	reload: () => void = () => location.reload()
): void {
	let reloaded = false;
	container.addEventListener('controllerchange', () => {
		if (reloaded) return;
		reloaded = true;
		reload();
	});
	worker.postMessage(SKIP_WAITING);
}
