import { NOT_CONNECTED } from '../intended';
import type { ProfileExpectation, VerdictExpectation } from './types';

/** The verdicts of a device that is not connected at all; no-link expects exactly these too. */
export const NOT_CONNECTED_VERDICTS: Record<string, VerdictExpectation> = {
	'accurx-vc-clinician': { verdict: 'not-ready', why: 'Accurx web, Whereby and WebSocket fail' },
	'accurx-vc-patient': { verdict: 'not-ready', why: 'Whereby and WebSocket fail' },
	'amwell-carepoint': { verdict: 'not-ready', why: 'amwell.com and every Twilio probe fail' },
	'amwell-converge': {
		verdict: 'not-ready',
		why: 'preferred media inferred blocked ("probably")'
	},
	'amwell-tv-kit-200s': { verdict: 'not-ready', why: 'Twilio, Xirsys and SFU media fail' },
	'amwell-tv-kit-200l': { verdict: 'not-ready', why: 'Pro:centric, Datadog and Twilio fail' },
	'amwell-home': { verdict: 'not-ready', why: 'as Carepoint' },
	'emis-web': { verdict: 'not-ready', why: 'S3 documents fail' },
	'emis-web-mobile': { verdict: 'not-ready', why: 'all three HTTPS services fail' },
	'emis-x-assistant': { verdict: 'not-ready', why: 'openapi and identityservice fail' },
	'emis-streaming': { verdict: 'not-ready', why: 'the EMIS Web rules it requires fail' },
	'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
	'medserve-cabinet': {
		verdict: 'not-ready',
		why: 'download.microsoft.com and the blob store fail'
	}
};

/**
 * No route out and no reachable resolver: every lookup and connection fails at once in Chromium;
 * Firefox fails every web request at once and gathers nothing at all (no default route), so its
 * STUN/TURN probes time out. Today every product with a testable rule comes out not ready.
 */
export default {
	network: 'no-internet',
	products: 'all',
	verdicts: NOT_CONNECTED_VERDICTS,
	intended: NOT_CONNECTED
} satisfies ProfileExpectation;
