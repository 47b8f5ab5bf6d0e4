/** What this browser offers for WebRTC probes, and a short summary of the browser for the result. */
import type { CheckResult } from '$lib/result/result';

export type WebrtcSupport = CheckResult['webrtc'];

/** Takes the global object so tests can hand in a fake one. */
export function detectWebrtc(scope: object = globalThis): WebrtcSupport {
	const Ctor: unknown = (scope as { RTCPeerConnection?: unknown }).RTCPeerConnection;
	if (typeof Ctor !== 'function') return 'unavailable';
	const proto: unknown = Ctor.prototype;
	if (!proto || typeof proto !== 'object') return 'unavailable';
	return 'onicecandidateerror' in proto ? 'full' : 'no-error-events';
}

/** "Chrome 156", "Firefox 153", "Safari 17", "Edge 120" — the engine and major version only. */
export function browserSummary(userAgent: string): string {
	const tests: [RegExp, string][] = [
		[/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
		[/OPR\/(\d+)/, 'Opera'],
		[/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
		[/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
		[/(?:Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome'],
		[/Version\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//, 'Safari']
	];
	for (const [re, name] of tests) {
		const m = re.exec(userAgent);
		if (m) return `${name} ${m[1]}${/HeadlessChrome/.test(userAgent) ? ' (headless)' : ''}`;
	}
	return 'unknown browser';
}
