/**
 * Firewall profiles: what the network between the client and the vendors' servers lets through.
 * Each is an nftables rule set for the router namespace (so Chromium's own loopback traffic to the
 * site is never filtered) plus the resolver's behaviour. docs/lab.md explains the choices.
 */
import ipaddr from 'ipaddr.js';
import { ADDR, ICE_HOSTS, IFACE, TURN_PORTS } from './plan';

const fromClient = `iifname "${IFACE.routerToClient}"`;

/**
 * One firewall rule for packets from the client, as data: the nftables text and the lab's
 * prediction of what a probe meets (expected-outcomes.ts) are both generated from it.
 */
export interface FirewallRule {
	/** omitted = TCP and UDP */
	proto?: 'tcp' | 'udp';
	/** destination ports; omitted = any */
	dports?: number[];
	/** destination addresses or CIDR ranges; omitted = any */
	daddrs?: string[];
	/** reject = TCP reset for TCP, ICMP port unreachable for UDP */
	action: 'accept' | 'drop' | 'reject';
}

export interface NetworkProfile {
	name: string;
	description: string;
	/** masquerade client traffic: the STUN server then sees the router's address (srflx != host) */
	nat: boolean;
	/** first match decides; packets no rule matches pass */
	forward: FirewallRule[];
	/** what happens to DNS queries to the resolver in the router */
	dns: 'answer' | 'drop';
	/** domains (and their sub-domains) the resolver answers NXDOMAIN for */
	nxdomain: string[];
}

