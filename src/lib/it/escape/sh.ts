/**
 * POSIX sh: every value from the data is single-quoted (nothing is special inside single quotes;
 * a quote is written '\''), comment text is kept on one line. Bare words only for values that
 * are entirely safe and do not start with "-".
 */
import { oneLine } from './text';

const SAFE = /^[A-Za-z0-9@%+=:,./_][A-Za-z0-9@%+=:,./_-]*$/;

/** A value as one sh word: bare when it is entirely safe characters, else single-quoted. */
export function shQuote(value: string): string {
	return SAFE.test(value) ? value : shString(value);
}

/** Always single-quoted, for arguments of the script's helper functions. */
export function shString(value: string): string {
	return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Text after `#` on one line. */
export function shComment(text: string): string {
	return oneLine(text);
}
