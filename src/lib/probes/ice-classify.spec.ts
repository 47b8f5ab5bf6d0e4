import { describe, expect, it } from 'vitest';
import { classifyIce, errorMeaning, iceDecided } from './ice-classify';
import { ICE_CASES } from '$fixtures/ice-events';
import { parseIceUrl } from '$lib/data/probe-url';
import { familyOf, sanitizeIceLog, type IceLog } from './ice-log';

describe('classifyIce on hand-written sequences', () => {
	for (const c of ICE_CASES) {
		it(c.name, () => {
			const r = classifyIce(c.log);
			expect(r.outcome).toBe(c.expected.outcome);
			if (c.expected.rttMs !== undefined) expect(r.rttMs).toBe(c.expected.rttMs);
			expect(r.evidence.publicAddress).toBe(c.expected.publicAddress);
			expect(r.evidence.detail).toBeTruthy();
		});
	}

	it('keeps error codes, texts and families as evidence, without local addresses', () => {
		const c = ICE_CASES.find((x) =>
			x.name.startsWith('Chromium STUN with UDP dropped, only an IPv6')
		)!;
		const r = classifyIce(c.log);
		expect(r.evidence.iceErrors).toEqual([
			{ code: 701, text: 'STUN binding request timed out.', family: 'ipv6' }
		]);
		expect(JSON.stringify(r)).not.toContain('2001:db8');
	});

	it('lists candidate types with their protocol, never host addresses', () => {
		const c = ICE_CASES[0]!;
		const r = classifyIce(c.log);
		expect(r.evidence.candidateTypes).toEqual(['host/udp', 'srflx/udp']);
	});

	it('an IPv4 refusal decides even while IPv6 is still silent at the bound', () => {
		const log: IceLog = {
			url: 'turn:a.example:3478?transport=tcp',
			policy: 'relay',
			errorEvents: true,
			events: [
				{ t: 4, type: 'error', code: 701, text: 'Failed to establish connection', family: 'ipv4' }
			],
			end: { t: 4500, reason: 'bound' }
		};
		expect(classifyIce(log).outcome).toBe('refused');
	});

	it('a positive answer on any family wins over failures on every other', () => {
		const log: IceLog = {
			url: 'turn:a.example:3478?transport=udp',
			policy: 'relay',
			errorEvents: true,
			events: [
				{
					t: 2,
					type: 'error',
					code: 701,
					text: 'TURN allocate request timed out.',
					family: 'ipv4'
				},
				{ t: 60, type: 'error', code: 401, text: 'Unauthorized.', family: 'ipv6' },
				{ t: 61, type: 'gathering-complete' }
			],
			end: { t: 61, reason: 'gathering-complete' }
		};
		const r = classifyIce(log);
		expect(r.outcome).toBe('reachable');
		expect(r.rttMs).toBe(60);
	});

	it('a srflx candidate does not count as reachable for a TURN probe', () => {
		const log: IceLog = {
			url: 'turn:a.example:3478',
			policy: 'relay',
			errorEvents: true,
			events: [{ t: 20, type: 'candidate', candidateType: 'srflx', address: '198.51.100.1' }],
			end: { t: 4500, reason: 'bound' }
		};
		expect(classifyIce(log).outcome).toBe('timeout');
	});
});

describe('errorMeaning', () => {
	it.each([
		[{ code: 401, text: 'Unauthorized.' }, 'udp', 'answered'],
		[{ code: 438, text: 'Stale nonce' }, 'tcp', 'answered'],
		[{ code: 701, text: 'TURN host lookup received error.' }, 'udp', 'dns-failed'],
		[{ code: 701, text: 'Failed to establish connection' }, 'tcp', 'refused'],
		[{ code: 701, text: 'STUN binding request timed out.' }, 'udp', 'no-answer'],
		[{ code: 701, text: '' }, 'udp', 'no-answer'],
		[{ code: 701, text: '' }, 'tls', 'refused'],
		// Firefox: no text; the time tells a lookup failure (~50 ms) from a timeout (seconds)
		[{ code: 701, text: '', t: 45 }, 'udp', 'dns-failed'],
		[{ code: 701, text: '', t: 999 }, 'udp', 'dns-failed'],
		[{ code: 701, text: '', t: 1000 }, 'udp', 'no-answer'],
		[{ code: 701, text: '', t: 11_150 }, 'udp', 'no-answer'],
		[{ code: 701, text: '', t: 45 }, 'tcp', 'refused'],
		// a text that says what happened wins over the time it came
		[{ code: 701, text: 'STUN binding request timed out.', t: 45 }, 'udp', 'no-answer']
	] as const)('%o over %s means %s', (e, via, meaning) => {
		expect(errorMeaning(e, via)).toBe(meaning);
	});
});

