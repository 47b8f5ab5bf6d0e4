import { NOT_CONNECTED } from '../intended';
import { NOT_CONNECTED_VERDICTS } from './no-internet';
import type { ProfileExpectation } from './types';

/**
 * The network interface is down (Wi-Fi off): navigator.onLine is false in both engines, every web
 * request fails at once and WebRTC has no interface, so every STUN/TURN probe times out. Today every
 * product with a testable rule comes out not ready.
 */
export default {
	network: 'no-link',
	products: 'all',
	verdicts: NOT_CONNECTED_VERDICTS,
	intended: NOT_CONNECTED
} satisfies ProfileExpectation;
