/**
 * Host names in the data: which destinations name a host or a wildcard, how a wildcard matches a
 * host, and which concrete host the data itself offers to test a wildcard with.
 */
import type { Destination, ProbeTarget, Product, Requirement } from '$lib/data/schema';

export interface ParsedUrl {
	scheme: string;
	host: string;
	port?: number;
	rest: string;
}

/**
 * Parse "scheme://host[:port]/rest" without the WHATWG parser, which rewrites hosts and would
 * turn "https://*.emis-x.uk" into something the vendor did not write.
 */
export function parseUrl(url: string): ParsedUrl | undefined {
	const m = /^([a-z][a-z0-9+.-]*):\/\/(\[[^\]]+\]|[^/:?#]+)(?::(\d+))?(.*)$/i.exec(url.trim());
	if (!m) return undefined;
	const [, scheme = '', host = '', port, rest = ''] = m;
	return {
		scheme: scheme.toLowerCase(),
		host: host.replace(/^\[|\]$/g, ''),
		...(port ? { port: Number(port) } : {}),
		rest
	};
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, ws: 80, https: 443, wss: 443 };

export function defaultPort(scheme: string): number | undefined {
	return DEFAULT_PORTS[scheme];
}

/** The host a probe target talks to: "stun:h:3478", "turns:h:443?transport=tcp", "wss://h/path". */
export function probeHost(url: string): string | undefined {
	const parsed = parseUrl(url);
	if (parsed) return parsed.host;
	const m = /^(?:stuns?|turns?):(\[[^\]]+\]|[^:?]+)/i.exec(url.trim());
	return m?.[1]?.replace(/^\[|\]$/g, '');
}

export function isWildcard(pattern: string): boolean {
	return pattern.includes('*');
}

/** "*" stands for one or more characters, as in shExpMatch; "*.a.com" does not match "a.com". */
export function wildcardMatches(pattern: string, host: string): boolean {
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('.+');
	return new RegExp(`^${source}$`, 'i').test(host);
}

/** The host name or wildcard a destination names, if it names one (not IPs, sets or networks). */
export function hostPatternOf(d: Destination): string | undefined {
	if (d.kind === 'host' || d.kind === 'wildcard') return d.value.trim();
	if (d.kind === 'url') return parseUrl(d.value)?.host;
	return undefined;
}

/** Probes whose server listens on TCP: HTTPS, WSS, TURN over TCP or TLS. */
function speaksTcp(p: ProbeTarget): boolean {
	return p.kind === 'https' || p.kind === 'wss' || /transport=tcp/i.test(p.url);
}

function probesOf(r: Requirement): ProbeTarget[] {
	if (r.check.kind === 'probe') return r.check.probes;
	if (r.check.kind === 'inferred') return r.check.from;
	return [];
}

/**
 * A host the data gives that falls under `pattern`: from the requirement's own probes first,
 * then from the rest of its product, then from any product. Never a guess: undefined when the
 * data has none.
 */
export function representativeHost(
	pattern: string,
	requirement: Requirement,
	product?: Product,
	allProducts: readonly Product[] = []
): string | undefined {
	const all = [
		...probesOf(requirement),
		...(product?.requirements ?? []).flatMap(probesOf),
		...allProducts.flatMap((p) => p.requirements).flatMap(probesOf)
	];
	// A TCP test needs a host that serves TCP: a STUN-only name may answer nothing on TCP 5349.
	const wantsTcp = requirement.ports.some((p) => p.protocol === 'tcp');
	const candidates = wantsTcp ? [...all.filter(speaksTcp), ...all] : all;
	for (const probe of candidates) {
		const host = probeHost(probe.url);
		if (host && !isWildcard(host) && wildcardMatches(pattern, host)) return host;
	}
	return undefined;
}
