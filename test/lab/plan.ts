/**
 * The lab's fixed address plan and credentials. Every address lives inside network namespaces the
 * lab creates and deletes; nothing is routed to or from the host's own network.
 *
 *   client ns (Chromium, static site on 127.0.0.1)
 *     eth0 10.211.1.2/24 ── c0 10.211.1.1  router ns (nftables profile, masquerade, dnsmasq :53)
 *                               sv0 10.211.2.1 ── eth0 10.211.2.2/24 (coturn)           server ns
 *                                                      10.211.2.3/24 (HTTPS/WSS/HTTP)
 *                                                      10.211.3.x/24 (coturn, one per STUN/TURN name)
 *                                                      10.211.4.x/24 (web, one per HTTPS/WSS name)
 */

export const SUBNET_PREFIX = 24;

export const ADDR = {
	client: '10.211.1.2',
	/** the client's gateway and DNS resolver (dnsmasq listens here) */
	routerClientSide: '10.211.1.1',
	/** what servers see as the client's address when the router masquerades (the srflx address) */
	routerServerSide: '10.211.2.1',
	/** the server's own address; coturn for the lab's own name, and the TURN relay address */
	turn: '10.211.2.2',
	/** the web server for the lab's own name */
	web: '10.211.2.3'
} as const;

/**
 * Every vendor STUN/TURN name gets an address of its own in ICE_HOSTS, every vendor web name one
 * in WEB_HOSTS, as in the real world: one address for everything would let Chromium treat
 * different vendors' servers as one (seen: TURN allocations to two names on one address:port from
 * one peer connection, only the first answered) and hide per-destination firewall rules.
 */
export const ICE_HOSTS = { network: '10.211.3.0', prefix: 24 } as const;
export const WEB_HOSTS = { network: '10.211.4.0', prefix: 24 } as const;

/** Interface names inside the namespaces; they never exist in the host namespace. */
export const IFACE = {
	clientEth: 'eth0',
	routerToClient: 'c0',
	routerToServer: 'sv0',
	serverEth: 'eth0'
};

/** coturn's own listening ports; every other port on ADDR.turn is redirected to the TLS port. */
export const TURN_PORTS = { plain: 3478, tls: 5349 };
/** coturn's relay range; kept out of the redirect so relayed traffic is not bent. */
export const TURN_RELAY_RANGE = { min: 49152, max: 65535 };

/** A real long-term credential, so a test can allocate a relay; probes use dummy ones and get 401. */
export const TURN_USER = {
	username: 'netready-lab',
	credential: 'lab-only-secret',
	realm: 'netready.test'
};

/** Lab-only names (the .test TLD is reserved for testing) that exist in every profile's DNS. */
export const LAB_NAMES = {
	turn: 'turn.netready.test',
	web: 'web.netready.test',
	/** never answered: NXDOMAIN in every profile */
	missing: 'missing.netready.test'
} as const;

/**
 * Vendor names the lab always answers (both are in the Amwell document), so the raw smoke test and
 * the per-vendor DNS failure profile work even before data/ names them.
 */
export const ALWAYS_RESOLVED_VENDOR_NAMES = {
	stun: 'global.stun.twilio.com',
	turn: 'global.turn.twilio.com'
} as const;

/**
 * Where the lab's extra machinery listens on the router (10.211.1.1), for profiles that need it:
 * the delay relay (one port per relayed destination, from `delayRelayBase`), the TLS middlebox and
 * the explicit HTTP proxy (squid).
 */
export const ROUTER_PORTS = { delayRelayBase: 20000, middlebox: 4443, proxy: 3128 } as const;

/**
 * A resolver address on no link and behind no route, for the no-internet profile: a query to it
 * fails at once (ENETUNREACH), as on a computer whose network has gone away.
 */
export const UNREACHABLE_RESOLVER = '10.211.9.53';

/** Namespace names: nr-<pid>-<n>-<role>; the pid lets a later run find labs whose owner died. */
export const NAMESPACE_PREFIX = 'nr-';
