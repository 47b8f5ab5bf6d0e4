/**
 * The check as the page runs it: real probes, this browser's facts, the app's catalog. The check page
 * imports this lazily when the button is pressed, so none of the probe code is in the first load.
 */
import { DATA_VERSION, withRequiredProducts } from '$lib/data/catalog';
import { browserAdapters } from '$lib/probes';
import { browserSummary, detectWebrtc } from '$lib/probes/support';
import { BOUND_FLOOR_MS } from '$lib/probes/bounds';
import { runCheck, type OriginAnswer } from './check';
import type { CheckResult } from '$lib/result/result';
import type { RunProgress } from './runner';

/** The check page's progress ticker words each settled probe with this; it loads with the probes. */
export { probeLine } from '$lib/result/words';

export interface BrowserCheckOptions {
	signal?: AbortSignal;
	onProgress?: (progress: RunProgress) => void;
	/** the build's version ($app/environment version) */
	appVersion: string;
	/** a path on the site's own origin that no cache holds (the page passes base + '/__netready-origin') */
	originUrl?: string;
}

/**
 * Any HTTP answer from the site's own origin (a 404 included) shows the device reaches it. The
 * path is one the service worker does not hold, so the request goes to the network.
 */
async function originAnswers(url: string | undefined): Promise<OriginAnswer | undefined> {
	if (!url) return undefined;
	const started = performance.now();
	try {
		await fetch(`${url}?t=${Date.now()}`, {
			cache: 'no-store',
			credentials: 'omit',
			signal: AbortSignal.timeout(BOUND_FLOOR_MS)
		});
		return { reachable: true, ms: performance.now() - started };
	} catch {
		return { reachable: false };
	}
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
			online: () => (typeof navigator.onLine === 'boolean' ? navigator.onLine : undefined),
			originCheck: () => originAnswers(options.originUrl)
		},
		signal: options.signal,
		onProgress: options.onProgress
	});
}
