/**
 * Checks of single values in the data: IP addresses, CIDR blocks and ranges (ipaddr.js), host
 * names and wildcards (the WHATWG URL parser plus DNS limits), URLs and probe urls (the one
 * grammar in probe-url.ts, insisting on its canonical spelling). Each returns the problem as a
 * sentence, or undefined; validate.ts applies them to whole files.
 */
import ipaddr from 'ipaddr.js';
import type { ProbeTarget } from './schema';
import { canonicalProbeUrl, parseProbeUrl, type ProbeScheme, type ProbeUrl } from './probe-url';

// ---------------------------------------------------------------- addresses

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Strict parse: dotted-quad IPv4 only (no "10.1" or octal forms), or IPv6. */
export function parseIp(text: string): Address | undefined {
	if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
	if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
	return undefined;
}

/** Compares two addresses of one family; negative when a comes first. */
function compareAddresses(a: Address, b: Address): number {
	const x = a.toByteArray();
	const y = b.toByteArray();
	for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
	return 0;
}

export function ipProblem(text: string): string | undefined {
	return parseIp(text) ? undefined : `"${text}" is not an IP address`;
}

export function cidrProblem(text: string): string | undefined {
	const parts = text.split('/');
	if (parts.length !== 2) return `"${text}" is not a CIDR block (address/prefix)`;
	const [addressText = '', prefixText = ''] = parts;
	const address = parseIp(addressText);
	if (!address) return `"${text}" is not a CIDR block: "${addressText}" is not an IP address`;
	const max = address.kind() === 'ipv4' ? 32 : 128;
	const prefix = Number(prefixText);
	if (!/^\d{1,3}$/.test(prefixText) || prefix > max)
		return `"${text}" is not a CIDR block: the prefix must be 0-${max}`;
	const network =
		address.kind() === 'ipv4'
			? ipaddr.IPv4.networkAddressFromCIDR(text)
			: ipaddr.IPv6.networkAddressFromCIDR(text);
	if (compareAddresses(network, address) !== 0)
		return `"${text}" has host bits set: the network address of a /${prefix} is ${network.toString()}`;
	return undefined;
}

export function ipRangeProblem(from: string, to: string): string | undefined {
	const a = parseIp(from);
	const b = parseIp(to);
	if (!a) return `range start "${from}" is not an IP address`;
	if (!b) return `range end "${to}" is not an IP address`;
	if (a.kind() !== b.kind()) return `range "${from} - ${to}" mixes IPv4 and IPv6`;
	if (compareAddresses(a, b) > 0) return `range "${from} - ${to}" runs backwards`;
	return undefined;
}

// ---------------------------------------------------------------- host names

/** A DNS label as host names carry it: letters, digits, hyphens (and underscores, seen in SRV-style names). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/**
 * Why `host` is not a plain host name, or undefined. The WHATWG URL parser decides what a browser
 * would read (lower case, IDNA, no stray characters); DNS limits are checked on top.
 */
export function hostNameProblem(host: string): string | undefined {
	if (host.length === 0) return 'the host name is empty';
	if (host.length > 253) return `host name "${host}" is longer than 253 characters`;
	if (parseIp(host)) return `"${host}" is an IP address, not a host name`;
	let parsed: string;
	try {
		parsed = new URL(`https://${host}`).hostname;
	} catch {
		return `"${host}" is not a valid host name`;
	}
	if (parsed !== host)
		return `"${host}" is not a host name as written (a browser reads it as "${parsed}")`;
	const labels = host.split('.');
	if (labels.length < 2) return `"${host}" has no domain part`;
	for (const label of labels) {
		if (label.length === 0) return `"${host}" has an empty label`;
		if (label.length > 63) return `"${host}" has a label longer than 63 characters`;
		if (!LABEL.test(label)) return `"${host}" has an invalid label "${label}"`;
	}
	return undefined;
}

/** A wildcard is "*" then a host name ("*.amwell.com"), or "*" glued to one ("*turn.whereby.com"). */
export function wildcardProblem(pattern: string): string | undefined {
	if (!pattern.startsWith('*')) return `wildcard "${pattern}" does not start with "*"`;
	const rest = pattern.startsWith('*.') ? pattern.slice(2) : pattern.slice(1);
	if (rest.includes('*')) return `wildcard "${pattern}" may have only one "*", at the start`;
	const problem = hostNameProblem(rest);
	return problem ? `wildcard "${pattern}": after the "*", ${problem}` : undefined;
}

const URL_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];

export function urlProblem(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return `"${text}" does not parse as a URL`;
	}
	if (!URL_SCHEMES.includes(url.protocol))
		return `URL "${text}" has scheme ${url.protocol} (expected http, https, ws or wss)`;
	if (url.username || url.password) return `URL "${text}" must not carry credentials`;
	const host = url.hostname;
	const problem = host.startsWith('*') ? wildcardProblem(host) : hostNameProblem(host);
	return problem ? `URL "${text}": ${problem}` : undefined;
}

// ---------------------------------------------------------------- probe urls

export const PROBE_SCHEME_FOR_KIND: Record<ProbeTarget['kind'], readonly ProbeScheme[]> = {
	stun: ['stun'],
	turn: ['turn', 'turns'],
	https: ['https'],
	wss: ['wss']
};

/**
 * A data probe url read with the one grammar (probe-url.ts), insisting on its canonical spelling
 * (explicit port, exactly one transport) so equal probes have equal urls. A string is the problem.
 */
export function strictProbeUrl(text: string): ProbeUrl | string {
	const scheme = /^([a-z]+):/i.exec(text)?.[1]?.toLowerCase() ?? '';
	if (scheme === 'stun' || scheme === 'turn' || scheme === 'turns') {
		const [hostPort = '', query] = text.slice(scheme.length + 1).split('?', 2);
		const colon = hostPort.lastIndexOf(':');
		if (colon < 0 || hostPort.endsWith(']'))
			return `probe url "${text}" needs an explicit port (${scheme}:host:port)`;
		const portText = hostPort.slice(colon + 1);
		if (!/^[1-9]\d{0,4}$/.test(portText) || Number(portText) > 65535)
			return `probe url "${text}" has an invalid port "${portText}"`;
		if (scheme === 'stun' && query !== undefined)
			return `probe url "${text}": a stun url takes no parameters`;
		if (scheme !== 'stun' && query !== 'transport=udp' && query !== 'transport=tcp')
			return `probe url "${text}" must end in ?transport=udp or ?transport=tcp (one probe per transport)`;
		if (scheme === 'turns' && query !== 'transport=tcp')
			return `probe url "${text}": turns (TURN over TLS) runs over TCP only`;
	} else if (scheme !== 'https' && scheme !== 'wss') {
		return `probe url "${text}" has scheme ${scheme}: (expected stun, turn, turns, https or wss)`;
	} else if (/^[a-z]+:\/\/[^/]*@/i.test(text)) {
		return `probe url "${text}" must not carry credentials`;
	}
	const parsed = parseProbeUrl(text);
	if (!parsed) return `probe url "${text}" does not parse`;
	const canonical = canonicalProbeUrl(parsed);
	if (canonical !== text)
		return `probe url "${text}" is not written the canonical way ("${canonical}")`;
	const problem = hostNameProblem(parsed.host);
	if (problem) return `probe url "${text}": ${problem}`;
	return parsed;
}
