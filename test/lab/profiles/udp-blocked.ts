import type { ProfileExpectation } from './types';

/**
 * All UDP dropped, TCP open: STUN and TURN over UDP time out, TURN over TCP/TLS answers. Video
 * products whose media can use the relay are "degraded" (relay only); products whose mandatory
 * media rule is UDP-only (TV Kit 200S SFU media, TV Kit 200L Twilio media) are not ready, only
 * "probably", since those rules are inferred from the STUN/UDP probes.
 */
export default {
	network: 'udp-blocked',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'degraded',
			why: 'mandatory web/TURN-TLS/WebSocket pass; the only UDP probe (Whereby udp/443, recommended) fails while TURN/TLS answers: relay only'
		},
		'accurx-vc-patient': { verdict: 'degraded', why: 'as the clinician side: relay only' },
		'amwell-carepoint': {
			verdict: 'degraded',
			why: 'Twilio hosts only partly reachable (UDP fails, TCP answers); preferred media inferred open from TURN/TCP; relay only'
		},
		'amwell-converge': {
			verdict: 'degraded',
			why: 'preferred media inferred open, but every UDP probe failed and TURN/TCP answered: relay only'
		},
		'amwell-tv-kit-200s': {
			verdict: 'not-ready',
			why: 'mandatory SFU media (UDP 10000-20000) is inferred blocked from the STUN probe'
		},
		'amwell-tv-kit-200l': {
			verdict: 'not-ready',
			why: 'mandatory Twilio media (UDP) rows are inferred blocked from STUN and TURN/UDP'
		},
		'amwell-home': { verdict: 'degraded', why: 'as Carepoint: partial Twilio, relay only' },
		'emis-web': { verdict: 'ready', why: 'HTTPS only: unaffected by UDP' },
		'emis-web-mobile': { verdict: 'ready', why: 'HTTPS only' },
		'emis-x-assistant': { verdict: 'ready', why: 'HTTPS only' },
		'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'ready', why: 'HTTPS only' }
	}
} satisfies ProfileExpectation;
