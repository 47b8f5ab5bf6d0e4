/**
 * The whole check: plan the probes for the chosen products, run them, and turn what they saw into a
 * CheckResult. Nothing here touches the DOM; the probes come in as adapters.
 */
import type { Catalog } from '$lib/data/make-catalog';
import type { ProbeAdapters } from '$lib/probes/types';
import {
	RESULT_FORMAT,
	RESULT_VERSION,
	type CheckResult,
	type Diagnosis,
	type ProbeResult,
	type ProductResult
} from '$lib/result/result';
import {
	applyToVerdicts,
	explainSlow,
	markSlow,
	probesToJudge,
	probesToKeep
} from './apply-diagnosis';
import { diagnose } from './diagnosis';
import { originRttSample } from '$lib/probes/bounds';
import { planProbes } from './plan';
import { runProbes, type RunOptions, type RunProgress } from './runner';
import { requirementResults } from './status';
import { productVerdict } from './verdict';

/** The part of the catalog the check needs, so tests can hand in their own products. */
export type CatalogView = Pick<Catalog, 'withRequiredProducts'>;

export interface CheckMeta {
	dataVersion: string;
	appVersion: string;
	browser: string;
	webrtc: CheckResult['webrtc'];
	/** navigator.onLine when the check ends (asked then, as it may change while probing) */
	online?: () => boolean | undefined;
	/**
	 * Asks the site's own origin for a page no cache holds, alongside the probes: whether the
	 * device reaches anything at all (a page opened from the offline cache says nothing of that),
	 * and how long the answer took (its round trip may raise the probes' bounds, never lower them).
	 */
	originCheck?: () => Promise<OriginAnswer | boolean | undefined>;
}

export interface OriginAnswer {
	reachable: boolean;
	/** from sending the request to the answer, when it answered */
	ms?: number;
}

/**
 * Requirement statuses and product verdicts from probe results; the pure half of the check.
 * With a diagnosis (the check always makes one; old tests and results may have none) the
 * judgement follows what the network was seen to do (apply-diagnosis.ts).
 */
export function evaluate(
	productIds: readonly string[],
	catalog: CatalogView,
	seenProbes: readonly ProbeResult[],
	meta: Pick<CheckMeta, 'webrtc'>,
	diagnosis?: Diagnosis
): Pick<CheckResult, 'requirements' | 'verdicts'> {
	const probes = diagnosis ? probesToJudge(seenProbes, diagnosis) : seenProbes;
	const everything = catalog.withRequiredProducts(productIds);
	const requirements = requirementResults(
		everything.flatMap((p) => p.requirements),
		probes
	);
	const byUrl = new Map(probes.map((p) => [p.url, p]));
	const cancelled = probes.some((p) => p.outcome === 'cancelled');
	const verdicts: Record<string, ProductResult> = Object.create(null);
	for (const id of productIds) {
		const withRequired = catalog.withRequiredProducts([id]);
		if (withRequired.length === 0) continue;
		verdicts[id] = productVerdict(withRequired, requirements, byUrl, {
			webrtc: meta.webrtc,
			cancelled
		});
	}
	if (diagnosis) {
		markSlow(requirements, seenProbes, diagnosis);
		applyToVerdicts(verdicts, (id) => catalog.withRequiredProducts([id]), requirements, diagnosis);
		explainSlow(verdicts, diagnosis);
	}
	return { requirements, verdicts };
}

export interface RunCheckOptions extends Pick<RunOptions, 'signal' | 'bounds' | 'graceMs'> {
	productIds: readonly string[];
	catalog: CatalogView;
	adapters: ProbeAdapters;
	meta: CheckMeta;
	onProgress?: (progress: RunProgress) => void;
	/** wall clock, for the timestamps */
	clock?: () => Date;
}

export async function runCheck(options: RunCheckOptions): Promise<CheckResult> {
	const clock = options.clock ?? (() => new Date());
	const startedAt = clock().toISOString();
	const productIds = [...new Set(options.productIds)].filter(
		(id) => options.catalog.withRequiredProducts([id]).length > 0
	);
	const requests = planProbes(options.catalog.withRequiredProducts(productIds));
	const origin = Promise.resolve(options.meta.originCheck?.()).then(
		(answer) => (typeof answer === 'object' ? answer : { reachable: answer }),
		() => ({ reachable: undefined })
	);
	const [seen, { reachable: originReachable }] = await Promise.all([
		runProbes(requests, options.adapters, {
			signal: options.signal,
			bounds: options.bounds,
			graceMs: options.graceMs,
			onProgress: options.onProgress,
			rttHint: origin.then((a) => ('ms' in a && a.reachable ? originRttSample(a.ms) : undefined))
		}),
		origin
	]);
	const online = options.meta.online?.();
	const diagnosis = diagnose({
		probes: seen,
		...(online !== undefined ? { online } : {}),
		...(originReachable !== undefined ? { originReachable } : {}),
		// Chromium-family engines report every failed WebRTC name lookup (docs/lab.md).
		lookupErrorsReported: /^(Chrome|Edge|Opera|Samsung Internet) /.test(options.meta.browser)
	});
	const probes = probesToKeep(seen, diagnosis);
	const { requirements, verdicts } = evaluate(
		productIds,
		options.catalog,
		probes,
		options.meta,
		diagnosis
	);
	return {
		...(online !== undefined ? { online } : {}),
		diagnosis,
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		startedAt,
		finishedAt: clock().toISOString(),
		dataVersion: options.meta.dataVersion,
		appVersion: options.meta.appVersion,
		browser: options.meta.browser,
		webrtc: options.meta.webrtc,
		products: productIds,
		probes,
		requirements,
		verdicts
	};
}
