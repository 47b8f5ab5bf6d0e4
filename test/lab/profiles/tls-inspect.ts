import type { Verdict } from '../../../src/lib/result/result';
import type { ProfileExpectation } from './types';

const NOT_READY_TOO = (why: string) => ({ allowed: ['not-ready' as Verdict], why });
const NOT_WILL_WORK = (why: string) => ({
	allowed: ['degraded', 'not-ready', 'unknown'] as Verdict[],
	why
});

/**
 * An inspecting middlebox with an untrusted certificate: every HTTPS and WSS probe to the web
 * servers fails within ~50–150 ms; STUN and TURN (UDP, TCP and TLS, on every port, to the TURN
 * servers' own addresses) answer. Every product with a mandatory web destination is not ready.
 *
 * Amwell Converge and TV Kit 200S come out "ready" today, as the issue reports: their mandatory
 * TCP 443 rows are manual (no destination in the vendor's section), their media is inferred open
 * from the reachable Twilio/Xirsys probes, so nothing decisive failed — while every HTTPS probe of
 * the run was cut.
 */
export default {
	network: 'tls-inspect',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': {
			verdict: 'not-ready',
			why: 'Accurx web and the WebSocket fail (TURN/TLS answers)'
		},
		'accurx-vc-patient': { verdict: 'not-ready', why: 'Whereby HTTPS and the WebSocket fail' },
		'amwell-carepoint': {
			verdict: 'not-ready',
			why: 'amwell.com fails; the Secure WebRTC TCP 443 row, inferred from it, is blocked'
		},
		'amwell-converge': {
			verdict: 'ready',
			why: 'mandatory TCP 443 rows manual (no destination), preferred media inferred open'
		},
		'amwell-tv-kit-200s': {
			verdict: 'ready',
			why: 'Twilio and Xirsys pass, SFU media inferred open; its TCP 443 rows are manual'
		},
		'amwell-tv-kit-200l': { verdict: 'not-ready', why: 'Pro:centric and Datadog HTTPS fail' },
		'amwell-home': { verdict: 'not-ready', why: 'as Carepoint' },
		'emis-web': { verdict: 'not-ready', why: 'S3 documents (HTTPS) fail' },
		'emis-web-mobile': { verdict: 'not-ready', why: 'all three HTTPS services fail' },
		'emis-x-assistant': { verdict: 'not-ready', why: 'openapi and identityservice fail' },
		'emis-streaming': { verdict: 'not-ready', why: 'the EMIS Web rules it requires fail' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'not-ready', why: 'both HTTPS downloads fail' }
	},
	intended: {
		summary:
			'The result names TLS inspection or a web filter (every HTTPS/WSS cut while TURN over TCP/TLS ' +
			'answers). A mandatory rule that could not be tested while the same kind of traffic ' +
			'demonstrably fails leaves a product at most at "probably", with the reason; the ' +
			'Converge/Carepoint/Home "Secure WebRTC TCP 443" rows read the same, flagged as inferred.',
		verdicts: {
			'accurx-vc-clinician': NOT_READY_TOO('Accurx web and the WebSocket are cut'),
			'accurx-vc-patient': NOT_READY_TOO('Whereby HTTPS and the WebSocket are cut'),
			'amwell-carepoint': NOT_READY_TOO('amwell.com is cut'),
			'amwell-converge': NOT_WILL_WORK(
				'its mandatory TCP 443 rows cannot be tested while every HTTPS probe is cut: not "will work"'
			),
			'amwell-tv-kit-200s': NOT_WILL_WORK(
				'its mandatory TCP 443 rows cannot be tested while every HTTPS probe is cut: not "will work"'
			),
			'amwell-tv-kit-200l': NOT_READY_TOO('Pro:centric and Datadog are cut'),
			'amwell-home': NOT_READY_TOO('as Carepoint'),
			'emis-web': NOT_READY_TOO('S3 documents are cut'),
			'emis-web-mobile': NOT_READY_TOO('its HTTPS services are cut'),
			'emis-x-assistant': NOT_READY_TOO('its HTTPS services are cut'),
			'emis-streaming': NOT_READY_TOO('EMIS Web fails'),
			'emis-support-access': { allowed: ['unknown'], why: 'inbound only: nothing to test' },
			'medserve-cabinet': NOT_READY_TOO('both downloads are cut')
		}
	}
} satisfies ProfileExpectation;
