import type { ProfileExpectation } from './types';

export default {
	network: 'dns-failure-twilio',
	products: 'all',
	verdicts: {}
} satisfies ProfileExpectation;
