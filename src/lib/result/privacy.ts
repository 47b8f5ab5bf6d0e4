/**
 * What may leave the browser in a permalink or a file. Free text (probe details, ICE error texts)
 * can carry addresses or credentials that the probe code did not mean to keep; they are scrubbed
 * here as a second line of defence. The public address travels only in its own field, only on
 * opt-in, and only if it is a public unicast address.
 *
 * Addresses are found by a tokenizer (runs of address characters, so punctuation around them —
 * a full stop at the end of a sentence, brackets, a port — does not hide them) and decided by
 * ipaddr.js (every IPv6 spelling: compressed, full, mixed, mapped, with a zone id); what counts as
 * public is decided from ipaddr.js's ranges, not from prefixes written here.
 */
import ipaddr from 'ipaddr.js';

/** mDNS host candidates Chromium uses in place of local addresses. */
const MDNS =
	/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.local\b/g;

/** Four dotted numbers not inside a longer dotted number (a version "1.2.3.4.5" is not one). */
const IPV4_TOKEN = /(?<!\d|\d\.)\d{1,3}(?:\.\d{1,3}){3}(?!\d|\.\d)/g;
/** A run of IPv6 characters holding a colon, and a zone id after it ("%eth0", "%25en0"). */
const IPV6_TOKEN = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[\w~-]+(?:\.[\w~-]+)*)?/g;

