/**
 * Whether a check is running in this tab. CheckPanel reports it; the update prompt reads it, so a
 * new version never reloads the page in the middle of a check.
 */
export const checkActivity = $state({ running: false });

/** Sets the flag; returns the reset (so `$effect(() => reportCheckRunning(x))` clears it on unmount). */
export function reportCheckRunning(running: boolean): () => void {
	checkActivity.running = running;
	return () => {
		checkActivity.running = false;
	};
}
