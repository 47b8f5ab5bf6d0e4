/** Quoting for the generated scripts: every value from the data is quoted, never pasted raw. */

const SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

/** POSIX sh: bare when only safe characters, else single quotes with ' written as '\''. */
export function shQuote(value: string): string {
	if (value !== '' && SAFE.test(value)) return value;
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Always single-quoted, for use as arguments of the script's helper functions. */
export function shString(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * PowerShell: single-quoted strings are literal; a quote is doubled. PowerShell also treats the
 * typographic quotes as quotes, so they are doubled too.
 */
export function psString(value: string): string {
	return `'${value.replace(/['‘’‚‛]/g, (q) => q + q)}'`;
}

/** PowerShell bare argument when safe (host names, numbers), else a quoted string. */
export function psQuote(value: string): string {
	return value !== '' && /^[A-Za-z0-9._:-]+$/.test(value) ? value : psString(value);
}

/** One line of a comment: line breaks in data text must not end the comment. */
export function commentText(value: string): string {
	return value.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
