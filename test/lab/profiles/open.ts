import type { ProfileExpectation } from './types';

/** Home broadband: every probe reachable, so every product with a testable mandatory rule is ready. */
export default {
	network: 'open',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'ready',
			why: 'web, Whereby TURN/TLS and WebSocket all reachable'
		},
		'accurx-vc-patient': {
			verdict: 'ready',
			why: 'Whereby HTTPS, TURN/TLS and WebSocket reachable'
		},
		'amwell-carepoint': {
			verdict: 'ready',
			why: 'amwell.com and every Twilio STUN/TURN probe reachable'
		},
		'amwell-converge': {
			verdict: 'ready',
			why: 'its only testable mandatory rule (preferred media) is inferred open from reachable Twilio probes; the rest is manual'
		},
		'amwell-tv-kit-200s': {
			verdict: 'ready',
			why: 'Twilio and Xirsys reachable, SFU media inferred open from STUN, Converge ready'
		},
		'amwell-tv-kit-200l': {
			verdict: 'ready',
			why: 'Pro:centric, Datadog and Twilio reachable, media inferred open'
		},
		'amwell-home': { verdict: 'ready', why: 'as Carepoint' },
		'emis-web': {
			verdict: 'ready',
			why: 'S3 documents reachable; every other rule is manual ("should work")'
		},
		'emis-web-mobile': { verdict: 'ready', why: 'all three HTTPS services reachable' },
		'emis-x-assistant': {
			verdict: 'ready',
			why: 'openapi and identityservice reachable; the wildcard rows are manual'
		},
		'emis-streaming': {
			verdict: 'ready',
			why: 'its own rules are manual; it requires EMIS Web, whose S3 documents probe passes'
		},
		'emis-support-access': {
			verdict: 'unknown',
			why: 'only inbound RDP/VNC rules: nothing a browser can test'
		},
		'medserve-cabinet': {
			verdict: 'ready',
			why: 'download.microsoft.com and the blob store reachable; the portal is withheld (manual)'
		}
	}
} satisfies ProfileExpectation;
