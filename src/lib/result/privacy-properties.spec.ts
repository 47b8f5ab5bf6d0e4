/**
 * The scrubber, property-based and seeded: addresses of every class (private, shared, loopback,
 * link-local, unique-local, site-local, multicast, reserved, transition, documentation, public)
 * in every spelling and every context, judged against a table of the IANA special-purpose
 * ranges written here and read by cidr-tools (not ipaddr.js, which the code uses); random text.
 */
import { containsCidr } from 'cidr-tools';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '$fixtures/results';
import { holdsAddress, isPublicAddress, redactText } from './privacy';

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
