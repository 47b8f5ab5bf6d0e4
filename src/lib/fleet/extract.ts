/**
 * Picks netready result links out of pasted text: one link per line, or a block of e-mail or
 * ticket text with links among the words. What a mail program does to links is undone first:
 * quoted-printable soft line breaks and "=3D", HTML "&amp;", percent-encoding (Outlook Safe Links
 * wrap the real address in `?url=https%3A%2F%2F…`), angle brackets and trailing punctuation.
 *
 * Only the payload after "#r=" is taken; it is decoded and validated later (decodeShare). The
 * words before a link on its line ("Ward 3 Wi-Fi: https://…", a spreadsheet's "Ward 3<TAB>https://…",
 * Markdown's "[Ward 3](https://…)") become the site's proposed name.
 */
import { cleanSiteName } from './model';

export interface FoundLink {
	payload: string;
	/** the link as it stood in the text, shortened for display */
	text: string;
	/** 1-based line of the text */
	line: number;
	name?: string;
}

export interface RejectedLink {
	text: string;
	line: number;
	reason: string;
}

export interface ExtractedLinks {
	found: FoundLink[];
	rejected: RejectedLink[];
	/** links that appeared more than once in the text: read once */
	repeated: number;
}

/** Longer than any link netready writes (2,000 characters) with room: more is not a result. */
const MAX_PAYLOAD = 64 * 1024;
export const MAX_PASTE_CHARS = 20 * 1024 * 1024;

/** "/shared/#r=2.AbC-_…", the version digits and the base64url body. */
const SHARED = /\/shared\/?(?:index\.html)?(?:\?[^\s#<>"']*)?#(?:[^\s#]*?&)?r=([0-9A-Za-z._-]*)/g;
/** Any other address carrying "#r=": something else's link, or a netready link with another path. */
const OTHER_R = /https?:\/\/[^\s<>"']*#(?:[^\s#]*?&)?r=[^\s<>"']*/g;
/** A payload alone on a line (someone copied only the part after "#r="). */
const BARE = /^\s*(\d{1,6}\.[A-Za-z0-9_-]{16,})\s*$/;

function shorten(text: string, max = 120): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Undoes quoted-printable, HTML entities and percent-encoding around links. */
export function normalizePastedText(text: string): string {
	// Quoted-printable only where the text is: a result link in it always reads "#r=3D…". Then
	// "=\n" joins a line broken at 76 characters and "=3D" is "=".
	const unwrapped = /=3D/i.test(text) ? text.replace(/=\r?\n/g, '').replace(/=3D/gi, '=') : text;
	return (
		unwrapped
			.replace(/&amp;/gi, '&')
			.replace(/&#x?0*3[dD];|&#61;/g, '=')
			// percent-encoded links (Safe Links, redirects): only the characters a result link uses
			.replace(/%(?:25)?(2[3fF]|3[aAdD]|2[6])/g, (_, hex: string) =>
				String.fromCharCode(parseInt(hex, 16))
			)
			.replace(/\r\n?/g, '\n')
	);
}

/** Where the address that ends in this match begins: after a space, a bracket or a quote. */
function urlStart(line: string, index: number): number {
	let i = index;
	while (i > 0 && !/[\s<>"'()[\]]/.test(line[i - 1]!)) i--;
	return i;
}

/** The words before a link on its line, as a site name. */
function nameBefore(line: string, start: number): string | undefined {
	const before = line.slice(0, start);
	const markdown = /\[([^\]]{1,200})\]\($/.exec(before);
	if (markdown) return cleanSiteName(markdown[1]);
	const cleaned = before
		.replace(/^\s*(?:[-*•>·]+|\d{1,3}[.)])\s+/, '')
		.replace(/[\s:=|,;\-–—>(<[]+$/, '');
	return cleanSiteName(cleaned);
}

const CUT_SHORT = 'This is not a netready result link, or it was cut short when it was copied.';

export function extractLinks(input: string): ExtractedLinks {
	const text = normalizePastedText(
		input.length > MAX_PASTE_CHARS ? input.slice(0, MAX_PASTE_CHARS) : input
	);
	const found: FoundLink[] = [];
	const rejected: RejectedLink[] = [];
	const seen = new Set<string>();
	let repeated = 0;
	text.split('\n').forEach((line, i) => {
		const lineNo = i + 1;
		const covered: [number, number][] = [];
		for (const match of line.matchAll(SHARED)) {
			const start = urlStart(line, match.index);
			const end = match.index + match[0].length;
			covered.push([start, end]);
			const shown = shorten(line.slice(start, end));
			const payload = match[1]!.replace(/\.+$/, '');
			if (payload.length > MAX_PAYLOAD) {
				rejected.push({
					text: shown,
					line: lineNo,
					reason: 'This link is far longer than any result link.'
				});
			} else if (!/^\d{1,6}\.[A-Za-z0-9_-]+$/.test(payload)) {
				rejected.push({ text: shown, line: lineNo, reason: CUT_SHORT });
			} else if (seen.has(payload)) {
				repeated++;
			} else {
				seen.add(payload);
				const name = nameBefore(line, start);
				found.push({ payload, text: shown, line: lineNo, ...(name ? { name } : {}) });
			}
		}
		for (const match of line.matchAll(OTHER_R)) {
			if (covered.some(([a, b]) => match.index >= a && match.index < b)) continue;
			rejected.push({
				text: shorten(match[0]),
				line: lineNo,
				reason: 'This link is not a netready result link (/shared/#r=…).'
			});
		}
		const bare = covered.length ? null : BARE.exec(line);
		if (bare) {
			if (seen.has(bare[1]!)) repeated++;
			else {
				seen.add(bare[1]!);
				found.push({ payload: bare[1]!, text: shorten(bare[1]!), line: lineNo });
			}
		}
	});
	return { found, rejected, repeated };
}
