import type { ProfileExpectation } from './types';

/**
 * Only HTTPS to web servers: nothing reaches a STUN/TURN server on any port or transport.
 *
 * Accurx is "degraded", not "not-ready": its mandatory Whereby row mixes the TURN/TLS probe with two
 * HTTPS probes, so it is only partial, and the media rows (TCP/UDP 443) are recommended. That is
 * what verdict.ts says for a partial mandatory requirement; whether a product with no working
 * media path at all should rather be not-ready is a question for the verdict rules, not the lab.
 */
export default {
	network: 'web-only',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'degraded',
			why: 'Whereby HTTPS row partial (TURN/TLS times out, HTTPS passes); no relay either'
		},
		'accurx-vc-patient': { verdict: 'degraded', why: 'as the clinician side' },
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
