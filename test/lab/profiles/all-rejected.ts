import { BLOCKED_VERDICTS } from './all-blocked';
import type { ProfileExpectation } from './types';

/** Everything refused at once (TCP reset, ICMP for UDP): the verdicts of a fully blocked network, reached fast for TCP. */
export default {
	network: 'all-rejected',
	products: 'all',
	verdicts: BLOCKED_VERDICTS
} satisfies ProfileExpectation;
