import { sameVerdicts } from '../intended';
import type { ProfileExpectation, VerdictExpectation } from './types';

/**
 * The computer's own firewall drops its UDP (DNS aside): Chromium reports nothing on IPv4 (STUN and
 * TURN over UDP time out); Firefox reports a text-less 701 within ~25–250 ms, which the classifier
 * reads as "name did not resolve" though TURN over TCP to the same host answered. TCP and TLS
 * work. The verdicts are those of udp-blocked: relay-capable video degraded, UDP-only media not
 * ready.
 */
const verdicts: Record<string, VerdictExpectation> = {
	'accurx-vc-clinician': {
		verdict: 'degraded',
		why: 'mandatory web/TURN-TLS/WebSocket pass; Whereby UDP fails: relay only'
	},
	'accurx-vc-patient': { verdict: 'degraded', why: 'as the clinician side: relay only' },
	'amwell-carepoint': { verdict: 'degraded', why: 'Twilio UDP fails, TCP answers: relay only' },
	'amwell-converge': {
		verdict: 'degraded',
		why: 'preferred media inferred open from TURN/TCP; every UDP probe failed: relay only'
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
	'emis-web': { verdict: 'ready', why: 'HTTPS only' },
	'emis-web-mobile': { verdict: 'ready', why: 'HTTPS only' },
	'emis-x-assistant': { verdict: 'ready', why: 'HTTPS only' },
	'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
	'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
	'medserve-cabinet': { verdict: 'ready', why: 'HTTPS only' }
};

export default {
	network: 'local-firewall',
	products: 'all',
	verdicts,
	intended: sameVerdicts(
		verdicts,
		"The same verdicts, and the result names the computer's own firewall (UDP errors too fast to " +
			'have left the machine), never "name did not resolve" for a host that answered over TCP.'
	)
} satisfies ProfileExpectation;
