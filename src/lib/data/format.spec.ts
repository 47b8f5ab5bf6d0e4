import { describe, expect, it } from 'vitest';
import { describeCheck, describeProbeUrl, formatDestination, formatPorts } from './format';

describe('formatPorts', () => {
	it('groups by protocol and keeps ranges', () => {
		expect(
			formatPorts([
				{ protocol: 'tcp', from: 443, to: 443 },
				{ protocol: 'udp', from: 3478, to: 3478 },
				{ protocol: 'tcp', from: 10000, to: 60000 },
				{ protocol: 'udp', from: 10000, to: 60000 }
			])
		).toBe('TCP 443, 10000–60000; UDP 3478, 10000–60000');
	});
	it('says when the source gives no ports', () => {
		expect(formatPorts([])).toBe('none given');
	});
});

describe('formatDestination', () => {
	it('writes ranges and address sets readably', () => {
		expect(
			formatDestination({ kind: 'ip-range', from: '34.203.254.0', to: '34.203.254.255' })
		).toBe('34.203.254.0 – 34.203.254.255');
		expect(formatDestination({ kind: 'address-set', ref: 'emis-table-1' })).toBe(
			'address set emis-table-1'
		);
		expect(formatDestination({ kind: 'wildcard', value: '*.amwell.com' })).toBe('*.amwell.com');
	});
});

describe('describeProbeUrl', () => {
	it.each([
		['stun:global.stun.twilio.com:3478', 'STUN over UDP 3478 to global.stun.twilio.com'],
		[
			'turn:global.turn.twilio.com:3478?transport=udp',
			'TURN over UDP 3478 to global.turn.twilio.com'
		],
		[
			'turn:global.turn.twilio.com:443?transport=tcp',
			'TURN over TCP 443 to global.turn.twilio.com'
		],
		[
			'turns:global.turn.twilio.com:5349?transport=tcp',
			'TURN over TLS 5349 to global.turn.twilio.com'
		],
		['turn:turn.example.org', 'TURN over UDP 3478 to turn.example.org'],
		['wss://signal.example.org/socket', 'WebSocket to signal.example.org'],
		['https://openapi.emishealth.com/', 'HTTPS to openapi.emishealth.com'],
		['not a url', 'not a url']
	])('%s', (url, text) => {
		expect(describeProbeUrl(url)).toBe(text);
	});
});

describe('describeCheck', () => {
	it('names each probe kind once', () => {
		expect(
			describeCheck({
				kind: 'probe',
				probes: [
					{ kind: 'turn', url: 'turn:a:3478?transport=udp' },
					{ kind: 'turn', url: 'turn:a:3478?transport=tcp' },
					{ kind: 'stun', url: 'stun:a:3478' }
				]
			})
		).toBe('Tested in the browser: TURN relay, STUN over UDP');
		expect(describeCheck({ kind: 'manual', reason: 'ntp' })).toMatch(/Not testable/);
	});
});
