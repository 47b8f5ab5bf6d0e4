/**
 * What a requirement is for, in plain words, for the clinician's view: the data gives every
 * requirement a one-sentence `purpose` (docs/data.md); vendor table text (footnote markers,
 * section names) never reaches the plain view.
 */
import type { Requirement } from '$lib/data/schema';

/** The plain sentence for a requirement, or a plain stand-in for one today's data lacks. */
export function purposeWords(r: Requirement | undefined): string {
	return r?.purpose ?? 'A rule this version of netready does not know.';
}
