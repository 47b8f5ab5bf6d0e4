/**
 * One hand-test step, independent of the shell: connect to a TCP port, fetch a URL, resolve a
 * name, query NTP; or a line for IT (fill in a host, a rule to check on the firewall, a risk).
 * plan.ts makes them from a requirement; commands.ts and the scripts turn them into commands.
 */
import type { Span } from '$lib/it/destinations/ports';

/** Why a concrete address stands where the data names something wider. */
export interface Stand {
	/** the CIDR, range or set entry this sample address comes from */
	sampleOf?: string;
	/** the wildcard this host stands in for */
	representativeOf?: string;
}

export type Step =
	| ({ kind: 'tcp'; host: string; port: number; range?: Span } & Stand)
	| ({ kind: 'http'; url: string } & Stand)
	/** resolve `name`, through `server` when the rule names the resolver */
	| ({ kind: 'dns'; name: string; server?: string } & Stand)
	| ({ kind: 'ntp'; host: string } & Stand)
	/** UDP: listed, never claimed as tested */
	| ({ kind: 'udp'; host?: string; ports: string } & Stand)
	/** a test IT must complete: the data gives no concrete host */
	| {
			kind: 'fill-in';
			test: 'tcp' | 'ntp' | 'dns';
			placeholder: string;
			port?: number;
			range?: Span;
			why: string;
	  }
	| { kind: 'info'; text: string }
	/** a destination flagged as a security risk: listed, never tested unless asked */
	| { kind: 'not-allowed'; destination: string; reason: string };
