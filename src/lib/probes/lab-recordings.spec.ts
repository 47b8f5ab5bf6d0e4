/**
 * Real Chromium event sequences recorded in the network lab (test/lab/recorded/*.json, written by
 * test/e2e/ice-smoke.e2e.ts), replayed through the probes' own stopping rules and bound, then
 * classified. Each recording says what the browser showed over a long wait ("observed"); the probe
 * must reach the same conclusion within its bound.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '$lib/result/result';
import { BOUND_FLOOR_MS } from './bounds';
import { classifyIce, replayIce } from './ice-classify';
import type { IceEvent } from './ice-log';
import { classifyWeb, type WebAttempt } from './web';

interface LabIceEvent {
	t: number;
	type: string;
	state?: string;
	candidateType?: string;
	protocol?: string;
	address?: string | null;
	errorCode?: number;
	errorText?: string;
	url?: string;
}

interface LabRecording {
	browser: string;
	profile: string;
	errorEvents?: boolean;
	ice?: Record<
		string,
		{
			/** older recordings: what the browser showed by the end of the wait */
			observed?: string;
			observedAtEnd?: string;
			server: { urls: string };
			events: LabIceEvent[];
		}
	>;
	web?: Record<
		string,
		{
			url: string;
			kind: string;
			outcome: string;
			ms: number;
			status?: number;
			responseType?: string;
			closeCode?: number;
		}
	>;
}

/** The lab's event names → the probe's IceEvent; what the adapter would have kept. */
function toIceEvents(raw: readonly LabIceEvent[]): IceEvent[] {
	const out: IceEvent[] = [];
	for (const e of raw) {
		if (e.type === 'candidate' && e.candidateType)
			out.push({
				t: e.t,
				type: 'candidate',
				candidateType: e.candidateType,
				...(e.protocol ? { protocol: e.protocol } : {}),
				...(e.candidateType === 'srflx' && e.address ? { address: e.address } : {})
			});
		else if (e.type === 'candidate-error' && typeof e.errorCode === 'number')
			out.push({
				t: e.t,
				type: 'error',
				code: e.errorCode,
				text: e.errorText ?? '',
				...(e.url ? { url: e.url } : {}),
				address: e.address ?? null
			});
		else if (
			e.type === 'end-of-candidates' ||
			(e.type === 'gathering-state' && e.state === 'complete')
		)
			out.push({ t: e.t, type: 'gathering-complete' });
	}
	return out;
}

const OBSERVED_ICE: Record<string, ProbeOutcome> = {
	srflx: 'reachable',
	'401': 'reachable',
	relay: 'reachable',
	silent: 'timeout',
	'complete-silent': 'timeout',
	'lookup-error': 'dns-failed',
	'connect-failed': 'refused'
};

function toWebAttempt(w: NonNullable<LabRecording['web']>[string]): WebAttempt | undefined {
	const kind = w.url.startsWith('wss:') ? 'wss' : 'https';
	if (w.outcome === 'response')
		return {
			kind,
			ms: w.ms,
			end: { type: 'response', status: w.status, opaque: w.responseType === 'opaque' }
		};
	if (w.outcome === 'open') return { kind, ms: w.ms, end: { type: 'open' } };
	if (w.outcome === 'error')
		return { kind, ms: w.ms, end: { type: 'error', closeCode: w.closeCode } };
	if (w.outcome === 'timeout') return { kind, ms: w.ms, end: { type: 'bound' } };
	return undefined;
}

/** When the event that makes the observation first arrived (Infinity for silence). */
function whenDecided(raw: readonly LabIceEvent[], observed: ProbeOutcome | undefined): number {
	const times = raw
		.filter((e) => {
			if (observed === 'reachable')
				return (
					(e.type === 'candidate' &&
						(e.candidateType === 'srflx' || e.candidateType === 'relay')) ||
					(e.type === 'candidate-error' && (e.errorCode ?? 0) < 700)
				);
			if (observed === 'dns-failed' || observed === 'refused')
				return (
					e.type === 'end-of-candidates' || (e.type === 'gathering-state' && e.state === 'complete')
				);
			return false;
		})
		.map((e) => e.t);
	return times.length ? Math.min(...times) : Infinity;
}

const dir = join(process.cwd(), 'test/lab/recorded');
const files = existsSync(dir)
	? readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort()
	: [];

it('reads the lab recordings folder (it may still be empty)', () => {
	expect(Array.isArray(files)).toBe(true);
});

for (const file of files) {
	const recording = JSON.parse(readFileSync(join(dir, file), 'utf8')) as LabRecording;
	describe(`${file} (${recording.browser}, profile ${recording.profile})`, () => {
		for (const [name, ice] of Object.entries(recording.ice ?? {})) {
			const url = ice.server.urls;
			const bound = BOUND_FLOOR_MS;
			const seen = ice.observedAtEnd ?? ice.observed ?? '';
			const observed = OBSERVED_ICE[seen];
			// The lab waited up to 90 s; the probe stops at its bound. What decided the observation
			// must have happened inside the bound, otherwise the probe can only say "no answer".
			const decidedAt = whenDecided(ice.events, observed);
			const expected = observed && decidedAt > bound ? 'timeout' : observed;
			(expected ? it : it.skip)(`${name}: ${seen} → ${expected}`, () => {
				const log = replayIce(
					{ url, errorEvents: recording.errorEvents ?? true, events: toIceEvents(ice.events) },
					bound
				);
				const result = classifyIce(log);
				expect(result.outcome).toBe(expected);
				expect(log.end.t).toBeLessThanOrEqual(bound);
				// nothing local survives into the evidence
				expect(JSON.stringify(result)).not.toMatch(/\.local|0\.0\.0\.x|0:0:0:x/);
			});
		}
		for (const [name, web] of Object.entries(recording.web ?? {})) {
			const bound = BOUND_FLOOR_MS;
			// Past the bound the probe has already stopped with "timeout".
			const attempt =
				web.ms > bound
					? ({ kind: 'https', ms: bound, end: { type: 'bound' } } as const)
					: toWebAttempt(web);
			(attempt ? it : it.skip)(`${name}: ${web.outcome} after ${web.ms} ms`, () => {
				const c = classifyWeb(attempt!);
				expect(c.outcome).toBe(
					web.ms > bound
						? 'timeout'
						: ({ error: 'refused', timeout: 'timeout' }[web.outcome] ?? 'reachable')
				);
			});
		}
	});
}
