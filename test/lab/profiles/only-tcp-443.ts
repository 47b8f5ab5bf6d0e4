import type { ProfileExpectation } from './types';

export default {
	network: 'only-tcp-443',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
