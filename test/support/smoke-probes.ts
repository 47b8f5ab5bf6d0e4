/** The raw probes both engines' smoke tests run in the lab (test/e2e/ice-smoke, firefox-smoke). */
import { ALWAYS_RESOLVED_VENDOR_NAMES, LAB_NAMES, TURN_USER } from '../lab/plan';
import type { IceServerSpec, WebProbeRecord } from './raw-probes';

export const STUN = ALWAYS_RESOLVED_VENDOR_NAMES.stun;
export const TURN = ALWAYS_RESOLVED_VENDOR_NAMES.turn;
const dummy = { username: 'netready-probe', credential: 'not-a-secret' };

/**
 * One url and one transport per peer connection. Keys are short names used in the expectations and
 * in the recordings, shared by both engines' smoke tests so their recordings line up key by key.
 */
export const ICE_PROBES = {
	'stun-udp-3478': { server: { urls: `stun:${STUN}:3478` }, iceTransportPolicy: 'all' },
	'turn-udp-3478': {
		server: { urls: `turn:${TURN}:3478?transport=udp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	'turn-tcp-3478': {
		server: { urls: `turn:${TURN}:3478?transport=tcp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	'turns-tls-5349': {
		server: { urls: `turns:${TURN}:5349?transport=tcp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	'turns-tls-443': {
		server: { urls: `turns:${TURN}:443?transport=tcp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	'turn-tcp-443': {
		server: { urls: `turn:${TURN}:443?transport=tcp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	'turn-udp-443': {
		server: { urls: `turn:${TURN}:443?transport=udp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	// the lab's own name: unaffected by the per-vendor DNS failure
	'lab-turn-udp-3478': {
		server: { urls: `turn:${LAB_NAMES.turn}:3478?transport=udp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	// real credentials: coturn allocates a relay, proving it is a real TURN server
	'lab-turn-udp-3478-auth': {
		server: {
			urls: `turn:${LAB_NAMES.turn}:3478?transport=udp`,
			username: TURN_USER.username,
			credential: TURN_USER.credential
		},
		iceTransportPolicy: 'relay'
	},
	'missing-turn-udp': {
		server: { urls: `turn:${LAB_NAMES.missing}:3478?transport=udp`, ...dummy },
		iceTransportPolicy: 'relay'
	},
	'missing-turn-tcp': {
		server: { urls: `turn:${LAB_NAMES.missing}:3478?transport=tcp`, ...dummy },
		iceTransportPolicy: 'relay'
	}
} satisfies Record<string, { server: IceServerSpec; iceTransportPolicy: 'all' | 'relay' }>;
export type IceProbeName = keyof typeof ICE_PROBES;

export const WEB_PROBES = {
	'https-no-cors': { url: `https://${LAB_NAMES.web}/`, kind: 'fetch-no-cors' },
	'https-cors-204': { url: `https://${LAB_NAMES.web}/generate_204`, kind: 'fetch-cors' },
	'https-8443': { url: `https://${LAB_NAMES.web}:8443/`, kind: 'fetch-cors' },
	wss: { url: `wss://${LAB_NAMES.web}/socket`, kind: 'websocket' },
	'missing-https': { url: `https://${LAB_NAMES.missing}/`, kind: 'fetch-no-cors' },
	'missing-wss': { url: `wss://${LAB_NAMES.missing}/`, kind: 'websocket' }
} satisfies Record<string, { url: string; kind: WebProbeRecord['kind'] }>;
export type WebProbeName = keyof typeof WEB_PROBES;
