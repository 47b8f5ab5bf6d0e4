/**
 * What a requirement is for, in plain words ("video traffic", "the web app"), for the clinician's
 * view. The data gives each requirement a `purpose`; vendor table text (footnote markers, section
 * names) never reaches the plain view.
 */
import type { Requirement } from '$lib/data/schema';

const PURPOSE_WORDS: Record<string, string> = {
	video: 'video and sound',
	media: 'video and sound',
	'web-app': 'the web app',
	'sign-in': 'signing in',
	'device-updates': 'device updates',
	updates: 'updates',
	logging: 'error reports',
	'time-sync': 'the clock',
	'remote-support': 'remote support',
	messaging: 'messages',
	signalling: 'connecting calls',
	'name-lookup': 'finding the servers'
};

/** Plain words for a requirement's purpose; a cleaned service name where the data has none. */
export function purposeWords(r: Requirement | undefined): string {
	if (!r) return 'a rule this version does not know';
	const purpose = (r as Requirement & { purpose?: string }).purpose;
	if (purpose && PURPOSE_WORDS[purpose]) return PURPOSE_WORDS[purpose];
	return cleanService(r.service);
}

/** "DMS2) / CMS3)" → "DMS / CMS"; "Media (STUN/TURN)* Reduces …" → "Media (STUN/TURN)". */
export function cleanService(service: string): string {
	return (
		service
			.replace(/\s*\*.*$/s, '')
			.replace(/(\w)\d\)/g, '$1')
			.replace(/\s+/g, ' ')
			.trim() || service
	);
}
