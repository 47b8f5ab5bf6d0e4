/** Text of the configuration files the lab writes: pure functions, unit-tested in config-files.spec.ts. */
import { ADDR, TURN_PORTS, TURN_RELAY_RANGE, TURN_USER } from './plan';
import type { DnsPlan } from './targets';

/**
 * dnsmasq as the client's only resolver. host-record (not address=) so that an AAAA query for an
 * IPv4-only name gets NODATA, as from a real authoritative server, instead of NXDOMAIN or REFUSED;
 * `address=/#/` makes every other name NXDOMAIN, and nothing is ever forwarded upstream.
 */
export function dnsmasqConfig(plan: DnsPlan, options: { logFile: string }): string {
	const lines = [
		'no-resolv',
		'no-hosts',
		'no-poll',
		'keep-in-foreground',
		'user=root',
		`listen-address=${ADDR.routerClientSide}`,
		'bind-interfaces',
		'port=53',
		'log-queries',
		`log-facility=${options.logFile}`,
		// Short TTL: a browser started for the next profile must not keep a previous answer.
		'local-ttl=1',
		'address=/#/'
	];
	for (const [name, address] of [...plan.records].sort(([a], [b]) => a.localeCompare(b))) {
		lines.push(`host-record=${name},${address}`);
	}
	return lines.join('\n') + '\n';
}

/** coturn: one process on every STUN/TURN address, plain TURN and TLS on both its ports. */
export function coturnArgs(options: {
	listeningIps: readonly string[];
	certFile: string;
	keyFile: string;
	logFile: string;
	dbFile: string;
	pidFile: string;
}): string[] {
	return [
		'-n',
		'--no-cli',
		...options.listeningIps.map((ip) => `--listening-ip=${ip}`),
		`--relay-ip=${ADDR.turn}`,
		`--listening-port=${TURN_PORTS.plain}`,
		`--tls-listening-port=${TURN_PORTS.tls}`,
		`--min-port=${TURN_RELAY_RANGE.min}`,
		`--max-port=${TURN_RELAY_RANGE.max}`,
		'--lt-cred-mech',
		`--user=${TURN_USER.username}:${TURN_USER.credential}`,
		`--realm=${TURN_USER.realm}`,
		'--fingerprint',
		`--cert=${options.certFile}`,
		`--pkey=${options.keyFile}`,
		// relayed peers are other lab addresses; coturn refuses private peers unless allowed
		'--allowed-peer-ip=10.211.0.0-10.211.255.255',
		'--no-multicast-peers',
		`--userdb=${options.dbFile}`,
		`--pidfile=${options.pidFile}`,
		`--log-file=${options.logFile}`,
		'--simple-log',
		'--no-stdout-log'
	];
}

/**
 * nftables for the server namespace: every port a probe url might name reaches a real listener on
 * the same address. Other ports of a STUN/TURN address go to coturn's TLS port (which also takes
 * plain TURN, over TCP and UDP), except the relay range; every port but 80 of a web address goes
 * to the HTTPS/WSS listener.
 */
export function serverRuleset(
	iceAddresses: readonly string[],
	webAddresses: readonly string[]
): string {
	const keep = `{ ${TURN_PORTS.plain}, ${TURN_PORTS.tls}, ${TURN_RELAY_RANGE.min}-${TURN_RELAY_RANGE.max} }`;
	return (
		[
			'flush ruleset',
			'table ip nr_redirect {',
			'\tchain prerouting {',
			'\t\ttype nat hook prerouting priority dstnat; policy accept;',
			...iceAddresses.map(
				(a) =>
					`\t\tip daddr ${a} meta l4proto { tcp, udp } th dport != ${keep} dnat to ${a}:${TURN_PORTS.tls}`
			),
			...webAddresses.map((a) => `\t\tip daddr ${a} tcp dport != { 80, 443 } dnat to ${a}:443`),
			'\t}',
			'}'
		].join('\n') + '\n'
	);
}

/**
 * squid as an explicit proxy on the router: CONNECT only to the given ports (403 otherwise), plain
 * HTTP requests from the lab's client allowed, nothing cached, names resolved by the lab's dnsmasq.
 * Files go to `dir`, which squid's own user must be able to write.
 */
export function squidConfig(options: {
	address: string;
	port: number;
	connectPorts: readonly number[];
	dir: string;
}): string {
	return (
		[
			`http_port ${options.address}:${options.port}`,
			`acl lab_client src ${ADDR.client}/32`,
			`acl allowed_connect_ports port ${options.connectPorts.join(' ')}`,
			'acl CONNECT method CONNECT',
			'http_access deny CONNECT !allowed_connect_ports',
			'http_access allow lab_client',
			'http_access deny all',
			`dns_nameservers ${ADDR.routerClientSide}`,
			// no /etc/hosts: every name comes from the lab's resolver
			'hosts_file none',
			'cache deny all',
			'cache_mem 8 MB',
			`pid_filename ${options.dir}/squid.pid`,
			`access_log stdio:${options.dir}/access.log`,
			`cache_log ${options.dir}/cache.log`,
			'cache_store_log none',
			`coredump_dir ${options.dir}`,
			'shutdown_lifetime 0 seconds',
			'forwarded_for delete',
			'via off'
		].join('\n') + '\n'
	);
}

/** The delay relay's listeners (test/lab/servers/delay-relay.mjs), one per redirected flow. */
export function delayRelayConfig(
	delayMs: number,
	redirects: readonly { proto: 'tcp' | 'udp'; daddr: string; dport: number; toPort: number }[]
): string {
	return JSON.stringify(
		{
			delayMs,
			listeners: redirects.map((r) => ({
				proto: r.proto,
				address: ADDR.routerClientSide,
				port: r.toPort,
				to: { address: r.daddr, port: r.dport }
			}))
		},
		null,
		'\t'
	);
}
