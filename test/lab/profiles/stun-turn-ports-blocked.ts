import type { ProfileExpectation } from './types';

export default {
	network: 'stun-turn-ports-blocked',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
