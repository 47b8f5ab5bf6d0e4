import { sameVerdicts } from '../intended';
import type { ProfileExpectation, VerdictExpectation } from './types';

/**
 * An explicit proxy allowing CONNECT to 443 only, direct traffic dropped: HTTPS, WSS and TURN over
 * TCP/TLS 443 pass through the proxy (both engines use it for TURN over TCP/TLS); TURN on 3478/5349
 * over TCP/TLS is refused by the proxy (Chromium: "Failed to establish connection" at once;
 * Firefox: nothing, a time-out); STUN and TURN over UDP are dropped. The verdicts are those of a
 * TCP-443-only network: relay-capable video degraded, UDP-only media not ready.
 */
const verdicts: Record<string, VerdictExpectation> = {
	'accurx-vc-clinician': {
		verdict: 'degraded',
		why: 'web, Whereby TURN/TLS 443 and the WebSocket pass the proxy; UDP fails: relay only'
	},
	'accurx-vc-patient': { verdict: 'degraded', why: 'as the clinician side: relay only' },
	'amwell-carepoint': {
		verdict: 'degraded',
		why: 'Twilio partly reachable (TURN/TCP 443 only): relay only'
	},
	'amwell-converge': {
		verdict: 'degraded',
		why: 'preferred media inferred open from TURN/TCP 443; every UDP probe failed: relay only'
	},
	'amwell-tv-kit-200s': {
		verdict: 'not-ready',
		why: 'mandatory SFU media (UDP) inferred blocked from STUN'
	},
	'amwell-tv-kit-200l': {
		verdict: 'not-ready',
		why: 'mandatory Twilio media (UDP) rows inferred blocked'
	},
	'amwell-home': { verdict: 'degraded', why: 'as Carepoint' },
	'emis-web': { verdict: 'ready', why: 'S3 documents through the proxy' },
	'emis-web-mobile': { verdict: 'ready', why: 'HTTPS through the proxy' },
	'emis-x-assistant': { verdict: 'ready', why: 'HTTPS through the proxy' },
	'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
	'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
	'medserve-cabinet': { verdict: 'ready', why: 'HTTPS through the proxy' }
};

export default {
	network: 'proxy',
	products: 'all',
	verdicts,
	intended: sameVerdicts(
		verdicts,
		'The same verdicts, and the result names an explicit web proxy that allows only port 443 ' +
			'(CONNECT to 3478/5349 refused, UDP cannot pass a proxy), not just "refused or blocked".'
	)
} satisfies ProfileExpectation;
