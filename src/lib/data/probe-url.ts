/**
 * THE grammar of probe targets: stun:host:port, turn:host:port?transport=udp|tcp,
 * turns:host:port?transport=tcp (RFC 7064/7065), https://host/… and wss://host/…. Every reader of a
 * probe url — the data validator, the ICE adapter, the verdict, the permalink codec, the words —
 * parses it here.
 *
 * `parseProbeUrl` reads leniently (a default port, any case), as results from history or a link may
 * hold urls written before the data insisted on one spelling; `canonicalProbeUrl` gives the one
 * spelling the data uses, so equal probes have equal urls.
 */

export type ProbeScheme = 'stun' | 'turn' | 'turns' | 'https' | 'wss';
/** Which probe runs a url: THE list of probe kinds (data targets, results and links use it). */
export const PROBE_KINDS = ['stun', 'turn', 'https', 'wss'] as const;
export type ProbeUrlKind = (typeof PROBE_KINDS)[number];

export interface ProbeUrl {
	scheme: ProbeScheme;
	kind: ProbeUrlKind;
	/** lower case; IPv6 literals keep their brackets */
	host: string;
	port: number;
	/** the transport the browser opens */
	transport: 'udp' | 'tcp';
	/** how the server is reached: UDP, plain TCP or TLS over TCP */
	via: 'udp' | 'tcp' | 'tls';
	/** true for STUN and TURN (a WebRTC probe) */
	ice: boolean;
	/** for https/wss: the path and query after the host */
	path?: string;
}

const ICE =
	/^(stuns?|turns?):(\[[0-9a-f:.]+\]|[^:?/[\]\s]+)(?::(\d{1,5}))?(?:\?transport=(udp|tcp))?$/i;

export function parseProbeUrl(text: string): ProbeUrl | undefined {
	if (typeof text !== 'string' || text.length > 2048) return undefined;
	const ice = ICE.exec(text.trim());
	if (ice) {
		const scheme = ice[1]!.toLowerCase();
		if (scheme === 'stuns') return undefined;
		const secure = scheme === 'turns';
		const transport =
			(ice[4]?.toLowerCase() as 'udp' | 'tcp' | undefined) ?? (secure ? 'tcp' : 'udp');
		if (secure && transport === 'udp') return undefined;
		if (scheme === 'stun' && ice[4]) return undefined;
		const port = ice[3] ? Number(ice[3]) : secure ? 5349 : 3478;
		if (port < 1 || port > 65535) return undefined;
		return {
			scheme: scheme as ProbeScheme,
			kind: scheme === 'stun' ? 'stun' : 'turn',
			host: ice[2]!.toLowerCase(),
			port,
			transport,
			via: secure ? 'tls' : transport,
			ice: true
		};
	}
	if (!/^(?:https|wss):\/\//i.test(text)) return undefined;
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return undefined;
	}
	const scheme = url.protocol.slice(0, -1) as 'https' | 'wss';
	if (!url.hostname || url.username || url.password) return undefined;
	return {
		scheme,
		kind: scheme,
		host: url.hostname,
		port: url.port ? Number(url.port) : 443,
		transport: 'tcp',
		via: 'tls',
		ice: false,
		path: url.pathname + url.search
	};
}

/** A STUN or TURN url as the ICE probes use it. */
export type IceUrl = ProbeUrl & { scheme: 'stun' | 'turn' | 'turns'; kind: 'stun' | 'turn' };

/** stun:/turn:/turns: urls only; anything else (https, wss, garbage) is undefined. */
export function parseIceUrl(text: string): IceUrl | undefined {
	const p = parseProbeUrl(text);
	return p?.ice ? (p as IceUrl) : undefined;
}

/** True for stun:/turn:/turns: urls that parse. */
export function isIceUrl(text: string): boolean {
	return parseIceUrl(text) !== undefined;
}

/** The one spelling the data uses: explicit port, lower-case scheme and host, one transport. */
export function canonicalProbeUrl(p: ProbeUrl): string {
	switch (p.scheme) {
		case 'stun':
			return `stun:${p.host}:${p.port}`;
		case 'turn':
		case 'turns':
			return `${p.scheme}:${p.host}:${p.port}?transport=${p.transport}`;
		default:
			return new URL(`${p.scheme}://${p.host}${p.port === 443 ? '' : `:${p.port}`}${p.path ?? '/'}`)
				.href;
	}
}
