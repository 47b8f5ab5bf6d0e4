/**
 * What may leave the browser in a permalink. Free text (probe details, ICE error texts) can carry
 * addresses or credentials that the probe code did not mean to keep; they are scrubbed here as a
 * second line of defence. The public address travels only in its own field, and only on opt-in.
 */
import type { CheckResult } from './result';

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])/g;
/** Tokens that could be an IPv6 literal (validated by isIpv6 before redacting). */
const IPV6_CANDIDATE = /(?<![\w:.])[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(?:%[\w.-]+)?(?![\w:])/g;
/** mDNS host candidates Chromium uses in place of local addresses. */
const MDNS =
	/\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\.local\b/g;
/** user:password@ in a URL. */
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/@]*@/gi;
/** ?username=...&credential=... style secrets. */
const SECRET_PARAMS =
	/\b(username|user|password|pass|credential|credentials|token|secret|key)=[^\s&#]*/gi;

const CONTROL_OR_BIDI =
	// eslint-disable-next-line no-control-regex -- removing control characters is the point
	/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function isIpv4(text: string): boolean {
	const parts = text.split('.');
	return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255);
}

export function isIpv6(token: string): boolean {
	const text = token.replace(/%[\w.-]+$/, '');
	if (!text.includes(':') || text.length < 2) return false;
	const halves = text.split('::');
	if (halves.length > 2) return false;
	const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
	let count = 0;
	for (const [i, g] of groups.entries()) {
		if (i === groups.length - 1 && g.includes('.')) {
			if (!isIpv4(g)) return false;
			count += 2;
		} else if (/^[0-9a-fA-F]{1,4}$/.test(g)) {
			count += 1;
		} else {
			return false;
		}
	}
	return halves.length === 2 ? count <= 7 : count === 8;
}

/** Removes user:password@ and secret-looking query parameters. */
export function redactCredentials(text: string): string {
	return text.replace(URL_CREDENTIALS, '$1').replace(SECRET_PARAMS, '$1=[removed]');
}

/** Removes addresses, mDNS names and credentials from free text. */
export function redactText(text: string): string {
	return redactCredentials(text)
		.replace(MDNS, '[local name]')
		.replace(IPV4, (m) => (isIpv4(m) ? '[address]' : m))
		.replace(IPV6_CANDIDATE, (m) => (isIpv6(m) ? '[address]' : m));
}

/** Text from a link is shown as text only; this also strips controls and direction overrides. */
export function cleanText(text: string, max: number): string {
	const cleaned = text.replace(CONTROL_OR_BIDI, '').replace(/\s+/g, ' ').trim();
	return cleaned.length > max ? cleaned.slice(0, max - 1) + '…' : cleaned;
}

function ipv4Private(text: string): boolean {
	const [a = 0, b = 0] = text.split('.').map(Number);
	return (
		a === 0 ||
		a === 10 ||
		a === 127 ||
		(a === 100 && b >= 64 && b <= 127) ||
		(a === 169 && b === 254) ||
		(a === 172 && b >= 16 && b <= 31) ||
		(a === 192 && b === 168) ||
		a >= 224
	);
}

/**
 * True only for a public unicast address: a local, link-local, shared (CGNAT), loopback or
 * multicast address is never a "public address" and never goes into a permalink.
 */
export function isPublicAddress(text: string): boolean {
	if (isIpv4(text)) return !ipv4Private(text);
	if (!isIpv6(text) || text.includes('%')) return false;
	const lower = text.toLowerCase();
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
	if (mapped) return !ipv4Private(mapped[1]!);
	if (lower === '::' || lower === '::1') return false;
	const first = parseInt(lower.split(':')[0] || '0', 16);
	// fe80::/10 link-local, fc00::/7 unique-local, ff00::/8 multicast, ::/8 reserved.
	if ((first & 0xffc0) === 0xfe80 || (first & 0xfe00) === 0xfc00 || (first & 0xff00) === 0xff00)
		return false;
	return lower.split(':')[0] !== '';
}

/** A copy without the public (server-reflexive) addresses: the default for downloads, links and history. */
export function withoutPublicAddresses(result: CheckResult): CheckResult {
	return {
		...result,
		probes: result.probes.map((p) => {
			if (p.evidence.publicAddress === undefined) return p;
			const { publicAddress: _drop, ...evidence } = p.evidence;
			void _drop;
			return { ...p, evidence };
		})
	};
}
