/**
 * Hand-written ICE logs that follow the measured behaviour (see ice-classify.ts). Recordings of real
 * Chromium/Firefox runs from test/lab/recorded/ are added to the tests next to these when present.
 * Timings are in ms since gathering started.
 */
import type { IceLog } from './ice-log';

const TURN_UDP = 'turn:global.turn.twilio.com:3478?transport=udp';
const TURN_TCP = 'turn:global.turn.twilio.com:443?transport=tcp';
const TURNS = 'turns:global.turn.twilio.com:5349?transport=tcp';
const STUN = 'stun:global.stun.twilio.com:3478';

export interface IceCase {
	name: string;
	log: IceLog;
	expected: { outcome: string; rttMs?: number; publicAddress?: string };
}

export const ICE_CASES: IceCase[] = [
	{
		name: 'Chromium STUN open: srflx arrives, IPv6 socket fails on its own',
		log: {
			url: STUN,
			policy: 'all',
			errorEvents: true,
			events: [
				{ t: 3, type: 'candidate', candidateType: 'host', protocol: 'udp' },
				{ t: 4, type: 'candidate', candidateType: 'host', protocol: 'udp' },
				{ t: 9, type: 'error', code: 701, text: 'STUN binding request timed out.', family: 'ipv6' },
				{
					t: 41,
					type: 'candidate',
					candidateType: 'srflx',
					protocol: 'udp',
					address: '203.0.113.7',
					port: 53122
				}
			],
			end: { t: 41, reason: 'decided' }
		},
		expected: { outcome: 'reachable', rttMs: 41, publicAddress: '203.0.113.7' }
	},
	{
		name: 'Chromium STUN with UDP dropped: silence until the bound',
		log: {
			url: STUN,
			policy: 'all',
			errorEvents: true,
			events: [{ t: 2, type: 'candidate', candidateType: 'host', protocol: 'udp' }],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Chromium STUN with UDP dropped, only an IPv6 701 before the bound',
		log: {
			url: STUN,
			policy: 'all',
			errorEvents: true,
			events: [
				{ t: 2, type: 'candidate', candidateType: 'host', protocol: 'udp' },
				{
					t: 6,
					type: 'error',
					code: 701,
					text: 'STUN binding request timed out.',
					address: '2001:db8::5'
				}
			],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Chromium STUN with a name that does not resolve',
		log: {
			url: 'stun:stun.invalid.example:3478',
			policy: 'all',
			errorEvents: true,
			events: [
				{ t: 2, type: 'candidate', candidateType: 'host', protocol: 'udp' },
				{
					t: 30,
					type: 'error',
					code: 701,
					text: 'STUN host lookup received error.',
					address: '10.0.0.2'
				},
				{ t: 31, type: 'gathering-complete' }
			],
			end: { t: 31, reason: 'gathering-complete' }
		},
		expected: { outcome: 'dns-failed' }
	},
	{
		name: 'Chromium TURN/UDP reachable: 401 with test credentials, IPv6 701 first',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 5, type: 'error', code: 701, text: 'Failed to establish connection', family: 'ipv6' },
				{ t: 38, type: 'error', code: 401, text: 'Unauthorized.', url: TURN_UDP, family: 'ipv4' }
			],
			end: { t: 38, reason: 'decided' }
		},
		expected: { outcome: 'reachable', rttMs: 38 }
	},
	{
		name: 'Chromium TURN/UDP dropped: no event within the bound',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Chromium TURN/UDP with DNS failure',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{
					t: 12,
					type: 'error',
					code: 701,
					text: 'TURN host lookup received error.',
					family: 'ipv4'
				},
				{
					t: 12,
					type: 'error',
					code: 701,
					text: 'TURN host lookup received error.',
					family: 'ipv6'
				},
				{ t: 13, type: 'gathering-complete' }
			],
			end: { t: 13, reason: 'gathering-complete' }
		},
		expected: { outcome: 'dns-failed' }
	},
	{
		name: 'Chromium TURN/TCP refused on both families',
		log: {
			url: TURN_TCP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 3, type: 'error', code: 701, text: 'Failed to establish connection', family: 'ipv6' },
				{ t: 4, type: 'error', code: 701, text: 'Failed to establish connection', family: 'ipv4' },
				{ t: 5, type: 'gathering-complete' }
			],
			end: { t: 5, reason: 'gathering-complete' }
		},
		expected: { outcome: 'refused' }
	},
	{
		name: 'Chromium TURN/TCP name not found: both TCP sockets fail without an address, gathering never completes',
		log: {
			url: TURN_TCP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{
					t: 1633,
					type: 'error',
					code: 701,
					text: 'Failed to establish connection',
					address: null
				},
				{ t: 1634, type: 'error', code: 701, text: 'Failed to establish connection', address: null }
			],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'refused' }
	},
	{
		name: 'Chromium TURN/UDP dropped: IPv6 socket reports a host lookup error (no AAAA), IPv4 silent',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{
					t: 75,
					type: 'error',
					code: 701,
					text: 'STUN host lookup received error.',
					address: '[0:0:0:x:x:x:x:x]'
				},
				{
					t: 130,
					type: 'error',
					code: 701,
					text: 'TURN host lookup received error.',
					address: '[0:0:0:x:x:x:x:x]'
				}
			],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Chromium TURN/TCP with SYN dropped: IPv6 fails at once, IPv4 hangs',
		log: {
			url: TURN_TCP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 3, type: 'error', code: 701, text: 'Failed to establish connection', family: 'ipv6' }
			],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Chromium TURNS reachable over TLS',
		log: {
			url: TURNS,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 95, type: 'error', code: 401, text: 'Unauthorized.', url: TURNS, family: 'ipv4' }
			],
			end: { t: 95, reason: 'decided' }
		},
		expected: { outcome: 'reachable', rttMs: 95 }
	},
	{
		name: 'Firefox TURN/UDP reachable: empty text, url without ?transport, extra host candidate on port 9',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 1, type: 'candidate', candidateType: 'host', protocol: 'tcp' },
				{ t: 44, type: 'error', code: 401, text: '', url: 'turn:global.turn.twilio.com:3478' }
			],
			end: { t: 44, reason: 'decided' }
		},
		expected: { outcome: 'reachable', rttMs: 44 }
	},
	{
		name: 'Firefox TURN/UDP dropped: 701 with empty text after about 4 s',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 1, type: 'candidate', candidateType: 'host', protocol: 'tcp' },
				{ t: 3960, type: 'error', code: 701, text: '', url: 'turn:global.turn.twilio.com:3478' },
				{ t: 3961, type: 'gathering-complete' }
			],
			end: { t: 3961, reason: 'gathering-complete' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Firefox TURN/UDP with a name that does not resolve: 701 with empty text within ~50 ms, then complete',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 40, type: 'error', code: 701, text: '', url: 'turn:global.turn.twilio.com:3478' },
				{ t: 40, type: 'gathering-complete' }
			],
			end: { t: 40, reason: 'gathering-complete' }
		},
		expected: { outcome: 'dns-failed' }
	},
	{
		name: 'Firefox STUN with a name that does not resolve: host candidates (one TCP active, port 9), 701 with empty text',
		log: {
			url: STUN,
			policy: 'all',
			errorEvents: true,
			events: [
				{ t: 2, type: 'candidate', candidateType: 'host', protocol: 'udp' },
				{ t: 2, type: 'candidate', candidateType: 'host', protocol: 'tcp' },
				{ t: 66, type: 'error', code: 701, text: '', url: STUN },
				{ t: 66, type: 'gathering-complete' }
			],
			end: { t: 66, reason: 'gathering-complete' }
		},
		expected: { outcome: 'dns-failed' }
	},
	{
		name: 'Firefox TURN/UDP dropped, as measured in the lab: 701 with empty text only after 11 s, past the bound',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: true,
			events: [],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'timeout' }
	},
	{
		name: 'Firefox TURN/TCP refused: 701 with empty text, fast',
		log: {
			url: TURN_TCP,
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 6, type: 'error', code: 701, text: '', url: TURN_TCP },
				{ t: 7, type: 'gathering-complete' }
			],
			end: { t: 7, reason: 'gathering-complete' }
		},
		expected: { outcome: 'refused' }
	},
	{
		name: 'old Firefox without icecandidateerror: TURN cannot be concluded',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: false,
			events: [{ t: 2, type: 'candidate', candidateType: 'host', protocol: 'tcp' }],
			end: { t: 4500, reason: 'bound' }
		},
		expected: { outcome: 'inconclusive' }
	},
	{
		name: 'old Firefox without icecandidateerror: a relay candidate still proves reachability',
		log: {
			url: TURN_UDP,
			policy: 'relay',
			errorEvents: false,
			events: [{ t: 120, type: 'candidate', candidateType: 'relay', protocol: 'udp' }],
			end: { t: 120, reason: 'decided' }
		},
		expected: { outcome: 'reachable', rttMs: 120 }
	},
	{
		name: 'WebRTC restricted by policy: gathering ends at once with no candidate',
		log: {
			url: STUN,
			policy: 'all',
			errorEvents: true,
			events: [{ t: 4, type: 'gathering-complete' }],
			end: { t: 4, reason: 'gathering-complete' }
		},
		expected: { outcome: 'unsupported' }
	},
	{
		name: 'RTCPeerConnection refused to start',
		log: {
			url: STUN,
			policy: 'all',
			errorEvents: false,
			events: [],
			end: { t: 0, reason: 'setup-failed', detail: 'NotSupportedError' }
		},
		expected: { outcome: 'unsupported' }
	},
	{
		name: 'cancelled by the user',
		log: {
			url: TURN_TCP,
			policy: 'relay',
			errorEvents: true,
			events: [],
			end: { t: 800, reason: 'aborted' }
		},
		expected: { outcome: 'cancelled' }
	}
];
