import type { ProfileExpectation } from './types';

export default {
	network: 'all-blocked',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
