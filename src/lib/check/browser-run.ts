/**
 * The check as the page runs it: real probes, this browser's facts, the app's catalog. The check page
 * imports this lazily when the button is pressed, so none of the probe code is in the first load.
 */
import { DATA_VERSION, withRequiredProducts } from '$lib/data/catalog';
import { browserAdapters } from '$lib/probes';
import { browserSummary, detectWebrtc } from '$lib/probes/support';
import { runCheck } from './check';
import type { CheckResult } from '$lib/result/result';
import type { RunProgress } from './runner';

export interface BrowserCheckOptions {
	signal?: AbortSignal;
	onProgress?: (progress: RunProgress) => void;
	/** the build's version ($app/environment version) */
	appVersion: string;
}

export function runBrowserCheck(
	productIds: readonly string[],
	options: BrowserCheckOptions
): Promise<CheckResult> {
	const webrtc = detectWebrtc();
	return runCheck({
		productIds,
		catalog: { withRequiredProducts },
		adapters: browserAdapters(webrtc),
		meta: {
			dataVersion: DATA_VERSION,
			appVersion: options.appVersion,
			browser: browserSummary(navigator.userAgent),
			webrtc,
			online: () => (typeof navigator.onLine === 'boolean' ? navigator.onLine : undefined)
		},
		signal: options.signal,
		onProgress: options.onProgress
	});
}
