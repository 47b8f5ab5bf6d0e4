import { sameVerdicts } from '../intended';
import type { ProfileExpectation, VerdictExpectation } from './types';

/**
 * A web filter that passes HTTPS but refuses WebSocket upgrades (403): the one WSS probe
 * (signal.appearin.net, Accurx) fails within ~0.1–0.4 s while HTTPS to the same host answers.
 * Accurx needs the WebSocket, so both Accurx products are not ready; nothing else uses one.
 */
const verdicts: Record<string, VerdictExpectation> = {
	'accurx-vc-clinician': {
		verdict: 'not-ready',
		why: 'the mandatory WebSocket to signal.appearin.net is refused'
	},
	'accurx-vc-patient': { verdict: 'not-ready', why: 'the mandatory WebSocket is refused' },
	'amwell-carepoint': { verdict: 'ready', why: 'no WebSocket probes; everything else answers' },
	'amwell-converge': { verdict: 'ready', why: 'preferred media inferred open' },
	'amwell-tv-kit-200s': { verdict: 'ready', why: 'no WebSocket probes' },
	'amwell-tv-kit-200l': { verdict: 'ready', why: 'no WebSocket probes' },
	'amwell-home': { verdict: 'ready', why: 'as Carepoint' },
	'emis-web': { verdict: 'ready', why: 'HTTPS passes the filter' },
	'emis-web-mobile': { verdict: 'ready', why: 'HTTPS passes the filter' },
	'emis-x-assistant': { verdict: 'ready', why: 'HTTPS passes the filter' },
	'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
	'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
	'medserve-cabinet': { verdict: 'ready', why: 'HTTPS passes the filter' }
};

export default {
	network: 'ws-refused',
	products: 'all',
	verdicts,
	intended: sameVerdicts(
		verdicts,
		'The same verdicts, and the result says a filter refuses WebSockets while HTTPS to the same ' +
			'vendor works, with the vendors’ advice (bypass, PAC DIRECT, Smoothwall authentication ' +
			'exceptions, SonicWall App Control; the Accurx document names Sophos UTM).'
	)
} satisfies ProfileExpectation;
