/**
 * The smoke test's own reading of a raw ICE record: deliberately blunt, only to prove the lab does
 * what each profile says. (The app's classifier is separate and is unit-tested against the
 * recordings in test/lab/recorded/.)
 */
import type { IceEvent, IceProbeRecord } from './raw-probes';

export type IceObservation =
	/** a server-reflexive candidate: the STUN binding was answered */
	| 'srflx'
	/** a relay candidate: a TURN allocation succeeded (real credentials) */
	| 'relay'
	/** TURN answered 401 to dummy credentials: reachable */
	| '401'
	/** 701 "... host lookup received error." on the IPv4 socket: the name did not resolve */
	| 'lookup-error'
	/** 701 "Failed to establish connection": TCP/TLS connect failed (refused, unresolvable) */
	| 'connect-failed'
	/** gathering completed without any answer or IPv4 error (e.g. STUN answered but srflx == host) */
	| 'complete-silent'
	/** nothing within the wait: dropped packets */
	| 'silent';

type ErrorEvent = Extract<IceEvent, { type: 'candidate-error' }>;

/** Chromium reports the IPv6 socket's errors with an address like "[0:0:0:x:x:x:x:x]". */
export function isIpv6SocketError(e: ErrorEvent): boolean {
	return e.address?.startsWith('[') ?? false;
}

/**
 * Reads a record as if the probe had stopped after `withinMs`: a recording that waited 90 s can be
 * judged by the same rule as an 8 s test run.
 */
export function observe(record: IceProbeRecord, withinMs = Infinity): IceObservation {
	const events = record.events.filter((e) => e.t <= withinMs);
	const candidates = events.filter((e) => e.type === 'candidate');
	if (candidates.some((c) => c.candidateType === 'relay')) return 'relay';
	if (candidates.some((c) => c.candidateType === 'srflx')) return 'srflx';
	const errors = events.filter(
		(e): e is ErrorEvent => e.type === 'candidate-error' && !isIpv6SocketError(e)
	);
	if (errors.some((e) => e.errorCode === 401)) return '401';
	if (errors.some((e) => e.errorCode === 701 && /host lookup/i.test(e.errorText)))
		return 'lookup-error';
	if (
		errors.some((e) => e.errorCode === 701 && /failed to establish connection/i.test(e.errorText))
	)
		return 'connect-failed';
	const completed = record.gatheringCompleteMs !== null && record.gatheringCompleteMs <= withinMs;
	return completed ? 'complete-silent' : 'silent';
}
