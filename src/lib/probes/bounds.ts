/**
 * Time bounds. The targets: every product's verdict within 2 s on an open network and within 6 s
 * when everything is blocked. A working probe ends at its first answer, so the open case is set by
 * the slowest reachable server, not by these bounds; the bounds only decide how long silence lasts.
 *
 * 4.5 s leaves a high-latency link (satellite, congested mobile: 600–800 ms round trips) room for the
 * slowest positive answer we need — DNS + TCP + TLS + TURN allocate is about four round trips, about
 * 3 s — while a fully blocked network (everything silent) still ends at about 4.5 s plus page work.
 * Firefox reports dropped UDP as an error after about 4 s, which also falls inside the bound.
 */
import type { ProbeKind } from '$lib/data/schema';

export const PROBE_BOUNDS_MS: Record<ProbeKind, number> = {
	stun: 4500,
	turn: 4500,
	https: 4500,
	wss: 4500
};

/**
 * Grace after a probe's own bound before the runner stops waiting for it and records a timeout
 * itself: adapters close their peer connections and sockets on time, this only guards against an
 * engine that never calls back.
 */
export const RUNNER_GRACE_MS = 400;
