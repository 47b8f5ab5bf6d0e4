/**
 * What one ICE gathering run looked like, as plain data: the adapter records it in the browser, the
 * classifier reads it, and the lab stores real ones under test/lab/recorded/ as unit-test fixtures.
 *
 * Privacy: host (local) addresses are never recorded. Candidate events keep an address only for
 * server-reflexive candidates (the public address the STUN server saw). Error events keep only the
 * address family of the local socket, never the address itself; `address` is accepted on input so raw
 * recordings can be classified, but `sanitizeIceLog` drops it before anything is stored.
 */

export type AddressFamily = 'ipv4' | 'ipv6' | 'unknown';

export interface IceCandidateEvent {
	/** ms since gathering started */
	t: number;
	type: 'candidate';
	candidateType: 'host' | 'srflx' | 'prflx' | 'relay' | string;
	protocol?: 'udp' | 'tcp' | string;
	/** only for srflx: the public address; never for host candidates */
	address?: string;
	port?: number;
}

export interface IceErrorEvent {
	t: number;
	type: 'error';
	/** RTCPeerConnectionIceErrorEvent.errorCode: 300–699 are STUN/TURN error responses, 701 is local */
	code: number;
	/** errorText; Firefox leaves it empty */
	text: string;
	/** the server url as the browser reports it (Firefox drops ?transport=udp) */
	url?: string;
	/** the family of the local socket the error belongs to */
	family?: AddressFamily;
	/** raw local address, only in unsanitised recordings; read for its family, never stored */
	address?: string | null;
}

export interface IceCompleteEvent {
	t: number;
	type: 'gathering-complete';
}

export type IceEvent = IceCandidateEvent | IceErrorEvent | IceCompleteEvent;

export type IceEndReason =
	/** the browser said gathering is complete */
	| 'gathering-complete'
	/** the classifier already had a decisive answer, so the adapter stopped early */
	| 'decided'
	/** the time bound ran out first */
	| 'bound'
	/** the caller cancelled */
	| 'aborted'
	/** RTCPeerConnection could not be created or started (policy, bad url, missing API) */
	| 'setup-failed';

export interface IceLog {
	/** the one STUN/TURN url this peer connection used */
	url: string;
	policy: 'all' | 'relay';
	/** whether the browser offers the icecandidateerror event at all */
	errorEvents: boolean;
	events: IceEvent[];
	end: { t: number; reason: IceEndReason; detail?: string };
	/** free text for recordings, e.g. "Chromium 156, UDP dropped" */
	note?: string;
}

/**
 * The family of a local address as icecandidateerror reports it. Chromium masks it when it hides
 * local addresses ("0.0.0.x", "[0:0:0:x:x:x:x:x]") and gives null for TCP sockets; both are handled.
 */
export function familyOf(address: string | null | undefined): AddressFamily {
	if (!address) return 'unknown';
	if (/^[\dx]{1,3}(?:\.[\dx]{1,3}){3}$/i.test(address)) return 'ipv4';
	if (address.includes(':')) return 'ipv6';
	return 'unknown';
}

export function errorFamily(e: IceErrorEvent): AddressFamily {
	return e.family ?? familyOf(e.address);
}

/** A copy safe to store: no local addresses, no addresses on anything but srflx candidates. */
export function sanitizeIceLog(log: IceLog): IceLog {
	return {
		...log,
		events: log.events.map((e): IceEvent => {
			if (e.type === 'error') {
				const { address, ...rest } = e;
				return { ...rest, family: e.family ?? familyOf(address) };
			}
			if (e.type === 'candidate' && e.candidateType !== 'srflx') {
				const { address: _address, port: _port, ...rest } = e;
				void _address;
				void _port;
				return rest;
			}
			return e;
		})
	};
}
