import { sameVerdicts } from '../intended';
import { BLOCKED_VERDICTS } from './all-blocked';
import type { ProfileExpectation } from './types';

/**
 * As all-blocked (everything dropped, DNS answers) on a 600 ms link: the same verdicts. For the
 * benchmark (issue 12: a silent network with 600 ms round trips must still end within 8 s).
 */
const verdicts = BLOCKED_VERDICTS;

export default {
	network: 'slow-silent',
	products: 'all',
	verdicts,
	intended: sameVerdicts(
		verdicts,
		'The same verdicts as all-blocked, reached within 8 s (issue 12): nothing is slow to answer ' +
			'here, everything is silent.'
	)
} satisfies ProfileExpectation;
