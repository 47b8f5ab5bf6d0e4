import type { ProfileExpectation } from './types';

export default {
	network: 'udp-blocked',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
