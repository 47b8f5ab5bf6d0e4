/**
 * Small hand-made vendor data for the IT toolkit's unit tests. Invented names under example.*
 * and documentation address blocks (RFC 5737 / RFC 3849); every shape the real data uses appears
 * at least once. The tests validate these files against the schema before using them.
 */
import type { DataFile } from '../data/schema';
import { dataFromFiles } from './context';

export const videoFile: DataFile = {
	source: {
		id: 'acme',
		title: 'Acme Video Firewall Rules',
		publisher: 'Acme',
		updated: '2023-07-25',
		file: 'seeds/acme.txt'
	},
	addressSets: [
		{
			id: 'acme.table-1',
			name: 'Table 1',
			description: 'Acme data centres',
			entries: [
				{ kind: 'cidr', value: '198.51.100.0/25', note: 'Primary' },
				{ kind: 'cidr', value: '198.51.100.128/25', note: 'Backup' }
			]
		}
	],
	products: [
		{
			id: 'acme-video',
			name: 'Acme Video',
			vendor: 'Acme',
			summary: 'Video calls.',
			kind: 'video',
			source: 'acme',
			requires: ['acme-base'],
			requirements: [
				{
					id: 'acme-video.web',
					section: 'Video',
					service: 'Web app',
					purpose: 'Loads the app.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'outbound',
					ports: [{ protocol: 'tcp', from: 443, to: 443 }],
					destinations: [
						{ kind: 'wildcard', value: '*.acme.example' },
						{ kind: 'wildcard', value: '*.acme-cdn.example' },
						{ kind: 'host', value: 'cdn.polyfill.example' }
					],
					flags: [
						{
							kind: 'security-risk',
							text: 'cdn.polyfill.example was taken over by a malicious party; do not allow it.'
						}
					],
					check: {
						kind: 'probe',
						probes: [
							{ kind: 'https', url: 'https://app.acme.example/health', representative: true }
						]
					}
				},
				{
					id: 'acme-video.media',
					section: 'Video',
					service: 'Media = relay',
					purpose: 'Carries sound and picture.',
					level: 'mandatory',
					levelText: 'Mandatory (select one)',
					direction: 'outbound',
					ports: [
						{ protocol: 'tcp', from: 443, to: 443 },
						{ protocol: 'udp', from: 3478, to: 3478 },
						{ protocol: 'udp', from: 10000, to: 20000 }
					],
					destinations: [
						{ kind: 'host', value: 'turn.acme.example' },
						{ kind: 'ip-range', from: '192.0.2.0', to: '192.0.2.255', group: 'Region East' },
						{ kind: 'ip-range', from: '192.0.2.10', to: '192.0.2.20' },
						{ kind: 'ip', value: '203.0.113.7' }
					],
					alternative: { group: 'acme-media', role: 'fallback' },
					notes: ['*Fail-over, "quoted"'],
					check: {
						kind: 'probe',
						probes: [{ kind: 'turn', url: 'turn:turn.acme.example:3478?transport=udp' }]
					}
				},
				{
					id: 'acme-video.direct-media',
					section: 'Video',
					service: 'Direct media',
					purpose: 'Carries sound and picture directly.',
					level: 'highly-recommended',
					levelText: 'Highly Recommended',
					direction: 'outbound',
					portsText: '',
					ports: [],
					destinations: [],
					alternative: { group: 'acme-media', role: 'preferred' },
					flags: [{ kind: 'incomplete', text: 'The ports cell is empty.' }],
					check: { kind: 'manual', reason: 'media-range' }
				},
				{
					id: 'acme-video.websocket',
					section: 'Video',
					service: 'Signalling',
					purpose: 'Sets up calls.',
					level: 'recommended',
					levelText: 'Recommended',
					direction: 'outbound',
					application: 'wss',
					ports: [],
					destinations: [{ kind: 'url', value: 'wss://*.signal.example' }],
					check: { kind: 'manual', reason: 'no-destination' }
				},
				{
					id: 'acme-video.captive',
					section: 'Video',
					service: 'Captive portal check',
					purpose: 'Detects a login page.',
					level: 'optional',
					levelText: 'Optional',
					direction: 'outbound',
					ports: [{ protocol: 'tcp', from: 80, to: 80 }],
					destinations: [{ kind: 'url', value: 'http://captive.example/generate_204' }],
					optOut: 'In case the device uses ethernet',
					check: { kind: 'manual', reason: 'plain-http' }
				}
			]
		},
		{
			id: 'acme-base',
			name: 'Acme Base',
			vendor: 'Acme',
			summary: 'The platform.',
			kind: 'clinical-system',
			source: 'acme',
			flags: [{ kind: 'typo', text: 'The document writes "Acme Bsae" once.' }],
			requirements: [
				{
					id: 'acme-base.dns',
					section: 'Base',
					service: 'DNS',
					purpose: 'Finds addresses.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'outbound',
					application: 'dns',
					ports: [{ protocol: 'udp', from: 53, to: 53 }],
					destinations: [],
					check: { kind: 'manual', reason: 'dns' }
				},
				{
					id: 'acme-base.ntp',
					section: 'Base',
					service: 'NTP',
					purpose: 'Keeps the clock right.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'outbound',
					application: 'ntp',
					ports: [{ protocol: 'udp', from: 123, to: 123 }],
					destinations: [{ kind: 'wildcard', value: '*.pool.ntp.example' }],
					check: { kind: 'manual', reason: 'ntp' }
				},
				{
					id: 'acme-base.api',
					section: 'Base',
					service: 'API',
					purpose: 'Talks to the data centre.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'outbound',
					ports: [
						{ protocol: 'tcp', from: 443, to: 443 },
						{ protocol: 'tcp', from: 8080, to: 8080 }
					],
					destinations: [
						{ kind: 'host', value: 'api.acme.example' },
						{ kind: 'address-set', ref: 'acme.table-1' },
						{ kind: 'network', value: 'Amazon Web Services' }
					],
					check: { kind: 'manual', reason: 'raw-tcp' }
				},
				{
					id: 'acme-base.support',
					section: 'Support',
					service: 'Remote desktop',
					purpose: 'Lets the vendor help.',
					level: 'optional',
					levelText: 'Optional',
					direction: 'inbound',
					ports: [{ protocol: 'tcp', from: 3389, to: 3389 }],
					sources: [{ kind: 'address-set', ref: 'acme.table-1' }],
					destinations: [{ kind: 'network', value: 'GP Surgery' }],
					check: { kind: 'manual', reason: 'inbound' }
				},
				{
					id: 'acme-base.lan',
					section: 'LAN',
					service: 'Messaging',
					purpose: 'Tells other desks.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'local',
					ports: [
						{ protocol: 'udp', from: 8088, to: 8088 },
						{ protocol: 'udp', from: 8089, to: 8089 }
					],
					sources: [{ kind: 'network', value: 'Local site(s)' }],
					destinations: [],
					check: { kind: 'manual', reason: 'local-network' }
				},
				{
					id: 'acme-base.proxy-bypass',
					section: 'Proxy configuration',
					service: 'Proxy configuration',
					purpose: 'Keeps Acme traffic away from web proxies.',
					level: 'recommended',
					levelText: 'Recommended',
					direction: 'outbound',
					ruleText: 'Configure proxy services to exclude the ranges in Table 1.',
					ports: [],
					destinations: [{ kind: 'address-set', ref: 'acme.table-1' }],
					check: { kind: 'manual', reason: 'not-a-flow' }
				},
				{
					id: 'acme-base.provisioning',
					section: 'Base',
					service: 'DHCP addressing',
					purpose: 'Gives the device an address.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'outbound',
					ports: [],
					destinations: [],
					check: {
						kind: 'manual',
						reason: 'not-a-flow',
						detail: 'the device must receive its address by DHCP'
					}
				}
			]
		}
	]
};

export const otherFile: DataFile = {
	source: {
		id: 'other',
		title: 'Other Vendor Network Guide',
		publisher: 'Other',
		file: 'seeds/o.txt'
	},
	products: [
		{
			id: 'other-app',
			name: 'Other App',
			vendor: 'Other',
			summary: 'Another app.',
			kind: 'clinical-system',
			source: 'other',
			requirements: [
				{
					id: 'other-app.web',
					section: 'Requirements',
					service: 'Portal',
					purpose: 'Loads the portal.',
					level: 'mandatory',
					levelText: 'Mandatory',
					direction: 'outbound',
					ports: [{ protocol: 'tcp', from: 443, to: 443 }],
					destinations: [
						{ kind: 'wildcard', value: '*.acme.example' },
						{ kind: 'host', value: 'portal.other.example' },
						{ kind: 'cidr', value: '198.51.100.0/24' },
						{ kind: 'ip-range', from: '192.0.3.0', to: '192.0.3.255' },
						{ kind: 'cidr', value: '2001:db8::/120' }
					],
					check: { kind: 'manual', reason: 'raw-tcp' }
				}
			]
		}
	]
};

export const fixtureData = dataFromFiles([videoFile, otherFile], 'test-1');
