/**
 * Small products shaped like the real vendor data (Amwell, Accurx, EMIS), for the check's unit tests.
 * They are validated against the schema in check.spec.ts, so they cannot drift from it.
 */
import type { Product, ProbeTarget, Requirement } from '$lib/data/schema';

export const URL = {
	stun: 'stun:global.stun.twilio.com:3478',
	turnUdp: 'turn:global.turn.twilio.com:3478?transport=udp',
	turnTcp: 'turn:global.turn.twilio.com:443?transport=tcp',
	turnTls: 'turns:global.turn.twilio.com:5349?transport=tcp',
	amwell: 'https://www.amwell.com/',
	wherebyTurnUdp: 'turn:turn.whereby.com:443?transport=udp',
	wherebyTurnTls: 'turns:turn.whereby.com:443?transport=tcp',
	whereby: 'https://www.whereby.com/',
	appearinWss: 'wss://signal.appearin.net/',
	polyfill: 'https://cdn.polyfill.io/',
	intercom: 'https://widget.intercom.io/',
	emisApi: 'https://openapi.emishealth.com/'
} as const;

const target = (kind: ProbeTarget['kind'], url: string): ProbeTarget => ({ kind, url });

function req(id: string, over: Partial<Requirement> & Pick<Requirement, 'check'>): Requirement {
	return {
		id,
		section: 'Firewall rules',
		service: id,
		purpose: 'web-app',
		description: `Lets the product use ${id}.`,
		level: 'mandatory',
		levelText: 'Mandatory',
		direction: 'outbound',
		ports: [{ protocol: 'tcp', from: 443, to: 443 }],
		destinations: [{ kind: 'host', value: 'example.com' }],
		...over
	};
}

export const amwellHome: Product = {
	id: 'amwell-home',
	name: 'Amwell Home',
	vendor: 'Amwell',
	summary: 'Video visits from home.',
	kind: 'video',
	source: 'amwell-carepoint-firewall',
	requirements: [
		req('amwell-home.web', { check: { kind: 'probe', probes: [target('https', URL.amwell)] } }),
		req('amwell-home.dns', {
			ports: [{ protocol: 'udp', from: 53, to: 53 }],
			check: { kind: 'manual', reason: 'dns' }
		}),
		req('amwell-home.fleet', {
			level: 'recommended',
			levelText: 'Recommended',
			check: { kind: 'probe', probes: [target('https', 'https://fleet.amwell.systems/')] }
		}),
		req('amwell-home.media-preferred', {
			levelText: 'Mandatory (select either Preferred Media or Media (STUN/TURN) below)',
			ports: [
				{ protocol: 'udp', from: 40000, to: 49999 },
				{ protocol: 'tcp', from: 40000, to: 49999 }
			],
			destinations: [{ kind: 'wildcard', value: '*.twilio.com' }],
			alternative: { group: 'media', role: 'preferred' },
			check: {
				kind: 'inferred',
				from: [target('stun', URL.stun)],
				reason: 'Outbound UDP to the STUN server shows whether UDP leaves this network at all.'
			}
		}),
		req('amwell-home.media-turn', {
			levelText: 'Mandatory (select either Preferred Media or Media (STUN/TURN) below)',
			ports: [
				{ protocol: 'udp', from: 3478, to: 3478 },
				{ protocol: 'tcp', from: 443, to: 443 },
				{ protocol: 'tcp', from: 5349, to: 5349 }
			],
			destinations: [{ kind: 'host', value: 'global.turn.twilio.com' }],
			alternative: { group: 'media', role: 'fallback' },
			check: {
				kind: 'probe',
				probes: [
					target('turn', URL.turnUdp),
					target('turn', URL.turnTcp),
					target('turn', URL.turnTls)
				]
			}
		})
	]
};

export const converge: Product = {
	id: 'amwell-converge',
	name: 'Amwell Converge',
	vendor: 'Amwell',
	summary: 'The Converge platform.',
	kind: 'video',
	source: 'amwell-carepoint-firewall',
	requirements: [
		req('amwell-converge.web', { check: { kind: 'probe', probes: [target('https', URL.amwell)] } }),
		req('amwell-converge.media', {
			ports: [
				{ protocol: 'udp', from: 3478, to: 3478 },
				{ protocol: 'tcp', from: 443, to: 443 }
			],
			check: { kind: 'probe', probes: [target('turn', URL.turnUdp), target('turn', URL.turnTcp)] }
		})
	]
};

