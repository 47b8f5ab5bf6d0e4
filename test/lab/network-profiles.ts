/**
 * Firewall profiles: what the network between the client and the vendors' servers lets through.
 * Each is an nftables rule set for the router namespace (so Chromium's own loopback traffic to the
 * site is never filtered) plus the resolver's behaviour. docs/lab.md explains the choices.
 */
import ipaddr from 'ipaddr.js';
import {
	ADDR,
	ICE_HOSTS,
	IFACE,
	ROUTER_PORTS,
	TURN_PORTS,
	UNREACHABLE_RESOLVER,
	WEB_HOSTS
} from './plan';

const fromClient = `iifname "${IFACE.routerToClient}"`;
/** the client's own firewall (output chain of the client namespace) sees packets leaving eth0 */
const toNetwork = `oifname "${IFACE.clientEth}"`;

/**
 * What the network does, as the diagnosis module (issue 11) names it. Each profile lists the causes
 * a correct diagnosis must state; these ids are the module's vocabulary.
 */
export const CAUSE_IDS = [
	/** no internet at all, or no working DNS */
	'offline',
	/** one vendor's (or one domain family's) names do not resolve while others do */
	'dns-filtered',
	/** all UDP silent or failing while TCP answers */
	'udp-blocked',
	/** only TCP 443 leaves */
	'only-tcp-443',
	/** the STUN/TURN ports 3478 and 5349 are blocked */
	'stun-turn-ports-blocked',
	/** HTTPS/WSS cut while other TCP works: TLS inspection or a web filter */
	'tls-intercepted',
	/** WebSocket refused while HTTPS to the same vendor works */
	'websocket-blocked',
	/** an explicit web proxy */
	'proxy',
	/** a slow link: time-outs on it mean "too slow to answer", not "blocked" */
	'slow-link',
	/** the computer's own firewall: errors too fast to have left the machine */
	'local-firewall'
] as const;
export type CauseId = (typeof CAUSE_IDS)[number];

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

/** The computer itself: its link, routes, resolver and own firewall (the client namespace). */
export interface ClientSetup {
	/** "down": the network interface is down, as with Wi-Fi switched off (default up) */
	link?: 'up' | 'down';
	/** false: no default route, nothing is routed beyond the local link (default true) */
	defaultRoute?: boolean;
	/** the resolver the computer asks (default the router's dnsmasq) */
	resolver?: string;
	/** the computer's own firewall: rules for packets it sends out of its interface, first match */
	output?: FirewallRule[];
}

/** An explicit HTTP proxy (squid) on the router; the browsers are started with it configured. */
export interface ProxySetup {
	/** the only ports CONNECT may reach; squid answers 403 for any other */
	connectPorts: number[];
}

