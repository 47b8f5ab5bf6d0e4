import type { ProfileExpectation } from './types';

export default {
	network: 'web-only',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
