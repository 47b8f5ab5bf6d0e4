import type { ProfileExpectation } from './types';

/**
 * A routable client address: STUN's reflexive address equals the host's. Chromium still emits the
 * srflx candidate (docs/lab.md), so nothing differs from `open`.
 */
export default {
	network: 'no-nat',
	products: 'all',
	verdicts: {
		'accurx-vc-clinician': { verdict: 'ready', why: 'everything reachable' },
		'accurx-vc-patient': { verdict: 'ready', why: 'everything reachable' },
		'amwell-carepoint': {
			verdict: 'ready',
			why: 'everything reachable; STUN answers even without NAT'
		},
		'amwell-converge': { verdict: 'ready', why: 'preferred media inferred open' },
		'amwell-tv-kit-200s': { verdict: 'ready', why: 'everything reachable' },
		'amwell-tv-kit-200l': { verdict: 'ready', why: 'everything reachable' },
		'amwell-home': { verdict: 'ready', why: 'everything reachable' },
		'emis-web': { verdict: 'ready', why: 'S3 documents reachable, the rest manual' },
		'emis-web-mobile': { verdict: 'ready', why: 'all HTTPS services reachable' },
		'emis-x-assistant': { verdict: 'ready', why: 'openapi and identityservice reachable' },
		'emis-streaming': { verdict: 'ready', why: 'required EMIS Web S3 documents reachable' },
		'emis-support-access': { verdict: 'unknown', why: 'inbound only: nothing to test' },
		'medserve-cabinet': { verdict: 'ready', why: 'both HTTPS downloads reachable' }
	}
} satisfies ProfileExpectation;
