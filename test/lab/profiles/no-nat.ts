import type { ProfileExpectation } from './types';

export default {
	network: 'no-nat',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
