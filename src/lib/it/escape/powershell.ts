/**
 * PowerShell: single-quoted strings are literal; a quote is doubled. PowerShell also reads the
 * typographic quotes ‘ ’ ‚ ‛ as quotes, so they are doubled too. A bare word that starts with "-"
 * would be read as a parameter name, so only safe values that do not start with "-" stay bare.
 * Comment text is kept on one line.
 */
import { oneLine } from './text';

export function psString(value: string): string {
	return `'${value.replace(/['‘’‚‛]/g, (q) => q + q)}'`;
}

/** A bare argument when safe (host names, numbers), else a quoted string. */
export function psQuote(value: string): string {
	return /^[A-Za-z0-9._:][A-Za-z0-9._:-]*$/.test(value) ? value : psString(value);
}

/** Text after `#` on one line. */
export function psComment(text: string): string {
	return oneLine(text);
}
