/**
 * Firewall profiles: what the network between the client and the vendors' servers lets through.
 * Each is an nftables rule set for the router namespace (so Chromium's own loopback traffic to the
 * site is never filtered) plus the resolver's behaviour. docs/lab.md explains the choices.
 */
import { ADDR, IFACE, TURN_PORTS } from './plan';

export interface NetworkProfile {
	name: string;
	description: string;
	/** masquerade client traffic: the STUN server then sees the router's address (srflx != host) */
	nat: boolean;
	/** nft statements for forwarded packets coming from the client, in order; empty = all allowed */
	forward: string[];
	/** what happens to DNS queries to the resolver in the router */
	dns: 'answer' | 'drop';
	/** domains (and their sub-domains) the resolver answers NXDOMAIN for */
	nxdomain: string[];
}

const fromClient = `iifname "${IFACE.routerToClient}"`;
const iceServerPorts = `{ ${TURN_PORTS.plain}, ${TURN_PORTS.tls} }`;

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
			'address equals the host address (Chromium then emits no srflx candidate).',
		nat: false,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	'udp-blocked': {
		name: 'udp-blocked',
		description: 'All outbound UDP silently dropped; TCP allowed (typical corporate firewall).',
		nat: true,
		forward: [`${fromClient} meta l4proto udp drop`],
		dns: 'answer',
		nxdomain: []
	},
	'only-tcp-443': {
		name: 'only-tcp-443',
		description: 'Only TCP port 443 leaves (plus DNS to the local resolver); everything else dropped.',
		nat: true,
		forward: [`${fromClient} tcp dport 443 accept`, `${fromClient} drop`],
		dns: 'answer',
		nxdomain: []
	},
	'stun-turn-ports-blocked': {
		name: 'stun-turn-ports-blocked',
		description: `UDP and TCP ${TURN_PORTS.plain} and ${TURN_PORTS.tls} dropped; 443 and the rest open.`,
		nat: true,
		forward: [`${fromClient} meta l4proto { tcp, udp } th dport ${iceServerPorts} drop`],
		dns: 'answer',
		nxdomain: []
	},
	'web-only': {
		name: 'web-only',
		description:
			'Only HTTPS to web servers passes: every packet to the STUN/TURN server is dropped, on any ' +
			'port (an allow list by destination, or deep packet inspection that blocks TURN on 443).',
		nat: true,
		forward: [`${fromClient} ip daddr ${ADDR.turn} drop`, `${fromClient} tcp dport 443 accept`, `${fromClient} drop`],
		dns: 'answer',
		nxdomain: []
	},
	'dns-failure-twilio': {
		name: 'dns-failure-twilio',
		description: "The resolver answers NXDOMAIN for every twilio.com name; the network is otherwise open.",
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
		forward: [
			`${fromClient} meta l4proto tcp reject with tcp reset`,
			`${fromClient} reject with icmpx type port-unreachable`
		],
		dns: 'answer',
		nxdomain: []
	},
	'all-blocked': {
		name: 'all-blocked',
		description:
			'Everything to the outside silently dropped; only the local resolver answers (the usual ' +
			'locked-down site network, whose internal DNS still works).',
		nat: true,
		forward: [`${fromClient} drop`],
		dns: 'answer',
		nxdomain: []
	},
	offline: {
		name: 'offline',
		description: 'Nothing answers at all, not even DNS: every packet leaving the client is dropped.',
		nat: true,
		forward: [`${fromClient} drop`],
		dns: 'drop',
		nxdomain: []
	}
} satisfies Record<string, NetworkProfile>;

export type NetworkProfileName = keyof typeof NETWORK_PROFILES;

export const NETWORK_PROFILE_NAMES = Object.keys(NETWORK_PROFILES) as NetworkProfileName[];

export function networkProfile(name: string): NetworkProfile {
	const profile = (NETWORK_PROFILES as Record<string, NetworkProfile>)[name];
	if (!profile) {
		throw new Error(`lab: unknown network profile "${name}"; known: ${NETWORK_PROFILE_NAMES.join(', ')}`);
	}
	return profile;
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
		...profile.forward.map((rule) => `\t\t${rule}`),
		'\t}',
		'\tchain input {',
		'\t\ttype filter hook input priority filter; policy accept;',
		...(profile.dns === 'drop' ? [`\t\t${fromClient} meta l4proto { tcp, udp } th dport 53 drop`] : []),
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
