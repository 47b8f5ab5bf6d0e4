import { describe, expect, it } from 'vitest';
import {
	cleanText,
	holdsAddress,
	holdsLocalAddress,
	isIpv6,
	isPublicAddress,
	isShareableHost,
	redactCredentials,
	redactText
} from './privacy';

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
			'eth0',
			'2001:db8',
			'1f2e3d4c',
			'bob',
			'secret',
			'alice',
			'hunter2'
		])
			expect(out).not.toContain(leak);
		expect(out).toContain('[address]:5000');
		expect(out).toContain('[local name]');
		expect(out).toContain('turn.example.com');
	});

	it('finds an address at the end of a sentence or clause', () => {
		for (const [text, expected] of [
			['Host candidate 192.168.1.5.', 'Host candidate [address].'],
			['Gathered fe80::1.', 'Gathered [address].'],
			['Unique local fd00::5.', 'Unique local [address].'],
			['Private 172.16.0.3.', 'Private [address].'],
			['Mapped ::ffff:10.0.0.1.', 'Mapped [address].'],
			['From fe80::1%eth0.', 'From [address].'],
			['Zone fe80::1%25wlp2s0, then', 'Zone [address], then'],
			['(fd12:3456::1)', '([address])'],
			['"::1"', '"[address]"'],
			['Relay [2001:db8::9]:3478 refused', 'Relay [[address]]:3478 refused'],
			['candidate:fe80::1 failed', 'candidate:[address] failed'],
			['no route to fe80::1: giving up', 'no route to [address]: giving up'],
			['two 1::2:fe80::1 joined', 'two [address][address] joined'],
			['ends fe80::...', 'ends [address]...'],
			['10.0.0.1.nip.io answered', '[address].nip.io answered']
		] as const)
			expect(redactText(text), text).toBe(expected);
	});

	it('finds every spelling: full, compressed anywhere, leading zeros, upper case, mapped', () => {
		for (const address of [
			'0:0:0:0:0:0:0:1',
			'0::1',
			'0000:0000:0000:0000:0000:0000:0000:0001',
			'0:0:0:0:0:ffff:a00:1',
			'::FFFF:10.0.0.1',
			'::ffff:0a00:0001',
			'FE80::0001',
			'fe80:0:0:0::1',
			'fec0::1',
			'::',
			'192.168.001.009'
		]) {
			expect(redactText(`at ${address} now`), address).toBe('at [address] now');
			expect(holdsAddress(address), address).toBe(true);
		}
	});

	it('leaves times, ports, versions and ordinary words alone', () => {
		for (const text of [
			'closed 12:30:45 after 34 ms on stun:global.stun.twilio.com:3478, code 1006',
			'turn:global.turn.twilio.com:3478?transport=udp answered 401 at 09:30:00.123',
			'Chrome 120.0.6099.109, data 2026-11-29.1, app 0.1.0, version 1.2.3.4.5',
			'std::string note:: a:b, 1:2:3',
			'MAC 00:1a:2b:3c:4d:5e, hash deadbeefcafe'
		]) {
			expect(redactText(text)).toBe(text);
			expect(holdsAddress(text), text).toBe(false);
		}
	});
});

