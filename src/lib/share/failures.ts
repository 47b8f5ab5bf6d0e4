/** Why a permalink could not be opened, and the message the page shows for each. */
import type { SharedResult } from './format';

export type DecodeFailure =
	'empty' | 'malformed' | 'damaged' | 'future-version' | 'too-large' | 'unsupported';

export type DecodeOutcome =
	{ ok: true; shared: SharedResult } | { ok: false; reason: DecodeFailure; message: string };

export const FAILURE_MESSAGES: Record<DecodeFailure, string> = {
	empty: 'This link does not contain a result.',
	malformed: 'This link is not a netready result link, or it was cut short when it was copied.',
	damaged:
		'This link is damaged: part of it is missing or was changed. Ask for the link to be sent again, copied in full.',
	'future-version':
		'This link was made by a newer version of netready. Reload the page to get the newest version, then open the link again.',
	'too-large': 'This link holds more data than a netready result can, so it was not opened.',
	unsupported:
		'This browser cannot unpack result links (it lacks CompressionStream). Open the link in a current browser.'
};

export function failure(reason: DecodeFailure): DecodeOutcome {
	return { ok: false, reason, message: FAILURE_MESSAGES[reason] };
}