export const tvKit: Product = {
	id: 'amwell-tv-kit-200s',
	name: 'Amwell TV Kit 200S',
	vendor: 'Amwell',
	summary: 'A TV kit for patient rooms.',
	kind: 'device',
	source: 'amwell-carepoint-firewall',
	requires: ['amwell-converge'],
	requirements: [
		req('amwell-tv-kit-200s.ntp', {
			ports: [{ protocol: 'udp', from: 123, to: 123 }],
			optOut: 'In case the client has their own NTP servers this section can opt-out',
			check: { kind: 'manual', reason: 'ntp' }
		}),
		req('amwell-tv-kit-200s.app', {
			check: { kind: 'probe', probes: [target('https', URL.amwell)] }
		})
	]
};

export const accurx: Product = {
	id: 'accurx-video',
	name: 'Accurx Video Consultation',
	vendor: 'Accurx',
	summary: 'Video consultations with patients.',
	kind: 'video',
	source: 'accurx-firewall',
	requirements: [
		req('accurx-video.whereby', {
			check: {
				kind: 'probe',
				probes: [target('https', URL.whereby), target('wss', URL.appearinWss)]
			}
		}),
		req('accurx-video.turn', {
			check: {
				kind: 'probe',
				probes: [target('turn', URL.wherebyTurnUdp), target('turn', URL.wherebyTurnTls)]
			}
		}),
		req('accurx-video.polyfill', {
			destinations: [{ kind: 'host', value: 'cdn.polyfill.io' }],
			flags: [
				{
					kind: 'security-risk',
					text: 'cdn.polyfill.io was taken over by a malicious party in 2024.'
				}
			],
			check: { kind: 'probe', probes: [target('https', URL.polyfill)] }
		}),
		req('accurx-video.support', {
			level: 'recommended',
			levelText: 'For best results',
			check: { kind: 'probe', probes: [target('https', URL.intercom)] }
		})
	]
};

export const emisWeb: Product = {
	id: 'emis-web',
	name: 'EMIS Web',
	vendor: 'EMIS',
	summary: 'The GP clinical system.',
	kind: 'clinical-system',
	source: 'emis-web-ports',
	requirements: [
		req('emis-web.spine', {
			destinations: [{ kind: 'address-set', ref: 'emis-table-1' }],
			check: { kind: 'manual', reason: 'private-network' }
		}),
		req('emis-web.data-port', {
			ports: [{ protocol: 'tcp', from: 33966, to: 33966 }],
			destinations: [{ kind: 'address-set', ref: 'emis-table-1' }],
			check: { kind: 'manual', reason: 'raw-tcp' }
		})
	]
};

export const emisMobile: Product = {
	id: 'emis-web-mobile',
	name: 'EMIS Web Mobile',
	vendor: 'EMIS',
	summary: 'EMIS on a phone or tablet.',
	kind: 'clinical-system',
	source: 'emis-web-ports',
	requirements: [
		req('emis-web-mobile.openapi', {
			check: { kind: 'probe', probes: [target('https', URL.emisApi)] }
		}),
		req('emis-web-mobile.spine', {
			destinations: [{ kind: 'address-set', ref: 'emis-table-1' }],
			check: { kind: 'manual', reason: 'private-network' }
		})
	]
};

/** A device whose media range has no fallback and can only be inferred (like the TV Kit's SFU rule). */
export const sfuKit: Product = {
	id: 'sfu-kit',
	name: 'SFU kit',
	vendor: 'Amwell',
	summary: 'A device that sends media to an SFU over UDP.',
	kind: 'video',
	source: 'amwell-carepoint-firewall',
	requirements: [
		req('sfu-kit.app', { check: { kind: 'probe', probes: [target('https', URL.amwell)] } }),
		req('sfu-kit.sfu-media', {
			ports: [{ protocol: 'udp', from: 10000, to: 20000 }],
			check: {
				kind: 'inferred',
				from: [target('stun', URL.stun)],
				reason:
					'The SFU has no published address; outbound UDP to the STUN server stands in for it.'
			}
		})
	]
};

export const TEST_PRODUCTS: Product[] = [
	amwellHome,
	converge,
	tvKit,
	accurx,
	emisWeb,
	emisMobile,
	sfuKit
];

/** The same contract as catalog.withRequiredProducts, over TEST_PRODUCTS. */
export const testCatalog = {
	withRequiredProducts(ids: readonly string[]): Product[] {
		const seen = new Set<string>();
		const out: Product[] = [];
		const visit = (id: string) => {
			if (seen.has(id)) return;
			seen.add(id);
			const p = TEST_PRODUCTS.find((x) => x.id === id);
			if (!p) return;
			out.push(p);
			(p.requires ?? []).forEach(visit);
		};
		ids.forEach(visit);
		return out;
	}
};
