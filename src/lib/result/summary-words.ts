/** Words for the one answer, the grid and the home advice (summary.ts holds the facts). */
import type { Product } from '$lib/data/schema';
import type { Overall } from './summary';
import type { ProductResult, Verdict } from './result';

/** A mark that is never the only signal: the grid shows the words beside it. */
export const VERDICT_MARKS: Record<Verdict, string> = {
	ready: '✓',
	degraded: '⚠',
	'not-ready': '✗',
	unknown: '?'
};

const list = (xs: readonly string[]) =>
	xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs.at(-1)}`;

/**
 * The headline for the whole check. With one product it is that product's own headline; with
 * more it says how many, and which, did not pass.
 */
export function overallHeadline(
	overall: Overall,
	name: (id: string) => string,
	single?: string
): string {
	if (overall.kind === 'offline') return 'This device is not connected to the internet';
	if (overall.kind === 'empty') return 'This result names no product we know';
	if (single !== undefined) return single;
	const n = overall.total;
	const names = (ids: readonly string[]) => list(ids.map(name));
	switch (overall.kind) {
		case 'ready':
			return overall.doubt
				? `All ${n} should probably work on this network`
				: `All ${n} will work on this network`;
		case 'degraded':
			return `All ${n} should work, ${overall.by.degraded.length} with limits: ${names(overall.by.degraded)}`;
		case 'not-ready':
			return `${overall.by['not-ready'].length} of ${n} will not work on this network: ${names(overall.by['not-ready'])}`;
		case 'unknown':
			return `We could not tell for ${overall.by.unknown.length} of ${n}: ${names(overall.by.unknown)}`;
	}
}

/** What to do next, in one line for the grid. */
export function shortAdvice(
	product: Pick<Product, 'kind'> | undefined,
	v: ProductResult | undefined
): string {
	if (!v) return 'Not checked';
	switch (v.verdict) {
		case 'ready':
			return v.doubt || v.manualMandatory
				? 'Ask IT to confirm the rules a browser cannot test'
				: 'Nothing to do';
		case 'degraded':
			return v.limit === 'relay'
				? 'Works; ask IT to allow UDP for better quality'
				: 'Ask IT to open what is blocked';
		case 'not-ready':
			return product?.kind === 'video' ? 'Try mobile data; send this to IT' : 'Send this to IT';
		case 'unknown':
			switch (v.undecided) {
				case 'offline':
					return 'Connect to the internet, then check again';
				case 'slow-link':
					return 'Try a faster network, then check again';
				case 'manual-only':
					return 'IT checks these rules by hand';
				case 'webrtc-unavailable':
				case 'no-error-events':
					return 'Check again in Chrome, Edge or Firefox';
				case 'cancelled':
					return 'Run the check again';
				default:
					return 'Check again, or in another browser';
			}
	}
}

/** For a patient on a home network, with no IT team. */
export const HOME_ADVICE: readonly string[] = [
	'Restart your router (switch it off for 30 seconds), then run the check again.',
	'Move closer to the Wi-Fi router, or use a network cable.',
	'Turn off any VPN or security app that filters traffic, for the call.',
	'Try mobile data instead of Wi-Fi (or the other way round).',
	'Use an up-to-date browser: Chrome, Edge, Firefox or Safari.',
	'If it still does not work, contact your GP practice or clinic: they can call you by phone instead.'
];