export const NETWORK_PROFILES = {
	open: {
		name: 'open',
		description: 'Home broadband: everything allowed, behind NAT.',
		nat: true,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	'no-nat': {
		name: 'no-nat',
		description:
			'Everything allowed and no NAT: the client has a routable address, so the server-reflexive ' +
			'address equals the host address.',
		nat: false,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	'udp-blocked': {
		name: 'udp-blocked',
		description: 'All outbound UDP silently dropped; TCP allowed (typical corporate firewall).',
		nat: true,
		forward: [{ proto: 'udp', action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'only-tcp-443': {
		name: 'only-tcp-443',
		description:
			'Only TCP port 443 leaves (plus DNS to the local resolver); everything else dropped.',
		nat: true,
		forward: [{ proto: 'tcp', dports: [443], action: 'accept' }, { action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'stun-turn-ports-blocked': {
		name: 'stun-turn-ports-blocked',
		description: `UDP and TCP ${TURN_PORTS.plain} and ${TURN_PORTS.tls} dropped; 443 and the rest open.`,
		nat: true,
		forward: [{ dports: [TURN_PORTS.plain, TURN_PORTS.tls], action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'web-only': {
		name: 'web-only',
		description:
			'Only HTTPS to web servers passes: every packet to the STUN/TURN server is dropped, on any ' +
			'port (an allow list by destination, or deep packet inspection that blocks TURN on 443).',
		nat: true,
		forward: [
			{ daddrs: [ADDR.turn, `${ICE_HOSTS.network}/${ICE_HOSTS.prefix}`], action: 'drop' },
			{ proto: 'tcp', dports: [443], action: 'accept' },
			{ action: 'drop' }
		],
		dns: 'answer',
		nxdomain: []
	},
	'dns-failure-twilio': {
		name: 'dns-failure-twilio',
		description:
			'The resolver answers NXDOMAIN for every twilio.com name; the network is otherwise open.',
		nat: true,
		forward: [],
		dns: 'answer',
		nxdomain: ['twilio.com']
	},
	'all-rejected': {
		name: 'all-rejected',
		description:
			'Everything refused at once: TCP answered with a reset, UDP with ICMP port unreachable ' +
			'(a firewall that rejects instead of dropping; exercises fast failure).',
		nat: true,
		forward: [{ action: 'reject' }],
		dns: 'answer',
		nxdomain: []
	},
	'all-blocked': {
		name: 'all-blocked',
		description:
			'Everything to the outside silently dropped; only the local resolver answers (the usual ' +
			'locked-down site network, whose internal DNS still works).',
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	offline: {
		name: 'offline',
		description:
			'Nothing answers at all, not even DNS: every packet leaving the client is dropped.',
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'drop',
		nxdomain: []
	}
} satisfies Record<string, NetworkProfile>;

export type NetworkProfileName = keyof typeof NETWORK_PROFILES;

export const NETWORK_PROFILE_NAMES = Object.keys(NETWORK_PROFILES) as NetworkProfileName[];

export function networkProfile(name: string): NetworkProfile {
	const profile = (NETWORK_PROFILES as Record<string, NetworkProfile>)[name];
	if (!profile) {
		throw new Error(
			`lab: unknown network profile "${name}"; known: ${NETWORK_PROFILE_NAMES.join(', ')}`
		);
	}
	return profile;
}

/** nft statements for one rule (a reject of both protocols needs two: TCP reset, then ICMP). */
export function nftStatements(rule: FirewallRule): string[] {
	const address = rule.daddrs ? ` ip daddr { ${rule.daddrs.join(', ')} }` : '';
	const ports = rule.dports ? ` dport { ${rule.dports.join(', ')} }` : '';
	const match = (proto: 'tcp' | 'udp' | undefined) => {
		if (proto)
			return `${fromClient}${address} ${ports ? `${proto}${ports}` : `meta l4proto ${proto}`}`;
		return `${fromClient}${address}${ports ? ` meta l4proto { tcp, udp } th${ports}` : ''}`;
	};
	if (rule.action !== 'reject') return [`${match(rule.proto)} ${rule.action}`];
	const tcp = `${match('tcp')} reject with tcp reset`;
	const udp = `${match('udp')} reject with icmpx type port-unreachable`;
	if (rule.proto === 'tcp') return [tcp];
	if (rule.proto === 'udp') return [udp];
	return [tcp, udp];
}

function inRange(address: string, range: string): boolean {
	const parsed = ipaddr.parse(address);
	if (!range.includes('/')) return parsed.toString() === ipaddr.parse(range).toString();
	const [network, bits] = ipaddr.parseCIDR(range);
	return parsed.kind() === network.kind() && parsed.match([network, bits]);
}

/** What the router does with a packet from the client: the first matching rule, else accept. */
export function packetFate(
	profile: NetworkProfile,
	packet: { proto: 'tcp' | 'udp'; dport: number; daddr: string }
): FirewallRule['action'] {
	for (const rule of profile.forward) {
		if (rule.proto && rule.proto !== packet.proto) continue;
		if (rule.dports && !rule.dports.includes(packet.dport)) continue;
		if (rule.daddrs && !rule.daddrs.some((range) => inRange(packet.daddr, range))) continue;
		return rule.action;
	}
	return 'accept';
}

/** The complete nftables rule set for the router namespace; replaces whatever was there. */
export function routerRuleset(profile: NetworkProfile): string {
	const lines = [
		'flush ruleset',
		'table inet nr_filter {',
		'\tchain forward {',
		'\t\ttype filter hook forward priority filter; policy accept;',
		// Replies to what the profile let out must come back; filtering applies to new flows only.
		'\t\tct state established,related accept',
		...profile.forward.flatMap(nftStatements).map((statement) => `\t\t${statement}`),
		'\t}',
		'\tchain input {',
		'\t\ttype filter hook input priority filter; policy accept;',
		...(profile.dns === 'drop'
			? [`\t\t${fromClient} meta l4proto { tcp, udp } th dport 53 drop`]
			: []),
		'\t}',
		'}'
	];
	if (profile.nat) {
		lines.push(
			'table ip nr_nat {',
			'\tchain postrouting {',
			'\t\ttype nat hook postrouting priority srcnat; policy accept;',
			`\t\toifname "${IFACE.routerToServer}" masquerade`,
			'\t}',
			'}'
		);
	}
	return lines.join('\n') + '\n';
}
