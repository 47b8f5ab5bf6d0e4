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
