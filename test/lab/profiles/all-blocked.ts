import type { ProfileExpectation, VerdictExpectation } from './types';

/**
 * The verdicts of a network that lets nothing through, however it does it (dropped, refused, on a
 * slow link, without DNS): all-rejected, slow-silent and offline expect exactly these too.
 */
export const BLOCKED_VERDICTS: Record<string, VerdictExpectation> = {
	'accurx-vc-clinician': {
		verdict: 'not-ready',
		why: 'Accurx web, Whereby and WebSocket all fail'
	},
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
	'emis-streaming': {
		verdict: 'not-ready',
		why: 'the EMIS Web rules it requires fail (S3 documents)'
	},
	'emis-support-access': {
		verdict: 'unknown',
		why: 'inbound only: nothing to test, whatever the network'
	},
	'medserve-cabinet': {
		verdict: 'not-ready',
		why: 'download.microsoft.com and the blob store fail'
	}
};

/** Everything dropped, the local resolver still answers: every testable mandatory rule fails (by timeout). */
export default {
	network: 'all-blocked',
	products: 'all',
	verdicts: BLOCKED_VERDICTS
} satisfies ProfileExpectation;
