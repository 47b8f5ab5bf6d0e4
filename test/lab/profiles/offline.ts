import type { ProfileExpectation } from './types';

export default {
	network: 'offline',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
