/**
 * Where an engine gives a page nothing to tell a profile's expected cause by (measured, docs/lab.md):
 * the diagnosis must then name what it names here, with the expected cause as an alternative where
 * it has one — it says what it cannot tell apart, never something else. Used by the recorded-result
 * unit test and by every lab comparison (compare.ts).
 */
export interface CannotTell {
	/** the causes the diagnosis names instead */
	names: string[];
	/** the expected cause, offered as an alternative of one of those */
	alternative?: string;
	/** the intended verdicts cannot follow either: today's are asserted instead */
	verdictsAsToday?: boolean;
	why: string;
}

export const CANNOT_TELL: Record<string, CannotTell> = {
	'chromium/local-firewall': {
		names: ['udp-blocked'],
		alternative: 'local-firewall',
		why: 'Chromium reports a locally dropped UDP packet as silence, as for a drop on the network'
	},
	'firefox/proxy': {
		names: ['only-tcp-443'],
		alternative: 'proxy',
		why: 'Firefox waits on a refused CONNECT as on a dropped connection'
	},
	'webkit/offline': {
		names: [],
		verdictsAsToday: true,
		why: 'without WebRTC a page sees no name lookups at all: a dead resolver and a network that drops everything but DNS look the same'
	},
	'firefox/offline': {
		names: [],
		verdictsAsToday: true,
		why: 'Firefox reports neither failed nor answered lookups of WebRTC names: a dead resolver and a network that drops everything but DNS look the same'
	}
};
