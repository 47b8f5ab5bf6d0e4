/**
 * Plain allow-lists (domains.txt, ipv4.txt, ports.txt) that firewalls and proxies import line by
 * line: comment text stays on one line after `#`, and an entry is written only when it is a
 * single token of the characters host names, wildcards, addresses and URLs use — anything else
 * from the data (a space, a quote, a `#`, a line break) could add an entry nobody asked for.
 */
import { oneLine } from './text';

export function listComment(text: string): string {
	return oneLine(text);
}

/** The entry as written, or undefined when it is not a single safe token. */
export function listEntry(value: string): string | undefined {
	return /^[A-Za-z0-9*][A-Za-z0-9.*:/_%[\]-]*$/.test(value) ? value : undefined;
}
