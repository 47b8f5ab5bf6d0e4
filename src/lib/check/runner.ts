/**
 * Runs every probe at once, each within its bound, and ends as soon as every probe has an outcome.
 * Bounds follow the link (probes/bounds.ts): every probe starts at the floor, and each answer that
 * shows a slower link (as does the origin check's round trip, `rttHint`) raises the bounds of the
 * probes still running. The runner never trusts an
 * adapter to keep its bound: after bound + grace it records a timeout itself and aborts the
 * adapter; on cancel it records "cancelled" for every probe still running.
 */
import type { ProbeKind } from '$lib/data/schema';
import { parseProbeUrl } from '$lib/data/probe-url';
import type { ProbeOutcome, ProbeResult } from '$lib/result/result';
import { BOUND_FLOOR_MS, RUNNER_GRACE_MS, boundFor, rttSample } from '$lib/probes/bounds';
import type { ProbeAdapters, ProbeRequest } from '$lib/probes/types';

export interface RunProgress {
	total: number;
	done: number;
	/** the probe that just finished; absent in the first call */
	latest?: ProbeResult;
	/** ms since the start, and the longest bound of the probes still running (for a moving bar) */
	elapsedMs?: number;
	boundMs?: number;
}

export interface RunOptions {
	signal?: AbortSignal;
	/** the starting bound per kind (tests); default BOUND_FLOOR_MS */
	bounds?: Partial<Record<ProbeKind, number>>;
	/** raise bounds from measured round trips (default true) */
	adaptive?: boolean;
	graceMs?: number;
	/**
	 * A round trip measured outside the probes (the origin check): when it arrives, it raises the
	 * bounds of the probes still running like an answer does, and never lowers one.
	 */
	rttHint?: Promise<number | undefined>;
	onProgress?: (progress: RunProgress) => void;
	now?: () => number;
}

const message = (err: unknown) =>
	err instanceof Error ? `${err.name}: ${err.message}` : String(err);

function made(
	request: ProbeRequest,
	outcome: ProbeOutcome,
	ms: number,
	boundMs: number,
	detail: string
): ProbeResult {
	return {
		url: request.url,
		kind: request.kind,
		outcome,
		ms: Math.round(ms),
		boundMs: Math.round(boundMs),
		evidence: { detail }
	};
}

interface Running {
	request: ProbeRequest;
	route: { kind: ProbeKind; via: 'udp' | 'tcp' | 'tls' };
	boundMs: number;
	listeners: ((boundMs: number) => void)[];
	rescheduleHardStop: (boundMs: number) => void;
}

/** One result per request, in request order. Never rejects. */
export async function runProbes(
	requests: readonly ProbeRequest[],
	adapters: ProbeAdapters,
	options: RunOptions = {}
): Promise<ProbeResult[]> {
	const now = options.now ?? (() => performance.now());
	const grace = options.graceMs ?? RUNNER_GRACE_MS;
	const adaptive = options.adaptive ?? true;
	const t0 = now();
	let done = 0;
	let rttMs: number | undefined;
	const running = new Set<Running>();
	const longestBound = () => Math.max(0, ...[...running].map((r) => r.boundMs));
	options.onProgress?.({ total: requests.length, done, elapsedMs: 0, boundMs: longestBound() });

	/** A round trip was seen: if it shows a slower link, the probes still running may wait longer. */
	const raiseFor = (sample: number) => {
		if (!adaptive || !(sample > 0)) return;
		rttMs = Math.max(rttMs ?? 0, sample);
		for (const r of running) {
			const raised = boundFor(r.route, rttMs);
			// Only a slow link raises a bound; an ordinary one leaves the starting bound as it is.
			if (raised <= BOUND_FLOOR_MS || raised <= r.boundMs) continue;
			r.boundMs = raised;
			r.listeners.forEach((l) => l(raised));
			r.rescheduleHardStop(raised);
		}
	};
	const learn = (route: Running['route'], result: ProbeResult) => {
		if (result.outcome === 'reachable') raiseFor(rttSample(route, result.rttMs ?? result.ms));
	};
	void options.rttHint?.then(
		(sample) => {
			if (sample !== undefined) raiseFor(sample);
		},
		() => undefined
	);

	const runOne = async (request: ProbeRequest): Promise<ProbeResult> => {
		const parsed = parseProbeUrl(request.url);
		const route = { kind: request.kind, via: parsed?.via ?? 'tls' } as const;
		const controller = new AbortController();
		const outer = options.signal;
		const cleanups: (() => void)[] = [];
		const stops: Promise<ProbeResult>[] = [];
		const self: Running = {
			request,
			route,
			boundMs: options.bounds?.[request.kind] ?? BOUND_FLOOR_MS,
			listeners: [],
			rescheduleHardStop: () => undefined
		};
		running.add(self);

		stops.push(
			new Promise((resolve) => {
				let timer: ReturnType<typeof setTimeout>;
				const schedule = (boundMs: number) => {
					clearTimeout(timer);
					timer = setTimeout(
						() => {
							controller.abort();
							resolve(
								made(
									request,
									'timeout',
									now() - t0,
									self.boundMs,
									`no answer within ${(self.boundMs / 1000).toFixed(1)} s`
								)
							);
						},
						Math.max(0, boundMs + grace - (now() - t0))
					);
				};
				schedule(self.boundMs);
				self.rescheduleHardStop = schedule;
				cleanups.push(() => clearTimeout(timer));
			})
		);
		if (outer) {
			stops.push(
				new Promise((resolve) => {
					const onAbort = () => {
						controller.abort();
						resolve(made(request, 'cancelled', now() - t0, self.boundMs, 'the check was stopped'));
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
			if (controller.signal.aborted)
				return made(request, 'cancelled', 0, self.boundMs, 'the check was stopped');
			try {
				const r = await adapter(request, {
					signal: controller.signal,
					boundMs: self.boundMs,
					onBoundChange: (listener) => self.listeners.push(listener)
				});
				// The runner owns identity: a result always carries the request's url and kind.
				return { ...r, url: request.url, kind: request.kind, boundMs: self.boundMs };
			} catch (err) {
				return made(
					request,
					'unsupported',
					now() - t0,
					self.boundMs,
					`the probe could not run: ${message(err)}`
				);
			}
		})();

		const result = await Promise.race([run, ...stops]);
		cleanups.forEach((c) => c());
		running.delete(self);
		learn(route, result);
		done += 1;
		options.onProgress?.({
			total: requests.length,
			done,
			latest: result,
			elapsedMs: Math.round(now() - t0),
			boundMs: longestBound()
		});
		return result;
	};

	return Promise.all(requests.map(runOne));
}