export interface NetworkProfile {
	name: string;
	description: string;
	/**
	 * The causes a correct diagnosis names for this network (issue 11); [] when none of them applies.
	 * Not asserted yet: the diagnosis module does not exist. Broader facts a cause implies are in
	 * `impliedCauses`.
	 */
	expectedCauses: CauseId[];
	/** facts that also hold but follow from `expectedCauses` (only TCP 443 implies UDP blocked) */
	impliedCauses?: CauseId[];
	/** what the diagnosis should know about this network that no cause id says */
	causeNote?: string;
	/** the computer's own state; default: link up, default route, the router's resolver, no firewall */
	client?: ClientSetup;
	/**
	 * One-way delay in ms added on the router to every flow the profile lets through, DNS included
	 * (test/lab/servers/delay-relay.mjs): the round trip grows by twice this.
	 */
	delayMs?: number;
	/**
	 * A TLS-inspecting box on the router for TCP 443 to the web servers (the TURN servers' addresses
	 * are not intercepted): "untrusted-certificate" presents its own certificate, from a CA the
	 * browser does not trust; "refuse-websocket" presents a trusted one, passes HTTPS and answers
	 * every WebSocket upgrade with 403 (test/lab/servers/tls-middlebox.mjs).
	 */
	middlebox?: 'untrusted-certificate' | 'refuse-websocket';
	/** an explicit HTTP proxy; the profile's forward rules then apply to what bypasses it */
	proxy?: ProxySetup;
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
		expectedCauses: [],
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
		expectedCauses: [],
		nat: false,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	'udp-blocked': {
		name: 'udp-blocked',
		description: 'All outbound UDP silently dropped; TCP allowed (typical corporate firewall).',
		expectedCauses: ['udp-blocked'],
		nat: true,
		forward: [{ proto: 'udp', action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'only-tcp-443': {
		name: 'only-tcp-443',
		description:
			'Only TCP port 443 leaves (plus DNS to the local resolver); everything else dropped.',
		expectedCauses: ['only-tcp-443'],
		impliedCauses: ['udp-blocked', 'stun-turn-ports-blocked'],
		nat: true,
		forward: [{ proto: 'tcp', dports: [443], action: 'accept' }, { action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'stun-turn-ports-blocked': {
		name: 'stun-turn-ports-blocked',
		description: `UDP and TCP ${TURN_PORTS.plain} and ${TURN_PORTS.tls} dropped; 443 and the rest open.`,
		expectedCauses: ['stun-turn-ports-blocked'],
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
		expectedCauses: ['only-tcp-443'],
		impliedCauses: ['udp-blocked', 'stun-turn-ports-blocked'],
		causeNote:
			'TCP 443 leaves only to the web servers: the TURN servers are silent on 443 too (blocked by ' +
			'destination), which no cause id names.',
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
		expectedCauses: ['dns-filtered'],
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
		expectedCauses: [],
		causeNote:
			'Everything refused, DNS answers: not offline (the resolver works) and no single cause; in the lab ' +
			'a reset from the router comes back within a millisecond, as fast as a local firewall error, so ' +
			'speed alone must not make it local-firewall. UDP with ICMP port unreachable looks silent.',
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
		expectedCauses: [],
		causeNote:
			'Everything dropped but DNS answers: not offline (the resolver works), no single cause; the ' +
			'usual locked-down network where IT must open rules.',
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	offline: {
		name: 'offline',
		description:
			'Nothing answers at all, not even DNS: every packet leaving the client is dropped.',
		expectedCauses: ['offline'],
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'drop',
		nxdomain: []
	}
} satisfies Record<string, NetworkProfile>;

/**
 * Profiles that need more of the lab than the router's firewall and resolver: the computer's own
 * state, a delay relay, a TLS middlebox, a proxy (issue 11: one profile per cause). The raw smoke
 * tests (ice-smoke, firefox-smoke) cover NETWORK_PROFILES; these run in the profile and engine
 * tests and in causes-smoke.e2e.ts.
 */
export const CAUSE_PROFILES = {
	'no-internet': {
		name: 'no-internet',
		description:
			'No way out: the computer keeps its link and address but has no default route, and its ' +
			'resolver is on no reachable network, so every lookup and connection fails at once.',
		expectedCauses: ['offline'],
		client: { defaultRoute: false, resolver: UNREACHABLE_RESOLVER },
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'no-link': {
		name: 'no-link',
		description:
			'The network interface is down (Wi-Fi switched off, cable out): only loopback works.',
		expectedCauses: ['offline'],
		client: { link: 'down' },
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'slow-link': {
		name: 'slow-link',
		description:
			'Everything open, but every packet takes 300 ms each way (600 ms round trip, DNS included): ' +
			'a geostationary satellite, a congested VPN or mobile link.',
		expectedCauses: ['slow-link'],
		delayMs: 300,
		nat: true,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	'slow-silent': {
		name: 'slow-silent',
		description:
			'A silent network on a slow link: DNS answers after a 600 ms round trip, every other packet ' +
			'is dropped on the router.',
		expectedCauses: [],
		causeNote:
			'As all-blocked (everything dropped, DNS answers), on a 600 ms link that no probe can measure: ' +
			'only DNS answers, and the page cannot time a lookup by itself.',
		delayMs: 300,
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'tls-inspect': {
		name: 'tls-inspect',
		description:
			'A TLS-inspecting middlebox the device does not trust: TCP 443 to the web servers is ' +
			'intercepted with a certificate from its own CA; the TURN servers (on any port) and every ' +
			'other port pass untouched.',
		expectedCauses: ['tls-intercepted'],
		middlebox: 'untrusted-certificate',
		nat: true,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	proxy: {
		name: 'proxy',
		description:
			'An explicit web proxy (squid) that allows CONNECT only to port 443; the browsers are set to ' +
			'use it, and everything else leaving the computer directly is dropped (DNS answers).',
		expectedCauses: ['proxy'],
		impliedCauses: ['only-tcp-443', 'udp-blocked', 'stun-turn-ports-blocked'],
		proxy: { connectPorts: [443] },
		nat: true,
		forward: [{ action: 'drop' }],
		dns: 'answer',
		nxdomain: []
	},
	'ws-refused': {
		name: 'ws-refused',
		description:
			'A web filter that passes HTTPS but not WebSockets: TCP 443 to the web servers goes through ' +
			'an inspecting box the device trusts, which answers every WebSocket upgrade with 403.',
		expectedCauses: ['websocket-blocked'],
		middlebox: 'refuse-websocket',
		nat: true,
		forward: [],
		dns: 'answer',
		nxdomain: []
	},
	'local-firewall': {
		name: 'local-firewall',
		description:
			"The computer's own firewall drops every UDP packet it sends (but the system's DNS queries); " +
			'TCP works. A packet dropped on the computer itself fails at once (EPERM).',
		expectedCauses: ['local-firewall'],
		impliedCauses: ['udp-blocked'],
		client: {
			output: [
				{ proto: 'udp', dports: [53], daddrs: [ADDR.routerClientSide], action: 'accept' },
				{ proto: 'udp', action: 'drop' }
			]
		},
		nat: true,
		forward: [],
		dns: 'answer',
		nxdomain: []
	}
} satisfies Record<string, NetworkProfile>;

/** The firewall-and-resolver profiles the raw smoke tests cover. */
export type NetworkProfileName = keyof typeof NETWORK_PROFILES;
export type CauseProfileName = keyof typeof CAUSE_PROFILES;
export type LabProfileName = NetworkProfileName | CauseProfileName;

export const NETWORK_PROFILE_NAMES = Object.keys(NETWORK_PROFILES) as NetworkProfileName[];
export const CAUSE_PROFILE_NAMES = Object.keys(CAUSE_PROFILES) as CauseProfileName[];
/** every profile the lab can apply */
export const LAB_PROFILE_NAMES: LabProfileName[] = [
	...NETWORK_PROFILE_NAMES,
	...CAUSE_PROFILE_NAMES
];

const ALL_PROFILES: Record<string, NetworkProfile> = { ...NETWORK_PROFILES, ...CAUSE_PROFILES };

export function networkProfile(name: string): NetworkProfile {
	const profile = ALL_PROFILES[name];
	if (!profile) {
		throw new Error(
			`lab: unknown network profile "${name}"; known: ${LAB_PROFILE_NAMES.join(', ')}`
		);
	}
	return profile;
}

/** The web servers' addresses: what the TLS middlebox intercepts on 443. */
export const WEB_SERVER_RANGES = [ADDR.web, `${WEB_HOSTS.network}/${WEB_HOSTS.prefix}`];

/**
 * nft statements for one rule (a reject of both protocols needs two: TCP reset, then ICMP).
 * `direction` is the match that selects the packets: the router's side facing the client by default.
 */
export function nftStatements(rule: FirewallRule, direction = fromClient): string[] {
	const address = rule.daddrs ? ` ip daddr { ${rule.daddrs.join(', ')} }` : '';
	const ports = rule.dports ? ` dport { ${rule.dports.join(', ')} }` : '';
	const match = (proto: 'tcp' | 'udp' | undefined) => {
		if (proto)
			return `${direction}${address} ${ports ? `${proto}${ports}` : `meta l4proto ${proto}`}`;
		return `${direction}${address}${ports ? ` meta l4proto { tcp, udp } th${ports}` : ''}`;
	};
	if (rule.action !== 'reject') return [`${match(rule.proto)} ${rule.action}`];
	const tcp = `${match('tcp')} reject with tcp reset`;
	const udp = `${match('udp')} reject with icmpx type port-unreachable`;
	if (rule.proto === 'tcp') return [tcp];
	if (rule.proto === 'udp') return [udp];
	return [tcp, udp];
}

/** True when `address` is `range` or inside the CIDR `range`. */
export function inRange(address: string, range: string): boolean {
	const parsed = ipaddr.parse(address);
	if (!range.includes('/')) return parsed.toString() === ipaddr.parse(range).toString();
	const [network, bits] = ipaddr.parseCIDR(range);
	return parsed.kind() === network.kind() && parsed.match([network, bits]);
}

function firstMatch(
	rules: readonly FirewallRule[],
	packet: { proto: 'tcp' | 'udp'; dport: number; daddr: string }
): FirewallRule['action'] {
	for (const rule of rules) {
		if (rule.proto && rule.proto !== packet.proto) continue;
		if (rule.dports && !rule.dports.includes(packet.dport)) continue;
		if (rule.daddrs && !rule.daddrs.some((range) => inRange(packet.daddr, range))) continue;
		return rule.action;
	}
	return 'accept';
}

/** What the router does with a packet from the client: the first matching rule, else accept. */
export function packetFate(
	profile: NetworkProfile,
	packet: { proto: 'tcp' | 'udp'; dport: number; daddr: string }
): FirewallRule['action'] {
	return firstMatch(profile.forward, packet);
}

/**
 * A flow the router takes over instead of forwarding: nftables DNATs it to a port on the router where
 * the delay relay or the TLS middlebox listens; conntrack un-NATs the replies, so the client still
 * sees the server's address.
 */
export interface Redirect {
	proto: 'tcp' | 'udp';
	daddr: string;
	dport: number;
	/** the router port it is handed to (on ADDR.routerClientSide) */
	toPort: number;
	via: 'delay-relay' | 'middlebox';
}

/** Ports relayed with a delay: every port a probe url or the smoke probes name, per server kind. */
const RELAYED_PORTS = {
	ice: {
		udp: [TURN_PORTS.plain, TURN_PORTS.tls, 443],
		tcp: [TURN_PORTS.plain, TURN_PORTS.tls, 443]
	},
	web: { udp: [] as number[], tcp: [443, 80, 8443] }
};

/**
 * The flows this profile hands to the router's own servers: with a middlebox, TCP 443 to every web
 * server; with a delay, DNS and every relayed (protocol, address, port) the profile lets through,
 * each to a relay port of its own (the relay knows the real destination from the port). Dropped or
 * rejected flows are not redirected, so the forward rules still decide them.
 */
export function routerRedirects(
	profile: NetworkProfile,
	servers: { ice: readonly string[]; web: readonly string[] }
): Redirect[] {
	const redirects: Redirect[] = [];
	if (profile.middlebox) {
		for (const daddr of servers.web)
			if (packetFate(profile, { proto: 'tcp', dport: 443, daddr }) === 'accept')
				redirects.push({
					proto: 'tcp',
					daddr,
					dport: 443,
					toPort: ROUTER_PORTS.middlebox,
					via: 'middlebox'
				});
	}
	if (profile.delayMs) {
		let next: number = ROUTER_PORTS.delayRelayBase;
		const add = (proto: 'tcp' | 'udp', daddr: string, dport: number) => {
			if (redirects.some((r) => r.proto === proto && r.daddr === daddr && r.dport === dport))
				return;
			redirects.push({ proto, daddr, dport, toPort: next++, via: 'delay-relay' });
		};
		if (profile.dns === 'answer') {
			add('udp', ADDR.routerClientSide, 53);
			add('tcp', ADDR.routerClientSide, 53);
		}
		for (const [kind, addresses] of [
			['ice', servers.ice],
			['web', servers.web]
		] as const) {
			for (const proto of ['udp', 'tcp'] as const)
				for (const daddr of addresses)
					for (const dport of RELAYED_PORTS[kind][proto])
						if (packetFate(profile, { proto, dport, daddr }) === 'accept') add(proto, daddr, dport);
		}
	}
	return redirects;
}

/** The complete nftables rule set for the router namespace; replaces whatever was there. */
export function routerRuleset(
	profile: NetworkProfile,
	redirects: readonly Redirect[] = []
): string {
	const lines = [
		'flush ruleset',
		'table inet nr_filter {',
		'\tchain forward {',
		'\t\ttype filter hook forward priority filter; policy accept;',
		// Replies to what the profile let out must come back; filtering applies to new flows only.
		'\t\tct state established,related accept',
		...profile.forward
			.flatMap((rule) => nftStatements(rule))
			.map((statement) => `\t\t${statement}`),
		'\t}',
		'\tchain input {',
		'\t\ttype filter hook input priority filter; policy accept;',
		...(profile.dns === 'drop'
			? [`\t\t${fromClient} meta l4proto { tcp, udp } th dport 53 drop`]
			: []),
		'\t}',
		'}'
	];
	if (redirects.length) {
		lines.push(
			'table ip nr_redirect {',
			'\tchain prerouting {',
			'\t\ttype nat hook prerouting priority dstnat; policy accept;',
			...redirects.map(
				(r) =>
					`\t\t${fromClient} ip daddr ${r.daddr} ${r.proto} dport ${r.dport} dnat to ${ADDR.routerClientSide}:${r.toPort}`
			),
			'\t}',
			'}'
		);
	}
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

/**
 * The computer's own firewall (client namespace, output chain): only packets leaving its network
 * interface are matched, so loopback (the site, the browser's own sockets) is never touched.
 * Replaces the whole rule set; empty when the profile has no client firewall.
 */
export function clientRuleset(profile: NetworkProfile): string {
	const rules = profile.client?.output ?? [];
	if (rules.length === 0) return 'flush ruleset\n';
	return (
		[
			'flush ruleset',
			'table inet nr_client {',
			'\tchain output {',
			'\t\ttype filter hook output priority filter; policy accept;',
			...rules.flatMap((rule) => nftStatements(rule, toNetwork)).map((s) => `\t\t${s}`),
			'\t}',
			'}'
		].join('\n') + '\n'
	);
}

/** What the computer's own firewall does with a packet it sends: first matching rule, else accept. */
export function clientPacketFate(
	profile: NetworkProfile,
	packet: { proto: 'tcp' | 'udp'; dport: number; daddr: string }
): FirewallRule['action'] {
	return firstMatch(profile.client?.output ?? [], packet);
}
