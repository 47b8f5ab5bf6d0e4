import { describe, expect, it } from 'vitest';
import { browserSummary, detectWebrtc } from './support';

describe('detectWebrtc', () => {
	it('full when RTCPeerConnection has the icecandidateerror handler', () => {
		class PC {
			onicecandidateerror = null;
		}
		Object.defineProperty(PC.prototype, 'onicecandidateerror', { value: null });
		expect(detectWebrtc({ RTCPeerConnection: PC })).toBe('full');
	});
	it('no-error-events for an engine without it (Firefox < 150)', () => {
		class PC {}
		expect(detectWebrtc({ RTCPeerConnection: PC })).toBe('no-error-events');
	});
	it('unavailable when WebRTC is missing or replaced by something that is not a constructor', () => {
		expect(detectWebrtc({})).toBe('unavailable');
		expect(detectWebrtc({ RTCPeerConnection: undefined })).toBe('unavailable');
		expect(detectWebrtc({ RTCPeerConnection: 'blocked' })).toBe('unavailable');
	});
});

describe('browserSummary', () => {
	it.each([
		[
			'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36',
			'Chrome 156 (headless)'
		],
		[
			'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
			'Edge 131'
		],
		['Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0', 'Firefox 153'],
		[
			'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
			'Safari 17'
		],
		['curl/8.0', 'unknown browser']
	])('%s → %s', (ua, expected) => {
		expect(browserSummary(ua)).toBe(expected);
	});
});
