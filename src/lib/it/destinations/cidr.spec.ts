import { describe, expect, it } from 'vitest';
import { parseCidr } from 'cidr-tools';
import {
	addressCount,
	byVersion,
	ipVersion,
	mergeNetworks,
	rangeToCidrs,
	sampleAddress,
	toCidr
} from './cidr';

/** Independent oracle for IPv4: the textbook greedy split, written with plain numbers. */
function greedy(from: number, to: number): string[] {
	const out: string[] = [];
	let start = from;
	while (start <= to) {
		let size = 1;
		while (start % (size * 2) === 0 && start + size * 2 - 1 <= to && size < 2 ** 32) size *= 2;
		const ip = [24, 16, 8, 0].map((s) => Math.floor(start / 2 ** s) % 256).join('.');
		out.push(`${ip}/${32 - Math.log2(size)}`);
		start += size;
	}
	return out;
}
const num = (ip: string) => Number(parseCidr(ip).start);
const ipOf = (n: number) => [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');

describe('rangeToCidrs', () => {
	it('turns the vendor ranges into single blocks where they are aligned', () => {
		expect(rangeToCidrs('34.203.254.0', '34.203.254.255')).toEqual(['34.203.254.0/24']);
		expect(rangeToCidrs('54.172.60.0', '54.172.61.255')).toEqual(['54.172.60.0/23']);
		expect(rangeToCidrs('3.235.111.128', '3.235.111.255')).toEqual(['3.235.111.128/25']);
		expect(rangeToCidrs('34.216.110.128', '34.216.110.159')).toEqual(['34.216.110.128/27']);
		expect(rangeToCidrs('44.234.69.0', '44.234.69.127')).toEqual(['44.234.69.0/25']);
	});

	it('makes a single address a /32', () => {
		expect(rangeToCidrs('192.0.2.9', '192.0.2.9')).toEqual(['192.0.2.9/32']);
		expect(toCidr('192.0.2.9')).toBe('192.0.2.9/32');
	});

	it('splits ranges that are not a power of two into the fewest aligned blocks', () => {
		expect(rangeToCidrs('10.0.0.1', '10.0.0.6')).toEqual([
			'10.0.0.1/32',
			'10.0.0.2/31',
			'10.0.0.4/31',
			'10.0.0.6/32'
		]);
		expect(rangeToCidrs('10.0.0.0', '10.0.2.255')).toEqual(['10.0.0.0/23', '10.0.2.0/24']);
	});

	it('handles the ends of the address space', () => {
		expect(rangeToCidrs('0.0.0.0', '255.255.255.255')).toEqual(['0.0.0.0/0']);
		expect(rangeToCidrs('0.0.0.0', '0.0.0.0')).toEqual(['0.0.0.0/32']);
		expect(rangeToCidrs('255.255.255.254', '255.255.255.255')).toEqual(['255.255.255.254/31']);
	});

	it('agrees with an independent greedy split on many random ranges', () => {
		let seed = 42;
		const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
		for (let i = 0; i < 300; i++) {
			const a = rand() * 2 + (rand() % 2);
			const b = a + (rand() % 70000);
			if (b >= 2 ** 32) continue;
			expect(rangeToCidrs(ipOf(a), ipOf(b))).toEqual(greedy(a, b));
		}
	});

	it('covers exactly the range, without gaps or overlap', () => {
		const blocks = rangeToCidrs('172.16.3.77', '172.16.9.3');
		let next = num('172.16.3.77');
		for (const b of blocks) {
			const { start, end } = parseCidr(b);
			expect(Number(start)).toBe(next);
			next = Number(end) + 1;
		}
		expect(next - 1).toBe(num('172.16.9.3'));
	});

	it('works for IPv6', () => {
		expect(rangeToCidrs('2001:db8::', '2001:db8::ff')).toEqual(['2001:db8::/120']);
		expect(rangeToCidrs('2001:db8::1', '2001:db8::2')).toEqual([
			'2001:db8::1/128',
			'2001:db8::2/128'
		]);
	});

	it('rejects bad input with a message naming it', () => {
		expect(() => rangeToCidrs('10.0.0.9', '10.0.0.1')).toThrow(
			/runs backwards: "10.0.0.9 - 10.0.0.1"/
		);
		expect(() => rangeToCidrs('10.0.0.1', '2001:db8::1')).toThrow(/mixes IPv4 and IPv6/);
		expect(() => rangeToCidrs('10.1', '10.2')).toThrow(/not an IP address or CIDR: "10.1"/);
		expect(() => toCidr('10.0.0.0/33')).toThrow(/not a CIDR/);
	});
});

describe('mergeNetworks', () => {
	it('merges overlapping and adjacent ranges from different products', () => {
		const productA = rangeToCidrs('192.0.2.0', '192.0.2.255');
		const productB = ['192.0.2.128/25', '192.0.3.0/24', '192.0.3.7'];
		expect(mergeNetworks([...productA, ...productB])).toEqual(['192.0.2.0/23']);
	});

	it('merges the EMIS-style adjacent /22 pair into one /21 and keeps unrelated blocks apart', () => {
		expect(mergeNetworks(['10.207.116.0/22', '10.207.112.0/22', '149.11.42.48/29'])).toEqual([
			'10.207.112.0/21',
			'149.11.42.48/29'
		]);
	});

	it('normalises host bits, writes single addresses as /32, sorts IPv4 before IPv6', () => {
		expect(mergeNetworks(['2001:db8::1', '10.0.0.7/24', '203.0.113.7'])).toEqual([
			'10.0.0.0/24',
			'203.0.113.7/32',
			'2001:db8::1/128'
		]);
		expect(mergeNetworks([])).toEqual([]);
	});

	it('splits by family', () => {
		expect(byVersion(['10.0.0.0/8', '2001:db8::/32'])).toEqual({
			4: ['10.0.0.0/8'],
			6: ['2001:db8::/32']
		});
		expect(ipVersion('2001:db8::/32')).toBe(6);
	});
});

describe('sampleAddress', () => {
	it('skips the network address of a block', () => {
		expect(sampleAddress('34.203.254.0/24')).toBe('34.203.254.1');
		expect(sampleAddress('149.11.42.48/29')).toBe('149.11.42.49');
		expect(sampleAddress('2001:db8::/120')).toBe('2001:db8::1');
	});

	it('uses the address itself for a /32 and the first of a /31', () => {
		expect(sampleAddress('203.0.113.7/32')).toBe('203.0.113.7');
		expect(sampleAddress('203.0.113.8/31')).toBe('203.0.113.8');
		expect(addressCount('10.207.112.0/22')).toBe(1024n);
	});
});
