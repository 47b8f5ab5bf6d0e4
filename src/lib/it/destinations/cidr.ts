/**
 * Address arithmetic for the exports, done by cidr-tools and ipaddr.js rather than by hand:
 * vendor ranges ("34.203.254.0 - 34.203.254.255") become minimal CIDR blocks, lists from several
 * products are merged, and a test script gets one sample address for a block.
 */
import { excludeCidr, expandCidr, mergeCidr, parseCidr } from 'cidr-tools';
import ipaddr from 'ipaddr.js';

export type IpVersion = 4 | 6;

const EVERYTHING: Record<IpVersion, string> = { 4: '0.0.0.0/0', 6: '::/0' };

/** The address family of an address or CIDR, or a clear error naming the bad value. */
export function ipVersion(value: string): IpVersion {
	const address = value.split('/')[0] ?? '';
	// Only dotted-quad IPv4: ipaddr.js also accepts "10.1" style shorthands no vendor means.
	if (ipaddr.IPv4.isValidFourPartDecimal(address)) return 4;
	if (ipaddr.IPv6.isValid(address)) return 6;
	throw new Error(`not an IP address or CIDR: "${value}"`);
}

/** "1.2.3.4" -> "1.2.3.4/32"; "10.0.0.7/24" -> "10.0.0.0/24" (network address, as nft and most importers want). */
export function toCidr(value: string): string {
	if (value.includes('/')) {
		ipVersion(value);
		if (!ipaddr.isValidCIDR(value)) throw new Error(`not a CIDR: "${value}"`);
		return networkOf(value);
	}
	return withPrefix(ipaddr.parse(value).toString());
}

function networkOf(cidr: string): string {
	const merged = mergeCidr([cidr]);
	if (merged.length !== 1) throw new Error(`unexpected CIDR normalisation of "${cidr}"`);
	return withPrefix(merged[0] as string);
}

/** cidr-tools prints single addresses without a prefix; the exports always show one. */
function withPrefix(network: string): string {
	return network.includes('/') ? network : `${network}/${ipVersion(network) === 4 ? 32 : 128}`;
}

/**
 * An inclusive range as the smallest list of CIDR blocks that covers exactly it.
 * Everything below `from` and everything above `to` are cut out of the whole address space;
 * cidr-tools does the splitting into aligned blocks.
 */
export function rangeToCidrs(from: string, to: string): string[] {
	const version = ipVersion(from);
	if (ipVersion(to) !== version) throw new Error(`range mixes IPv4 and IPv6: "${from} - ${to}"`);
	const start = parseCidr(from).start;
	const end = parseCidr(to).start;
	if (start > end) throw new Error(`range runs backwards: "${from} - ${to}"`);
	const everything = EVERYTHING[version];
	const below = excludeCidr(everything, from).filter((n) => parseCidr(n).end < start);
	const above = excludeCidr(everything, to).filter((n) => parseCidr(n).start > end);
	return excludeCidr(everything, [...below, ...above]).map(withPrefix);
}

/** Merge overlapping and adjacent blocks; IPv4 first, then IPv6, each in address order. */
export function mergeNetworks(networks: readonly string[]): string[] {
	if (networks.length === 0) return [];
	return mergeCidr(networks.map(toCidr)).map(withPrefix);
}

/** Split merged networks by family. */
export function byVersion(networks: readonly string[]): Record<IpVersion, string[]> {
	const out: Record<IpVersion, string[]> = { 4: [], 6: [] };
	for (const n of networks) out[ipVersion(n)].push(n);
	return out;
}

/**
 * One address to test a block with: the first address after the network address when the block
 * has more than two (the network address itself rarely answers), else the first address.
 */
export function sampleAddress(network: string): string {
	const cidr = toCidr(network);
	const { start, end } = parseCidr(cidr);
	const addresses = expandCidr(cidr);
	const first = addresses.next().value as string;
	if (end - start < 2n) return first;
	return addresses.next().value as string;
}

/** How many addresses a block holds (for notes such as "1 of 256 addresses"). */
export function addressCount(network: string): bigint {
	const { start, end } = parseCidr(toCidr(network));
	return end - start + 1n;
}
