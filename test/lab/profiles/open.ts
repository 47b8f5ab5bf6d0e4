import type { ProfileExpectation } from './types';

export default {
	network: 'open',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
