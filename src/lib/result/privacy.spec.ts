import { describe, expect, it } from 'vitest';
import { cleanText, isIpv6, isPublicAddress, redactText } from './privacy';

describe('redactText', () => {
	it('removes IPv4 and IPv6 literals, mDNS names and credentials', () => {
		const text =
			'host 192.168.1.20 and 10.0.0.1:5000, v6 fe80::1%eth0 and 2001:db8::42, ' +
			'mdns 1f2e3d4c-1111-2222-3333-444455556666.local, turn://bob:secret@turn.example.com, ' +
			'?username=alice&credential=hunter2';
		const out = redactText(text);
		for (const leak of [
			'192.168',
			'10.0.0.1',
			'fe80',
			'2001:db8',
			'1f2e3d4c',
			'bob',
			'secret',
			'alice',
			'hunter2'
		])
			expect(out).not.toContain(leak);
		expect(out).toContain('[address]');
		expect(out).toContain('[local name]');
		expect(out).toContain('turn.example.com');
	});

	it('leaves times, ports and ordinary words alone', () => {
		const text = 'closed 12:30:45 after 34 ms on stun:global.stun.twilio.com:3478, code 1006';
		expect(redactText(text)).toBe(text);
	});
});

describe('address checks', () => {
	it('recognises IPv6 forms', () => {
		expect(isIpv6('::1')).toBe(true);
		expect(isIpv6('2001:db8::1')).toBe(true);
		expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
		expect(isIpv6('::ffff:192.0.2.1')).toBe(true);
		expect(isIpv6('12:30:45')).toBe(false);
		expect(isIpv6('1::2::3')).toBe(false);
		expect(isIpv6('stun:host')).toBe(false);
	});

	it('treats only public unicast addresses as public', () => {
		for (const a of ['203.0.113.7', '8.8.8.8', '2a00:1450:4009:81f::200e'])
			expect(isPublicAddress(a), a).toBe(true);
		for (const a of [
			'10.1.2.3',
			'172.16.0.1',
			'172.31.255.255',
			'192.168.0.1',
			'127.0.0.1',
			'169.254.1.1',
			'100.64.0.1',
			'0.0.0.0',
			'224.0.0.1',
			'::1',
			'fe80::1',
			'fd00::1',
			'::ffff:192.168.1.1',
			'not-an-ip',
			'999.1.1.1'
		])
			expect(isPublicAddress(a), a).toBe(false);
	});
});

describe('cleanText', () => {
	it('strips control and direction-override characters and bounds length', () => {
		expect(cleanText('a\u202eb\u0000c\nd', 100)).toBe('abc d');
		expect(cleanText('x'.repeat(50), 10)).toBe('x'.repeat(9) + '…');
	});
});
