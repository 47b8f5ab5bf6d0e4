import type { ProfileExpectation } from './types';

/**
 * Only TCP 443 leaves: Twilio answers only on turn:...:443?transport=tcp, Xirsys and Whereby only
 * over TCP 443. Relay-capable video is degraded; UDP-only media rules make the TV kits not ready.
 */
export default {
	network: 'only-tcp-443',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'degraded',
			why: 'all mandatory probes are TCP 443 and pass; UDP/443 fails while TURN/TLS answers: relay only'
		},
		'accurx-vc-patient': { verdict: 'degraded', why: 'relay only, as the clinician side' },
		'amwell-carepoint': {
			verdict: 'degraded',
			why: 'preferred media (STUN, TURN/TCP 3478) inferred blocked, the STUN/TURN fallback partly passes (TCP 443): fallback, relay only'
		},
		'amwell-converge': {
			verdict: 'degraded',
			why: 'preferred media inferred open from TURN/TCP 443; UDP all failed: relay only'
		},
		'amwell-tv-kit-200s': { verdict: 'not-ready', why: 'SFU media inferred blocked from STUN' },
		'amwell-tv-kit-200l': {
			verdict: 'not-ready',
			why: 'Twilio media rows inferred blocked from STUN and TURN/UDP'
		},
		'amwell-home': { verdict: 'degraded', why: 'as Carepoint: fallback, relay only' },
		'emis-web': { verdict: 'ready', why: 'S3 documents over HTTPS 443' },
		'emis-web-mobile': { verdict: 'ready', why: 'HTTPS 443' },
		'emis-x-assistant': { verdict: 'ready', why: 'HTTPS 443' },
		'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'ready', why: 'HTTPS 443' }
	}
} satisfies ProfileExpectation;
