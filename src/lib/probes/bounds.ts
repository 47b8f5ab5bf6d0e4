/**
 * How long a probe may wait for an answer, from the link's measured round trip.
 *
 * A working probe ends at its first answer, so an open network is fast whatever the bounds; the
 * bounds only decide how long silence lasts. One fixed bound is both too long for a wired office
 * (20 ms round trips: a silent network kept the clinician waiting 4.5 s) and too short for a
 * satellite or congested mobile link (600 ms round trips: Chromium's TURN over TLS needs more than
 * 4.5 s there, and a time-out read as "blocked"). So every probe starts with a floor that any
 * reachable server on an ordinary link answers well within, and the runner raises the bounds of
 * the probes still running as soon as answers show a slower link: a handful of round trips for
 * what that probe needs, never above a ceiling. When nothing at all answers, the check ends at
 * the floor.
 */
import type { ProbeUrl } from '$lib/data/probe-url';

/** Long enough for DNS + TCP + TLS + TURN allocate on any ordinary link (≤ 150 ms round trips). */
export const BOUND_FLOOR_MS = 2000;
/** Silence longer than this is not a slow link: the packets are gone. */
export const BOUND_CEILING_MS = 12_000;
/** Round trips are counted twice over: retransmissions, a second address family, a slow server. */
export const BOUND_MARGIN = 2;
/** A link slower than this is "slow" for the diagnosis and the words. */
export const SLOW_LINK_RTT_MS = 300;

/**
 * Grace after a probe's own bound before the runner stops waiting for it and records a timeout
 * itself: adapters close their peer connections and sockets on time, this only guards against an
 * engine that never calls back.
 */
export const RUNNER_GRACE_MS = 400;

type Route = Pick<ProbeUrl, 'kind' | 'via'>;

/**
 * Round trips from starting a probe to its first answer: DNS (1), then STUN binding (1); TURN
 * allocate over UDP (1) or after a TCP handshake (1 + 1) or TCP + TLS (1 + 2 + 1); HTTPS and
 * WebSocket need TCP + TLS + the request (1 + 2 + 1), a WebSocket one more for the upgrade.
 */
export function roundTripsToAnswer(route: Route): number {
	switch (route.kind) {
		case 'stun':
			return 2;
		case 'turn':
			return route.via === 'udp' ? 2 : route.via === 'tcp' ? 3 : 5;
		case 'https':
			return 5;
		case 'wss':
			return 6;
	}
}

/** What one answer says of the round trip: its time spread over the round trips it needed. */
export function rttSample(route: Route, answerMs: number): number {
	return answerMs / roundTripsToAnswer(route);
}

/**
 * The bound for a probe given the round trip seen so far (undefined: nothing answered yet).
 * Pinned by bounds.spec.ts.
 */
export function boundFor(route: Route, rttMs: number | undefined): number {
	if (rttMs === undefined || !Number.isFinite(rttMs) || rttMs <= 0) return BOUND_FLOOR_MS;
	const needed = BOUND_MARGIN * roundTripsToAnswer(route) * rttMs + 500;
	return Math.round(Math.min(BOUND_CEILING_MS, Math.max(BOUND_FLOOR_MS, needed)));
}

/**
 * Round trips a no-store request to the site's own origin may need: a new TCP connection (1),
 * TLS 1.2 (2) and the request (1); its name is known, the page came from there. Reading the
 * request's time as this many round trips gives the least round trip it can mean, so the sample
 * is never above the real one: on a fast link (or the lab's loopback) it says nothing and the
 * bounds stay at the floor; only a slow link raises them (the runner never lowers a bound).
 */
export const ORIGIN_ROUND_TRIPS = 4;

/** What the origin check's time says of the round trip (undefined: no usable time). */
export function originRttSample(ms: number | undefined): number | undefined {
	if (ms === undefined || !Number.isFinite(ms) || ms <= 0) return undefined;
	return ms / ORIGIN_ROUND_TRIPS;
}

/** The middle of the samples (robust to one odd server): the link's round trip for the words. */
export function medianRtt(samples: readonly number[]): number | undefined {
	if (samples.length === 0) return undefined;
	const sorted = [...samples].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return Math.round(sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2);
}
