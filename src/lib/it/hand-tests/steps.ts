/**
 * One hand-test step, independent of the shell: connect to a TCP port, fetch a URL, resolve a
 * name, query NTP; or a line for IT (fill in an address, ask the vendor, a workstation firewall
 * rule, a rule to check on the firewall, a risk). plan.ts makes them from a requirement;
 * commands.ts and the scripts turn them into commands.
 *
 * A step that tests something (tcp, http, dns, ntp) names only what the data says answers that
 * way: a host or address the document names for that port, a host the data's probes show
 * serving that port, or a hand test netready chose and explained (testWith). Never a sample
 * address of a block, a misspelt or withheld name, or TCP to an NTP server.
 */
import type { Protocol } from '$lib/data/schema';
import type { Span } from '$lib/it/destinations/ports';

/** Why a host stands where the data names something else. */
export interface Stand {
	/** the wildcard this host stands in for (a host the data's probes use) */
	representativeOf?: string;
	/** netready chose this test for the row (testWith); why */
	chosenBecause?: string;
	/** the host and port of one of the row's own browser probes */
	fromProbe?: boolean;
}

export type Step =
	| ({ kind: 'tcp'; host: string; port: number; range?: Span } & Stand)
	| ({ kind: 'http'; url: string } & Stand)
	/** resolve `name`, through `server` when the rule names the resolver */
	| ({ kind: 'dns'; name: string; server?: string } & Stand)
	| ({ kind: 'ntp'; host: string } & Stand)
	/** UDP: listed, never claimed as tested */
	| ({ kind: 'udp'; host?: string; ports: string } & Stand)
	/** a test IT must complete: the data gives no host or address that answers */
	| {
			kind: 'fill-in';
			test: 'tcp' | 'ntp' | 'dns';
			placeholder: string;
			port?: number;
			range?: Span;
			why: string;
	  }
	/** the document cannot be tested as written (misspelt name, a port the service has not): ask the vendor */
	| { kind: 'ask'; question: string }
	/** a rule for each workstation's own firewall (Windows Firewall), for traffic inside the site */
	| {
			kind: 'firewall';
			protocol: Protocol;
			ports: Span[];
			/** the rule's name as IT would see it in Windows Firewall */
			name: string;
			/** -RemoteAddress: LocalSubnet, or a placeholder for the other sites' subnets */
			remote: string;
	  }
	| { kind: 'info'; text: string }
	/** a destination flagged as a security risk: listed, never tested unless asked */
	| { kind: 'not-allowed'; destination: string; reason: string };
