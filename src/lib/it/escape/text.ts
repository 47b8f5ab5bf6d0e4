/**
 * The one rule under every comment escaper: text from the data on ONE line, with nothing that a
 * reader of the output (nft, a JavaScript engine, a shell, PowerShell, a spreadsheet, a terminal)
 * could take as the end of the line, a control code, or a hidden reordering of what is shown.
 *
 * Removed (each run becomes one space): every line terminator any of those readers knows — CR,
 * LF, VT, FF, NEL (U+0085), LINE SEPARATOR (U+2028), PARAGRAPH SEPARATOR (U+2029) — the other C0
 * and C1 control codes, DEL, and the bidirectional overrides and isolates (U+202A–U+202E,
 * U+2066–U+2069) that can make a line read differently from what it does ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]+/g;

/** A run of unsafe characters with the spaces around it becomes one space. */
const AROUND_UNSAFE = new RegExp(String.raw`\s*(?:${UNSAFE.source})\s*`, 'g');

export function oneLine(text: string): string {
	return text.replace(AROUND_UNSAFE, ' ').trim();
}

/** True when the text holds anything oneLine would remove. */
export function hasUnsafeCharacters(text: string): boolean {
	return new RegExp(UNSAFE.source).test(text);
}

/**
 * A placeholder IT replaces before running a command ("<a host under *.x.com>"): only letters,
 * digits and . * : / _ - and spaces survive, so a placeholder shown in a command can never hold
 * a quote, a substitution or a separator from the data.
 */
export function placeholder(text: string): string {
	return `<${oneLine(text)
		.replace(/[^A-Za-z0-9 .*:/_-]+/g, ' ')
		.replace(/ {2,}/g, ' ')
		.trim()}>`;
}

/**
 * A value that a command takes as an operand (a host, URL, name). One that starts with "-" would
 * be read as an option by nc, curl, dig, getent or a PowerShell cmdlet, however it is quoted, so
 * such a value is never put in a command (valid data never has one: host names cannot start with
 * "-").
 */
export function isOperand(value: string): boolean {
	return value.length > 0 && !value.startsWith('-') && !hasUnsafeCharacters(value);
}
