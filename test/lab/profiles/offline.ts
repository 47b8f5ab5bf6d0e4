import { NOT_CONNECTED } from '../intended';
import { BLOCKED_VERDICTS } from './all-blocked';
import type { ProfileExpectation } from './types';

/** Nothing answers, not even DNS: every probe times out within its bound, same verdicts as all-blocked. */
export default {
	network: 'offline',
	products: 'all',
	verdicts: BLOCKED_VERDICTS,
	intended: NOT_CONNECTED
} satisfies ProfileExpectation;
