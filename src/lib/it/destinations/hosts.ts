/**
 * Host names in the data: which destinations name a host or a wildcard, and which concrete host
 * (and which of its TCP ports) the data's own probes offer to test a wildcard with. Wildcards are
 * matched by the one matcher, $lib/data/wildcard.
 */
import { parseProbeUrl } from '$lib/data/probe-url';
import type { Destination, ProbeTarget, Product, Requirement } from '$lib/data/schema';
import { isWildcard, wildcardMatches } from '$lib/data/wildcard';

export { isWildcard, wildcardMatches };

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
	return parseProbeUrl(url)?.host;
}

/** The host name or wildcard a destination names, if it names one (not IPs, sets or networks). */
export function hostPatternOf(d: Destination): string | undefined {
	if (d.kind === 'host' || d.kind === 'wildcard') return d.value.trim();
	if (d.kind === 'url') return parseUrl(d.value)?.host;
	return undefined;
}

function probesOf(r: Requirement): ProbeTarget[] {
	if (r.check.kind === 'probe') return r.check.probes;
	if (r.check.kind === 'inferred') return r.check.from;
	return [];
}

/** The TCP port a probe's server answers on (HTTPS, WSS, TURN over TCP or TLS), if it speaks TCP. */
export function probeTcpPort(p: ProbeTarget): number | undefined {
	const parsed = parseProbeUrl(p.url);
	return parsed && parsed.transport === 'tcp' ? parsed.port : undefined;
}

export interface Representative {
	host: string;
	/** the TCP ports the data's probes show this host answering on; a hand test may use only these */
	tcpPorts: number[];
}

/**
 * A host the data gives that falls under `pattern`: from the requirement's own probes first,
 * then from the rest of its product, then from any product; for a TCP rule, the first such host
 * that answers one of the rule's TCP ports. Never a guess: undefined when the data has none.
 */
export function representativeHost(
	pattern: string,
	requirement: Requirement,
	product?: Product,
	allProducts: readonly Product[] = []
): Representative | undefined {
	const all = [
		...probesOf(requirement),
		...(product?.requirements ?? []).flatMap(probesOf),
		...allProducts.flatMap((p) => p.requirements).flatMap(probesOf)
	];
	const hosts: Representative[] = [];
	for (const probe of all) {
		const host = parseProbeUrl(probe.url)?.host;
		if (!host || isWildcard(host) || !wildcardMatches(pattern, host)) continue;
		let entry = hosts.find((h) => h.host === host);
		if (!entry) hosts.push((entry = { host, tcpPorts: [] }));
		const port = probeTcpPort(probe);
		if (port !== undefined && !entry.tcpPorts.includes(port)) entry.tcpPorts.push(port);
	}
	const tcp = requirement.ports.filter((p) => p.protocol === 'tcp');
	const serves = (h: Representative) =>
		h.tcpPorts.some((port) => tcp.some((s) => s.from <= port && port <= s.to));
	return (tcp.length ? hosts.find(serves) : undefined) ?? hosts[0];
}
