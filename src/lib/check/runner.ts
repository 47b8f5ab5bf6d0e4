/**
 * Runs every probe at once, each within its bound, and ends as soon as every probe has an outcome.
 * The runner never trusts an adapter to keep its bound: after bound + grace it records a timeout
 * itself and aborts the adapter; on cancel it records "cancelled" for every probe still running.
 */
import type { ProbeKind } from '$lib/data/schema';
import type { ProbeOutcome, ProbeResult } from '$lib/result/result';
import { PROBE_BOUNDS_MS, RUNNER_GRACE_MS } from '$lib/probes/bounds';
import type { ProbeAdapters, ProbeRequest } from '$lib/probes/types';

export interface RunProgress {
	total: number;
	done: number;
	/** the probe that just finished; absent in the first call */
	latest?: ProbeResult;
}

export interface RunOptions {
	signal?: AbortSignal;
	bounds?: Partial<Record<ProbeKind, number>>;
	graceMs?: number;
	onProgress?: (progress: RunProgress) => void;
	now?: () => number;
}

const message = (err: unknown) =>
	err instanceof Error ? `${err.name}: ${err.message}` : String(err);

function made(
	request: ProbeRequest,
	outcome: ProbeOutcome,
	ms: number,
	detail: string
): ProbeResult {
	return {
		url: request.url,
		kind: request.kind,
		outcome,
		ms: Math.round(ms),
		evidence: { detail }
	};
}

/** One result per request, in request order. Never rejects. */
export async function runProbes(
	requests: readonly ProbeRequest[],
	adapters: ProbeAdapters,
	options: RunOptions = {}
): Promise<ProbeResult[]> {
	const now = options.now ?? (() => performance.now());
	const grace = options.graceMs ?? RUNNER_GRACE_MS;
	const t0 = now();
	let done = 0;
	options.onProgress?.({ total: requests.length, done });

	const runOne = async (request: ProbeRequest): Promise<ProbeResult> => {
		const boundMs = options.bounds?.[request.kind] ?? PROBE_BOUNDS_MS[request.kind];
		const controller = new AbortController();
		const outer = options.signal;
		const cleanups: (() => void)[] = [];
		const stops: Promise<ProbeResult>[] = [];

		stops.push(
			new Promise((resolve) => {
				const timer = setTimeout(() => {
					controller.abort();
					resolve(
						made(
							request,
							'timeout',
							now() - t0,
							`no answer within ${(boundMs / 1000).toFixed(1)} s`
						)
					);
				}, boundMs + grace);
				cleanups.push(() => clearTimeout(timer));
			})
		);
		if (outer) {
			stops.push(
				new Promise((resolve) => {
					const onAbort = () => {
						controller.abort();
						resolve(made(request, 'cancelled', now() - t0, 'the check was stopped'));
					};
					if (outer.aborted) onAbort();
					else {
						outer.addEventListener('abort', onAbort, { once: true });
						cleanups.push(() => outer.removeEventListener('abort', onAbort));
					}
				})
			);
		}

		const adapter = adapters[request.kind];
		const run = (async () => {
			if (controller.signal.aborted) return made(request, 'cancelled', 0, 'the check was stopped');
			try {
				const r = await adapter(request, { signal: controller.signal, boundMs });
				// The runner owns identity: a result always carries the request's url and kind.
				return { ...r, url: request.url, kind: request.kind };
			} catch (err) {
				return made(request, 'unsupported', now() - t0, `the probe could not run: ${message(err)}`);
			}
		})();

		const result = await Promise.race([run, ...stops]);
		cleanups.forEach((c) => c());
		done += 1;
		options.onProgress?.({ total: requests.length, done, latest: result });
		return result;
	};

	return Promise.all(requests.map(runOne));
}
