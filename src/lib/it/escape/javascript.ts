/**
 * JavaScript, for the PAC file. A `//` comment ends at any line terminator, and JavaScript has
 * four (CR, LF, U+2028, U+2029): jsComment keeps comment text on one line, and writes "*\/" as
 * "* /" so the text cannot close a block comment either should someone wrap the snippet in one.
 * jsString writes a string literal; JSON.stringify leaves U+2028 and U+2029 raw, which engines
 * before ES2019 (and some PAC engines) read as line breaks inside the literal, so both are
 * escaped too.
 */
import { oneLine } from './text';

export function jsComment(text: string): string {
	return oneLine(text).replace(/\*\//g, '* /');
}

export function jsString(value: string): string {
	return JSON.stringify(value)
		.replace(/\u2028/g, '\\u2028')
		.replace(/\u2029/g, '\\u2029');
}

/**
 * A host pattern as a PAC file may hand it to shExpMatch: letters, digits, "." "*" "_" "-" only.
 * Anything else is not a host name, and some shExpMatch implementations (pac-resolver's, which
 * builds a regular expression from it) would throw on it at every request; such a value is left
 * out and said so in a comment.
 */
export function pacPattern(value: string): string | undefined {
	return /^[A-Za-z0-9*][A-Za-z0-9.*_-]*$/.test(value) ? value : undefined;
}
