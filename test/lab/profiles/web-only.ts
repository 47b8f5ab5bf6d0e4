import type { ProfileExpectation } from './types';

/**
 * Only HTTPS to web servers: nothing reaches a STUN/TURN server on any port or transport.
 *
 * Accurx is "not-ready" although its mandatory Whereby row only partly fails (its HTTPS probes
 * pass): every STUN and TURN probe failed, so there is no route for media at all (verdict.ts,
 * noMediaPath).
 */
export default {
	network: 'web-only',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'not-ready',
			why: 'every Whereby TURN probe times out: no direct UDP and no relay, so no media path'
		},
		'accurx-vc-patient': { verdict: 'not-ready', why: 'as the clinician side' },
		'amwell-carepoint': {
			verdict: 'not-ready',
			why: 'every Twilio probe times out: Twilio hosts and the whole media group fail'
		},
		'amwell-converge': {
			verdict: 'not-ready',
			why: 'preferred media inferred blocked: "probably" not'
		},
		'amwell-tv-kit-200s': {
			verdict: 'not-ready',
			why: 'Twilio and Xirsys fail; SFU media inferred blocked'
		},
		'amwell-tv-kit-200l': { verdict: 'not-ready', why: 'Twilio rows fail' },
		'amwell-home': { verdict: 'not-ready', why: 'as Carepoint' },
		'emis-web': { verdict: 'ready', why: 'HTTPS to a web server' },
		'emis-web-mobile': { verdict: 'ready', why: 'HTTPS to web servers' },
		'emis-x-assistant': { verdict: 'ready', why: 'HTTPS to web servers' },
		'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'ready', why: 'HTTPS to web servers' }
	}
} satisfies ProfileExpectation;
