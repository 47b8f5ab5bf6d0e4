/** The small interface between the check runner and the probes, so the runner can be tested with fakes. */
import type { ProbeResult } from '$lib/result/result';
import type { ProbeKind } from '$lib/data/schema';

export interface ProbeRequest {
	url: string;
	kind: ProbeKind;
}

export interface ProbeContext {
	/** aborts when the user cancels or the runner's hard stop fires */
	signal: AbortSignal;
	/** the probe must settle within this many ms; silence until then counts as "timeout" */
	boundMs: number;
	/**
	 * The runner raises a running probe's bound when answers show a slow link (bounds.ts): the
	 * listener gets the new bound, counted from the probe's start. startBoundTimer handles it.
	 */
	onBoundChange?(listener: (boundMs: number) => void): void;
}

/** Runs one probe. Must resolve (never reject) within boundMs, and promptly after the signal aborts. */
export type ProbeFn = (request: ProbeRequest, context: ProbeContext) => Promise<ProbeResult>;

export type ProbeAdapters = Record<ProbeKind, ProbeFn>;
