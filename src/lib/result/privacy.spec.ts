import { containsCidr } from 'cidr-tools';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$fixtures/results';
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

// ------------------------------------------------------------------------ property-based

/** Special-purpose ranges, written from the IANA registries (RFC 6890), not from ipaddr.js. */
const NOT_PUBLIC_V4 = [
	'0.0.0.0/8',
	'10.0.0.0/8',
	'100.64.0.0/10',
	'127.0.0.0/8',
	'169.254.0.0/16',
	'172.16.0.0/12',
	'192.0.0.0/24',
	'192.88.99.0/24',
	'192.168.0.0/16',
	'198.18.0.0/15',
	'224.0.0.0/4',
	'240.0.0.0/4',
	// Anycast service ranges (AS112, AMT): never a device's own address.
	'192.31.196.0/24',
	'192.52.193.0/24',
	'192.175.48.0/24'
];
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32'];
const NOT_PUBLIC_V6 = [
	'64:ff9b::/96',
	'64:ff9b:1::/48',
	'100::/64',
	'2001::/23',
	'2002::/16',
	'3fff::/20',
	'5f00::/16',
	'fc00::/7',
	'fe80::/10',
	'fec0::/10',
	'ff00::/8'
];

function expectedPublic(v4: number[] | undefined, v6: number[] | undefined): boolean {
	if (v4) {
		const text = v4.join('.');
		return containsCidr(DOCUMENTATION, text) || !containsCidr(NOT_PUBLIC_V4, text);
	}
	const groups = v6!;
	const text = groups.map((g) => g.toString(16)).join(':');
	if (containsCidr('::ffff:0:0/96', text))
		return expectedPublic(
			[groups[6]! >> 8, groups[6]! & 255, groups[7]! >> 8, groups[7]! & 255],
			undefined
		);
	if (containsCidr('2001:db8::/32', text)) return true;
	return containsCidr('2000::/3', text) && !containsCidr(NOT_PUBLIC_V6, text);
}

const V4_SEEDS = [
	[10],
	[172, 16],
	[172, 31],
	[192, 168],
	[127],
	[169, 254],
	[100, 64],
	[100, 127],
	[0],
	[224],
	[239],
	[240],
	[255, 255, 255, 255],
	[192, 0, 0],
	[198, 18],
	[198, 19],
	[203, 0, 113],
	[198, 51, 100],
	[192, 0, 2],
	[8],
	[81],
	[151],
	[52],
	[172, 15],
	[172, 32],
	[100, 63],
	[100, 128],
	[192, 169],
	[11]
];
const V6_SEEDS = [
	[0xfe80],
	[0xfebf],
	[0xfc00],
	[0xfd00],
	[0xfdff],
	[0xfec0],
	[0xff02],
	[0x2001, 0xdb8],
	[0x2001, 0],
	[0x2002],
	[0x2a00, 0x1450],
	[0x2600],
	[0x2001, 0x4860],
	[0x3fff],
	[0x1234],
	[0x64, 0xff9b, 0, 0, 0, 0],
	[0, 0, 0, 0, 0, 0, 0, 1],
	[0, 0, 0, 0, 0, 0, 0, 0],
	[0, 0, 0, 0, 0, 0xffff]
];

function randomAddress(rand: () => number): { v4?: number[]; v6?: number[] } {
	const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
	if (rand() < 0.45) {
		const seed = pick(V4_SEEDS);
		return { v4: [0, 1, 2, 3].map((i) => seed[i] ?? Math.floor(rand() * 256)) };
	}
	const seed = pick(V6_SEEDS);
	// Zero runs are common in real addresses and are what "::" compresses.
	const groups = Array.from(
		{ length: 8 },
		(_, i) => seed[i] ?? (rand() < 0.4 ? 0 : Math.floor(rand() * 0x10000))
	);
	return { v6: groups };
}

