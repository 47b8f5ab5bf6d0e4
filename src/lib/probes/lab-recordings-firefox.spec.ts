/**
 * Real Firefox ESR event sequences recorded in the network lab (test/lab/recorded-firefox/*.json,
 * written by test/e2e/firefox-smoke.e2e.ts with NR_RECORD=1), replayed through the probes' own
 * stopping rules and bound, then classified. Each recorded probe carries the lab's prediction for
 * it (`expected`, derived from the network profile's rules by test/lab/expected-outcomes.ts); the
 * probe must reach one of the predicted outcomes within its bound.
 *
 * The same recordings with the error events taken out stand for an engine without
 * icecandidateerror (Firefox before 150): its conclusions must be weaker, never different.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '$lib/result/result';
import { probeSignal } from '$lib/result/result';
import { BOUND_FLOOR_MS } from './bounds';
import { classifyIce, replayIce } from './ice-classify';
import type { IceEvent } from './ice-log';
import { classifyWeb, type WebAttempt } from './web';

interface RecordedIceEvent {
	t: number;
	type: string;
	state?: string;
	candidateType?: string | null;
	protocol?: string | null;
	address?: string | null;
	tcpType?: string | null;
	errorCode?: number;
	errorText?: string;
	url?: string | null;
}

interface Expected {
	acceptable: ProbeOutcome[];
	why: string;
}

interface FirefoxRecording {
	browser: string;
	profile: string;
	ice: Record<string, { expected: Expected; server: { urls: string }; events: RecordedIceEvent[] }>;
	web: Record<
		string,
		{
			expected: Expected;
			url: string;
			outcome: string;
			ms: number;
			status?: number;
			responseType?: string;
			closeCode?: number;
		}
	>;
}

/** The recorder's events → the probe's IceEvent, as the adapter (ice-adapter.ts) would record them. */
function toIceEvents(raw: readonly RecordedIceEvent[]): IceEvent[] {
	const out: IceEvent[] = [];
	for (const e of raw) {
		// Firefox's empty end-of-candidates candidate has no type; the adapter skips it too.
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

function toWebAttempt(w: FirefoxRecording['web'][string], boundMs: number): WebAttempt {
	const kind = w.url.startsWith('wss:') ? 'wss' : 'https';
	// Past the bound the probe has already stopped with "timeout".
	if (w.outcome === 'timeout' || w.ms > boundMs)
		return { kind, ms: boundMs, end: { type: 'bound' } };
	if (w.outcome === 'response')
		return {
			kind,
			ms: w.ms,
			end: { type: 'response', status: w.status, opaque: w.responseType === 'opaque' }
		};
	if (w.outcome === 'open') return { kind, ms: w.ms, end: { type: 'open' } };
	return { kind, ms: w.ms, end: { type: 'error', closeCode: w.closeCode } };
}

const dir = join(process.cwd(), 'test/lab/recorded-firefox');
const files = existsSync(dir)
	? readdirSync(dir)
			.filter((f) => f.endsWith('.json'))
			.sort()
	: [];

it('has Firefox recordings for the lab profiles', () => {
	expect(files.length).toBeGreaterThanOrEqual(10);
});

for (const file of files) {
	const recording = JSON.parse(readFileSync(join(dir, file), 'utf8')) as FirefoxRecording;
	describe(`${file} (${recording.browser}, profile ${recording.profile})`, () => {
		for (const [name, ice] of Object.entries(recording.ice)) {
			const url = ice.server.urls;
			const kind = url.startsWith('stun') ? 'stun' : 'turn';
			const bound = BOUND_FLOOR_MS;
			const events = toIceEvents(ice.events);

			it(`${name}: ${ice.expected.acceptable.join(' or ')} (${ice.expected.why})`, () => {
				const log = replayIce({ url, errorEvents: true, events }, bound);
				const result = classifyIce(log);
				expect(ice.expected.acceptable, result.evidence.detail).toContain(result.outcome);
				expect(log.end.t).toBeLessThanOrEqual(bound);
				expect(JSON.stringify(result)).not.toMatch(/\.local|0\.0\.0\.x|0:0:0:x/);
			});

			it(`${name}, without icecandidateerror (old engines): weaker, never different`, () => {
				const withEvents = classifyIce(replayIce({ url, errorEvents: true, events }, bound));
				const without = classifyIce(
					replayIce(
						{ url, errorEvents: false, events: events.filter((e) => e.type !== 'error') },
						bound
					)
				);
				// Without the event nothing says why a probe failed, so no cause may be claimed.
				expect(['refused', 'dns-failed']).not.toContain(without.outcome);
				// TURN with test credentials never gets a relay, so without the 401 nothing is known.
				if (kind === 'turn' && !events.some((e) => e.type === 'candidate'))
					expect(without.outcome).toBe('inconclusive');
				// Whatever it still concludes agrees with what the full engine concluded.
				const weak = probeSignal(without.outcome);
				if (weak !== 'undecided') expect(weak).toBe(probeSignal(withEvents.outcome));
				expect(without.evidence.detail).toBeTruthy();
			});
		}
		for (const [name, web] of Object.entries(recording.web)) {
			const bound = BOUND_FLOOR_MS;
			it(`${name}: ${web.outcome} after ${web.ms} ms → ${web.expected.acceptable.join(' or ')}`, () => {
				const c = classifyWeb(toWebAttempt(web, bound));
				expect(web.expected.acceptable, c.detail).toContain(c.outcome);
			});
		}
	});
}
