import type { ProfileExpectation } from './types';

/**
 * Every twilio.com name is NXDOMAIN, the network otherwise open: every product that needs Twilio
 * is not ready, everything else is unaffected.
 */
export default {
	network: 'dns-failure-twilio',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': { verdict: 'ready', why: 'no Twilio names' },
		'accurx-vc-patient': { verdict: 'ready', why: 'no Twilio names' },
		'amwell-carepoint': {
			verdict: 'not-ready',
			why: 'Twilio hosts fail (dns-failed); the media group fails with them'
		},
		'amwell-converge': {
			verdict: 'not-ready',
			why: 'preferred media inferred blocked from the failing Twilio probes'
		},
		'amwell-tv-kit-200s': {
			verdict: 'not-ready',
			why: 'Twilio primary fails, SFU media inferred blocked (Xirsys still passes)'
		},
		'amwell-tv-kit-200l': { verdict: 'not-ready', why: 'Twilio rows fail' },
		'amwell-home': { verdict: 'not-ready', why: 'as Carepoint' },
		'emis-web': { verdict: 'ready', why: 'no Twilio names' },
		'emis-web-mobile': { verdict: 'ready', why: 'no Twilio names' },
		'emis-x-assistant': { verdict: 'ready', why: 'no Twilio names' },
		'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'ready', why: 'no Twilio names' }
	}
} satisfies ProfileExpectation;