describe('iceDecided', () => {
	it('stops a STUN probe at the first srflx and a TURN probe at the first 401 or relay', () => {
		expect(iceDecided([{ t: 1, type: 'candidate', candidateType: 'host' }], 'stun')).toBe(false);
		expect(iceDecided([{ t: 1, type: 'candidate', candidateType: 'srflx' }], 'stun')).toBe(true);
		expect(iceDecided([{ t: 1, type: 'candidate', candidateType: 'srflx' }], 'turn')).toBe(false);
		expect(iceDecided([{ t: 1, type: 'error', code: 701, text: '' }], 'turn')).toBe(false);
		expect(iceDecided([{ t: 1, type: 'error', code: 401, text: '' }], 'turn')).toBe(true);
		expect(iceDecided([{ t: 1, type: 'candidate', candidateType: 'relay' }], 'turn')).toBe(true);
	});
});

describe('parseIceUrl', () => {
	it.each([
		['stun:global.stun.twilio.com:3478', { scheme: 'stun', port: 3478, via: 'udp' }],
		['stun:stun.example', { scheme: 'stun', port: 3478, via: 'udp' }],
		['turn:global.turn.twilio.com:443?transport=tcp', { scheme: 'turn', port: 443, via: 'tcp' }],
		['turn:global.turn.twilio.com', { scheme: 'turn', port: 3478, via: 'udp' }],
		['turns:global.turn.twilio.com:443?transport=tcp', { scheme: 'turns', port: 443, via: 'tls' }],
		['turns:x.example', { scheme: 'turns', port: 5349, via: 'tls' }],
		['TURN:[2001:db8::1]:3478?transport=udp', { scheme: 'turn', host: '[2001:db8::1]', via: 'udp' }]
	])('%s', (url, expected) => {
		expect(parseIceUrl(url)).toMatchObject(expected);
	});
	it.each([
		'https://a.example',
		'turns:a.example?transport=udp',
		'stun:a.example:99999',
		'stuns:a.example',
		'turn:'
	])('rejects %s', (url) => expect(parseIceUrl(url)).toBeUndefined());
});

describe('privacy of logs', () => {
	it('familyOf reads the family and nothing else', () => {
		expect(familyOf('192.168.1.20')).toBe('ipv4');
		expect(familyOf('fe80::1')).toBe('ipv6');
		expect(familyOf('f3b1c0e2-1234.local')).toBe('unknown');
		expect(familyOf(null)).toBe('unknown');
	});
	it('sanitizeIceLog drops local addresses and host/relay addresses but keeps the srflx address', () => {
		const log: IceLog = {
			url: 'stun:a.example',
			policy: 'all',
			errorEvents: true,
			events: [
				{ t: 1, type: 'candidate', candidateType: 'host', address: '192.168.1.20', port: 5000 },
				{ t: 2, type: 'candidate', candidateType: 'srflx', address: '203.0.113.9', port: 6000 },
				{ t: 3, type: 'error', code: 701, text: 'x', address: '2001:db8::7' }
			],
			end: { t: 3, reason: 'decided' }
		};
		const json = JSON.stringify(sanitizeIceLog(log));
		expect(json).not.toContain('192.168.1.20');
		expect(json).not.toContain('2001:db8::7');
		expect(json).toContain('203.0.113.9');
		expect(json).toContain('"family":"ipv6"');
	});
});