/** Every way an address is written: full, leading zeros, "::" at any zero run, upper case, mixed. */
function spellings(
	v4: number[] | undefined,
	v6: number[] | undefined,
	rand: () => number
): string[] {
	if (v4) {
		const dotted = v4.join('.');
		const hex = (a: number, b: number) => ((a << 8) | b).toString(16);
		return [
			dotted,
			`::ffff:${dotted}`,
			`::ffff:${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`,
			`0:0:0:0:0:ffff:${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`
		];
	}
	const g = v6!.map((x) => x.toString(16));
	const out = [g.join(':'), g.map((x) => x.padStart(4, '0')).join(':')];
	// "::" in place of each run of zero groups (not only the longest: any one is valid).
	for (let i = 0; i < 8; i++) {
		if (v6![i] !== 0 || (i > 0 && v6![i - 1] === 0)) continue;
		let j = i;
		while (j < 8 && v6![j] === 0) j++;
		if (j - i >= 1) out.push(`${g.slice(0, i).join(':')}::${g.slice(j).join(':')}`);
	}
	out.push(pickOne(out, rand).toUpperCase());
	const v4tail = `${v6![6]! >> 8}.${v6![6]! & 255}.${v6![7]! >> 8}.${v6![7]! & 255}`;
	out.push(`${g.slice(0, 6).join(':')}:${v4tail}`);
	return out;
}

function pickOne<T>(xs: readonly T[], rand: () => number): T {
	return xs[Math.floor(rand() * xs.length)]!;
}

const PREFIXES = ['', 'Host candidate ', 'from ', '(', '"', 'ip=', 'addr: ', '\n', 'candidate:'];
const SUFFIXES = ['', '.', ',', ')', '"', ';', '!', '?', '.\n', '...', ' and more', ': failed'];

describe('the scrubber, property-based (seeded)', () => {
	it('finds every address of every class in every spelling and context, and judges it', () => {
		const rand = seededRandom(17);
		let cases = 0;
		for (let i = 0; i < 1500; i++) {
			const { v4, v6 } = randomAddress(rand);
			const expected = expectedPublic(v4, v6);
			for (const spelling of spellings(v4, v6, rand)) {
				const zoned =
					v6 && rand() < 0.2
						? `${spelling}%${pickOne(['eth0', 'en0', '25wlp2s0', 'vlan.3'], rand)}`
						: spelling;
				const prefix = pickOne(PREFIXES, rand);
				const suffix = pickOne(SUFFIXES, rand);
				const text = `${prefix}${zoned}${suffix}`;
				expect(redactText(text), text).toBe(`${prefix}[address]${suffix}`);
				expect(holdsAddress(text), text).toBe(true);
				// The written form decides nothing: every spelling of one address is judged alike.
				expect(isPublicAddress(zoned), zoned).toBe(zoned.includes('%') ? false : expected);
				cases++;
			}
			// Bracketed with a port, as in a URL or a log line.
			if (v6) {
				const spelled = spellings(undefined, v6, rand)[0]!;
				expect(redactText(`relay [${spelled}]:3478 refused`)).toBe(
					'relay [[address]]:3478 refused'
				);
			} else {
				expect(redactText(`to ${v4!.join('.')}:5000.`)).toBe('to [address]:5000.');
			}
		}
		expect(cases).toBeGreaterThan(6000);
	});

	it('never throws, always leaves no address behind, and is idempotent on random text', () => {
		const rand = seededRandom(23);
		const alphabet = '0123456789abcdefABCDEF::::....%[] -_xyzé\n"=@/';
		for (let i = 0; i < 5000; i++) {
			const text = Array.from({ length: Math.floor(rand() * 80) }, () =>
				pickOne([...alphabet], rand)
			).join('');
			const out = redactText(text);
			expect(holdsAddress(out), JSON.stringify(text)).toBe(false);
			expect(redactText(out)).toBe(out);
		}
	});

	it('keeps ordinary probe texts as they are', () => {
		const rand = seededRandom(29);
		for (let i = 0; i < 2000; i++) {
			const hh = String(Math.floor(rand() * 24)).padStart(2, '0');
			const mm = String(Math.floor(rand() * 60)).padStart(2, '0');
			const text = pickOne(
				[
					`closed at ${hh}:${mm}:${mm} after ${Math.floor(rand() * 9000)} ms`,
					`stun:stun${Math.floor(rand() * 9)}.example.com:${Math.floor(rand() * 65535)}`,
					`WebSocket closed with code ${1000 + Math.floor(rand() * 16)} after ${Math.floor(rand() * 500)} ms`,
					`Chrome ${100 + Math.floor(rand() * 60)}.0.${1000 + Math.floor(rand() * 8999)}.${Math.floor(rand() * 999)}`,
					`error ${700 + Math.floor(rand() * 2)}: STUN host lookup received error.`
				],
				rand
			);
			expect(redactText(text), text).toBe(text);
		}
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