/**
 * user:password@ after a scheme, with or without "//" (turn:alice:pw@host, https://a:b@host).
 * Only what sits between the scheme and "@" goes, so the host stays readable.
 */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:(?:\/\/)?)[^\s/@"'<>]+@/gi;
const SECRET_KEYS =
	'username|user|password|passwd|pass|pwd|credentials|credential|access[_-]?token|token|' +
	'secret|api[_-]?key|key|authorization';
/**
 * key=value, key: value and "key": "value" (JSON, either quote), for the keys above; the value
 * may be quoted, or "Bearer …"/"Basic …".
 */
const SECRET_PAIRS = new RegExp(
	`(["']?)\\b(${SECRET_KEYS})\\1(\\s*[:=]\\s*)` +
		`("(?:[^"\\\\]|\\\\.)*"|'(?:[^'\\\\]|\\\\.)*'|(?:bearer|basic)\\s+[^\\s&#,;"']+|[^\\s&#,;"']+)`,
	'gi'
);

const CONTROL_OR_BIDI =
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const REDACTED_ADDRESS = '[address]';

/** Dotted decimal, leading zeros allowed ("192.168.001.009" is an address to many parsers). */
function isIpv4Token(text: string): boolean {
	const parts = text.split('.');
	return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * A quick shape check before ipaddr.js is asked (it answers "no" by throwing, which is slow):
 * at most one "::", at most eight groups of up to four hex digits, a dotted quad only last.
 */
function plausibleIpv6(text: string): boolean {
	if (text.length < 2 || text.length > 45 || text.includes(':::')) return false;
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
	if (groups.length > 8) return false;
	return groups.every(
		(g, i) => /^[0-9a-f]{1,4}$/i.test(g) || (i === groups.length - 1 && /^[\d.]{7,15}$/.test(g))
	);
}

function validIpv6(text: string): boolean {
	return text.includes(':') && plausibleIpv6(text) && ipaddr.IPv6.isValid(text);
}

/** Any IPv6 spelling ipaddr.js reads, with or without a zone id. */
export function isIpv6(token: string): boolean {
	return validIpv6(token.replace(/%[\w.~-]+$/, ''));
}

/** A run of address characters this long is redacted whole rather than taken apart. */
const LONGEST_TOKEN = 128;

/**
 * The IPv6 addresses inside one token, as [start, end) spans: at each place an address may begin
 * (the token's start, unless the token starts inside a word like "candidate:fe80::1", and after
 * each colon), the longest address that ends at the token's end or before a "." or ":" — so
 * punctuation after it ("fe80::1.") and text joined to it ("1::2:fe80::1") do not hide it.
 */
function ipv6Spans(token: string, insideWord: boolean): [number, number][] {
	const zone = token.indexOf('%');
	const body = zone >= 0 ? token.slice(0, zone) : token;
	if (body.length > LONGEST_TOKEN) return [[0, token.length]];
	const ends = [body.length];
	for (let i = body.length - 1; i > 0; i--) if (body[i] === '.' || body[i] === ':') ends.push(i);
	const spans: [number, number][] = [];
	let from = 0;
	for (let start = insideWord ? 1 : 0; start < body.length; start++) {
		if (start < from || (start > 0 && body[start - 1] !== ':')) continue;
		const end = ends.find((e) => e > start && validIpv6(body.slice(start, e)));
		if (end === undefined) continue;
		// A zone id belongs to the address it follows directly.
		spans.push([start, end === body.length ? token.length : end]);
		from = end;
	}
	return spans;
}

interface FoundAddress {
	start: number;
	end: number;
	/** the address without a zone id, as written */
	text: string;
}

/** Every address literal in a text, IPv6 first (so "::ffff:10.0.0.1" is one address). */
function findAddresses(text: string): FoundAddress[] {
	const found: FoundAddress[] = [];
	for (const m of text.matchAll(IPV6_TOKEN)) {
		const insideWord = /\w/.test(text[m.index - 1] ?? '');
		for (const [s, e] of ipv6Spans(m[0], insideWord)) {
			const start = m.index + s;
			const end = m.index + e;
			found.push({ start, end, text: text.slice(start, end).replace(/%.*$/, '') });
		}
	}
	const covered = (i: number) => found.some((f) => i >= f.start && i < f.end);
	for (const m of text.matchAll(IPV4_TOKEN))
		if (isIpv4Token(m[0]) && !covered(m.index))
			found.push({ start: m.index, end: m.index + m[0].length, text: m[0] });
	return found.sort((a, b) => a.start - b.start);
}

function replaceAddresses(text: string, found: readonly FoundAddress[]): string {
	let out = '';
	let at = 0;
	for (const f of found) {
		if (f.start < at) continue;
		out += text.slice(at, f.start) + REDACTED_ADDRESS;
		at = f.end;
	}
	return out + text.slice(at);
}

/** Removes user:password@ and secret-looking values (key=…, key: …, "key": "…"). */
export function redactCredentials(text: string): string {
	let out = text;
	// Removing one "scheme:user@" can join the scheme to the next "…@": again until none is left
	// (each pass removes an "@", so this ends).
	for (let next = out.replace(URL_CREDENTIALS, '$1'); next !== out;) {
		out = next;
		next = out.replace(URL_CREDENTIALS, '$1');
	}
	return out.replace(
		SECRET_PAIRS,
		(_m, quote: string, key: string, separator: string, value: string) => {
			const q = value.startsWith('"') ? '"' : value.startsWith("'") ? "'" : '';
			return `${quote}${key}${quote}${separator}${q}[removed]${q}`;
		}
	);
}

/** Removes every address literal, every mDNS name and every credential from free text. */
export function redactText(text: string): string {
	let out = redactCredentials(text).replace(MDNS, '[local name]');
	// What is left around a removed address is looked at again ("fe80::1::2" holds two).
	for (let pass = 0; pass < 8; pass++) {
		const found = findAddresses(out);
		if (found.length === 0) return out;
		out = replaceAddresses(out, found);
	}
	return out.replace(IPV6_TOKEN, (m) => (m.includes(':') ? REDACTED_ADDRESS : m));
}

/** Whether a text holds an IP address literal of any kind (after redactText it holds none). */
export function holdsAddress(text: string): boolean {
	return findAddresses(text).length > 0;
}

/** Whether a text holds an address that is not public unicast (a local one), or an mDNS name. */
export function holdsLocalAddress(text: string): boolean {
	MDNS.lastIndex = 0;
	return MDNS.test(text) || findAddresses(text).some((f) => !isPublicAddress(f.text));
}

/** Text from a link is shown as text only; this also strips controls and direction overrides. */
export function cleanText(text: string, max: number): string {
	const cleaned = text.replace(CONTROL_OR_BIDI, '').replace(/\s+/g, ' ').trim();
	return cleaned.length > max ? cleaned.slice(0, max - 1) + '…' : cleaned;
}

/**
 * The documentation ranges (RFC 5737 TEST-NET-1/2/3, RFC 3849 2001:db8::/32) stand for public
 * addresses in examples and tests; no network is numbered from them, so they reveal nothing.
 */
const DOCUMENTATION = [
	ipaddr.parseCIDR('192.0.2.0/24'),
	ipaddr.parseCIDR('198.51.100.0/24'),
	ipaddr.parseCIDR('203.0.113.0/24'),
	ipaddr.parseCIDR('2001:db8::/32')
];
/** IPv6 global unicast: everything else (unassigned space included) is not a public address. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');

function isDocumentation(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
	return DOCUMENTATION.some(
		([range, bits]) => range.kind() === address.kind() && address.match(range, bits)
	);
}

function isPublicIpv4(address: ipaddr.IPv4): boolean {
	return address.range() === 'unicast' || isDocumentation(address);
}

/**
 * True only for a public unicast address, written as an address (dotted decimal, or IPv6 in any
 * spelling without a zone id). Private, shared (CGNAT), loopback, link-local, unique-local,
 * site-local, multicast, unspecified, reserved, benchmarking and transition ranges (6to4, Teredo,
 * NAT64) are never "public" and never go into a permalink; an IPv4-mapped address is judged by
 * the IPv4 address inside it.
 */
export function isPublicAddress(text: string): boolean {
	if (typeof text !== 'string' || text.length > 64) return false;
	if (ipaddr.IPv4.isValidFourPartDecimal(text)) return isPublicIpv4(ipaddr.IPv4.parse(text));
	if (!text.includes(':') || text.includes('%') || !ipaddr.IPv6.isValid(text)) return false;
	const address = ipaddr.IPv6.parse(text);
	const range = address.range();
	if (range === 'ipv4Mapped') return isPublicIpv4(address.toIPv4Address());
	if (isDocumentation(address)) return true;
	return range === 'unicast' && address.match(GLOBAL_UNICAST);
}

/**
 * For a host name from a url: a name, or an IP literal that is public. Hosts written as an
 * address in another form ("0x7f000001", "127.1", "[::1]") are judged as the address they are.
 */
export function isShareableHost(host: string): boolean {
	const bare = host.replace(/^\[(.*)\]$/, '$1');
	if (bare.includes(':')) return isPublicAddress(bare);
	// Only digits, dots and hex can spell an IPv4 address; a name is decided without parsing.
	if (!/^[0-9a-fx.]+$/i.test(bare) || !ipaddr.IPv4.isValid(bare)) return true;
	return isPublicAddress(ipaddr.IPv4.parse(bare).toString());
}

export { withoutPublicAddresses } from './public-address';
