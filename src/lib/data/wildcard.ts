/**
 * THE wildcard matcher for host patterns in the data ("*.amwell.com", "*turn.whereby.com"), with
 * the semantics of PAC's shExpMatch, which the proxy.pac export hands the same patterns to:
 * `*` stands for zero or more characters (dots included), `?` for exactly one, everything else for
 * itself. Host names are case-insensitive, so both sides are compared in lower case (browsers pass
 * FindProxyForURL the host in lower case, and the PAC export writes its patterns in lower case).
 *
 * "*.a.com" therefore matches "x.a.com" and "x.y.a.com" but not "a.com"; "*turn.whereby.com"
 * matches "turn.whereby.com", "any.turn.whereby.com" and also "evilturn.whereby.com".
 */
export function wildcardMatches(pattern: string, host: string): boolean {
	const source = pattern
		.toLowerCase()
		.split('')
		.map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
		.join('');
	return new RegExp(`^${source}$`).test(host.toLowerCase());
}

export function isWildcard(pattern: string): boolean {
	return pattern.includes('*');
}
