import type { ProfileExpectation } from './types';

export default {
	network: 'all-rejected',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
