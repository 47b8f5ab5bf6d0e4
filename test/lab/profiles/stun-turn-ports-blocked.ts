import type { ProfileExpectation } from './types';

/**
 * 3478 and 5349 dropped (UDP and TCP), 443 open for both: Twilio's STUN and its 3478/5349 TURN fail,
 * TURN on 443 answers; Xirsys and Whereby use 443 only and pass, over UDP too.
 */
export default {
	network: 'stun-turn-ports-blocked',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'ready',
			why: 'Whereby uses 443 only, UDP/443 included: everything passes'
		},
		'accurx-vc-patient': { verdict: 'ready', why: 'Whereby uses 443 only' },
		'amwell-carepoint': {
			verdict: 'degraded',
			why: 'Twilio hosts partial (only TURN/TCP 443); UDP probes (3478) all fail: relay only'
		},
		'amwell-converge': {
			verdict: 'degraded',
			why: 'preferred media inferred open (TURN/TCP 443), UDP all fail: relay only'
		},
		'amwell-tv-kit-200s': {
			verdict: 'not-ready',
			why: 'SFU media inferred blocked from STUN 3478 (Xirsys on 443 passes)'
		},
		'amwell-tv-kit-200l': {
			verdict: 'not-ready',
			why: 'Twilio media rows inferred blocked from STUN and TURN/UDP 3478'
		},
		'amwell-home': { verdict: 'degraded', why: 'as Carepoint' },
		'emis-web': { verdict: 'ready', why: 'HTTPS 443' },
		'emis-web-mobile': { verdict: 'ready', why: 'HTTPS 443' },
		'emis-x-assistant': { verdict: 'ready', why: 'HTTPS 443' },
		'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'ready', why: 'HTTPS 443' }
	}
} satisfies ProfileExpectation;
