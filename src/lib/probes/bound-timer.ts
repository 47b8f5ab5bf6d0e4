/** The bound of one running probe as a timer that follows the runner when it raises the bound. */
import type { ProbeContext } from './types';

/** Calls `onBound` when the bound runs out; returns a function that cancels the timer. */
export function startBoundTimer(
	context: Pick<ProbeContext, 'boundMs' | 'onBoundChange'>,
	onBound: () => void,
	now: () => number = () => performance.now()
): () => void {
	const t0 = now();
	let timer = setTimeout(onBound, context.boundMs);
	let stopped = false;
	context.onBoundChange?.((boundMs) => {
		if (stopped) return;
		clearTimeout(timer);
		timer = setTimeout(onBound, Math.max(0, boundMs - (now() - t0)));
	});
	return () => {
		stopped = true;
		clearTimeout(timer);
	};
}
