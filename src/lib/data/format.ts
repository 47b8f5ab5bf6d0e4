/** Words for the data, shared by the product pages, the check's IT view and the exports. */
import type { Check, Destination, Direction, FlagKind, Level, PortRange } from './schema';
import { parseProbeUrl } from './probe-url';
import type { LightDestination } from './light-catalog';

export const LEVEL_LABELS: Record<Level, string> = {
	mandatory: 'Mandatory',
	'highly-recommended': 'Highly recommended',
	recommended: 'Recommended',
	optional: 'Optional'
};

export const DIRECTION_LABELS: Record<Direction, string> = {
	outbound: 'Outbound',
	inbound: 'Inbound',
	local: 'Local network'
};

export const FLAG_LABELS: Record<FlagKind, string> = {
	incomplete: 'Incomplete in the source',
	ambiguous: 'Ambiguous in the source',
	contradiction: 'Contradiction in the source',
	typo: 'Apparent typo in the source',
	'security-risk': 'Security risk',
	layout: 'Table layout problem in the source',
	interpretation: 'netready’s reading where the source is silent'
};

/** "TCP 80, 443; UDP 3478, 10000–60000" — ranges merged per protocol in source order. */
export function formatPorts(ports: readonly PortRange[]): string {
	if (ports.length === 0) return 'none given';
	const byProtocol = new Map<string, string[]>();
	for (const p of ports) {
		const list = byProtocol.get(p.protocol) ?? [];
		list.push(p.from === p.to ? String(p.from) : `${p.from}–${p.to}`);
		byProtocol.set(p.protocol, list);
	}
	return [...byProtocol]
		.map(([proto, list]) => `${proto.toUpperCase()} ${list.join(', ')}`)
		.join('; ');
}

export function formatDestination(d: Destination | LightDestination): string {
	switch (d.kind) {
		case 'ip-range':
			return `${d.from} – ${d.to}`;
		case 'address-set':
			return `address set ${d.ref}`;
		default:
			return d.value;
	}
}

/** How a requirement is checked, in one short phrase for the product pages. */
export function describeCheck(check: Check): string {
	switch (check.kind) {
		case 'probe': {
			const kinds = [...new Set(check.probes.map((p) => PROBE_KIND_LABELS[p.kind]))];
			return `Tested in the browser: ${kinds.join(', ')}`;
		}
		case 'inferred':
			return 'Inferred from other tests';
		case 'manual':
			return 'Not testable in a browser: IT checks it by hand';
	}
}

export const PROBE_KIND_LABELS = {
	stun: 'STUN over UDP',
	turn: 'TURN relay',
	https: 'HTTPS request',
	wss: 'WebSocket'
} as const;

/** "TURN over TCP 443 to global.turn.twilio.com" from a probe url. Unparseable urls come back as they are. */
export function describeProbeUrl(url: string): string {
	const p = parseProbeUrl(url);
	if (!p) return url;
	if (p.scheme === 'stun') return `STUN over UDP ${p.port} to ${p.host}`;
	if (p.ice) return `TURN over ${p.via.toUpperCase()} ${p.port} to ${p.host}`;
	return `${p.scheme === 'wss' ? 'WebSocket' : 'HTTPS'} to ${p.host}${p.port === 443 ? '' : `:${p.port}`}`;
}

/**
 * A vendor's name for a rule as a title: "support functionality" → "Support functionality". The
 * data keeps the document's words; a first word with capitals of its own ("eMIS") stays.
 */
export function serviceTitle(service: string): string {
	const first = service.split(/\s/, 1)[0] ?? '';
	return /^[a-z]/.test(first) && first === first.toLowerCase()
		? service.charAt(0).toUpperCase() + service.slice(1)
		: service;
}