describe('redactCredentials', () => {
	it('removes user:password@ with and without "//", keeping the host', () => {
		expect(redactCredentials('turn:alice:pw@turn.example.com:3478')).toBe(
			'turn:turn.example.com:3478'
		);
		expect(redactCredentials('turns:alice:p%40ss@relay.example.org:443?transport=tcp')).toBe(
			'turns:relay.example.org:443?transport=tcp'
		);
		expect(redactCredentials('see https://bob:secret@h.example/x')).toBe('see https://h.example/x');
		expect(redactCredentials('stun:stun.example.com:3478')).toBe('stun:stun.example.com:3478');
	});

	it('removes secret values written as key=value, key: value and JSON', () => {
		for (const [text, expected] of [
			['password: hunter2', 'password: [removed]'],
			['Password=hunter2&x=1', 'Password=[removed]&x=1'],
			[
				'{"username":"1700000000:alice","credential":"c3VwZXI="}',
				'{"username":"[removed]","credential":"[removed]"}'
			],
			["{'credential': 'x y z'}", "{'credential': '[removed]'}"],
			['"token" : "a\\"b"', '"token" : "[removed]"'],
			['Authorization: Bearer eyJhbGciOi.abc', 'Authorization: [removed]'],
			['?username=alice&credential=hunter2', '?username=[removed]&credential=[removed]'],
			['api_key=123; secret=456', 'api_key=[removed]; secret=[removed]']
		] as const)
			expect(redactCredentials(text), text).toBe(expected);
	});

	it('leaves words that only look like keys alone', () => {
		for (const text of ['passwordless login', 'tokens 5', 'user agent Chrome', 'keyboard: en-GB'])
			expect(redactCredentials(text)).toBe(text);
	});
});

describe('isPublicAddress', () => {
	it('treats only public unicast addresses as public', () => {
		for (const a of [
			'203.0.113.7',
			'8.8.8.8',
			'81.2.69.160',
			'2a00:1450:4009:81f::200e',
			'2001:4860:4860::8888',
			'::ffff:8.8.8.8',
			'2001:db8::1'
		])
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
			'255.255.255.255',
			'240.0.0.1',
			'198.18.0.1',
			'192.0.0.8',
			'::1',
			'0::1',
			'0:0:0:0:0:0:0:1',
			'::',
			'fe80::1',
			'fe80::1%eth0',
			'2a00:1450:4009:81f::200e%eth0',
			'fd00::1',
			'fc00::1',
			'fec0::1',
			'ff02::1',
			'::ffff:192.168.1.1',
			'0:0:0:0:0:ffff:a00:1',
			'::ffff:a00:1',
			'64:ff9b::a00:1',
			'2002:c000:204::1',
			'2001::1',
			'1234::1',
			'127.1',
			'010.0.0.1',
			'0x7f000001',
			'not-an-ip',
			'999.1.1.1',
			''
		])
			expect(isPublicAddress(a), a).toBe(false);
	});
});

describe('isShareableHost and holdsLocalAddress', () => {
	it('lets names and public literals through, never a local address in any spelling', () => {
		for (const host of ['global.turn.twilio.com', '8.8.8.8', '[2a00:1450:4009:81f::200e]'])
			expect(isShareableHost(host), host).toBe(true);
		for (const host of ['10.0.0.5', '0x7f000001', '127.1', '2130706433', '[::1]', '[fe80::1]'])
			expect(isShareableHost(host), host).toBe(false);
		expect(holdsLocalAddress('https://10.0.0.5.nip.io/')).toBe(true);
		expect(holdsLocalAddress('via 1f2e3d4c-1111-2222-3333-444455556666.local')).toBe(true);
		expect(holdsLocalAddress('stun 8.8.8.8 and 2001:4860::1')).toBe(false);
	});
});

describe('cleanText', () => {
	it('strips control and direction-override characters and bounds length', () => {
		expect(cleanText('a\u202eb\u0000c\nd', 100)).toBe('abc d');
		expect(cleanText('x'.repeat(50), 10)).toBe('x'.repeat(9) + '…');
	});
});

describe('isIpv6', () => {
	it('recognises IPv6 forms', () => {
		expect(isIpv6('::1')).toBe(true);
		expect(isIpv6('2001:db8::1')).toBe(true);
		expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
		expect(isIpv6('::ffff:192.0.2.1')).toBe(true);
		expect(isIpv6('fe80::1%eth0')).toBe(true);
		expect(isIpv6('12:30:45')).toBe(false);
		expect(isIpv6('1::2::3')).toBe(false);
		expect(isIpv6('stun:host')).toBe(false);
	});
});
