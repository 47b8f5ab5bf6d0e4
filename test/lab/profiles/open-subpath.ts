import type { ProfileExpectation } from './types';

/**
 * The same build served under /netready/ (docs/lab.md): the check page, its lazily loaded probe
 * code and the export must all work from a sub-path. Two products picked in the URL.
 */
export default {
	network: 'open',
	title: 'open network, site under /netready/, two products',
	products: ['accurx-vc-patient', 'amwell-home'],
	subPath: true,
	verdicts: {
		'accurx-vc-patient': { verdict: 'ready', why: 'everything reachable' },
		'amwell-home': { verdict: 'ready', why: 'everything reachable' }
	}
} satisfies ProfileExpectation;
