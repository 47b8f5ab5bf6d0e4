/**
 * nftables: a `#` comment runs to the end of its line, so a line break in data text would end it
 * and make the rest a live rule (`nft -c` accepts it). Every text in a comment goes through
 * nftComment; names of sets are made by nftIdentifier from data ids.
 */
import { oneLine } from './text';

export function nftComment(text: string): string {
	return oneLine(text);
}

/** A set name: lower-case letters, digits and "_", at most 48 characters. */
export function nftIdentifier(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '_')
		.replace(/^_+|_+$/g, '')
		.slice(0, 48);
}
