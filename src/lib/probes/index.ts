/** The real probes for the browser, behind the ProbeAdapters interface the runner uses. */
import { iceProbe } from './ice-adapter';
import { detectWebrtc, type WebrtcSupport } from './support';
import type { ProbeAdapters, ProbeFn } from './types';
import { httpsProbe, wssProbe } from './web';

export type { ProbeAdapters, ProbeContext, ProbeFn, ProbeRequest } from './types';

const WEBRTC_UNAVAILABLE =
	'WebRTC is turned off or missing in this browser (or blocked by a policy or an extension), so STUN and TURN cannot be tested here';

const unsupportedIce: ProbeFn = async (request) => ({
	url: request.url,
	kind: request.kind,
	outcome: 'unsupported',
	ms: 0,
	evidence: { detail: WEBRTC_UNAVAILABLE }
});

export function browserAdapters(webrtc: WebrtcSupport = detectWebrtc()): ProbeAdapters {
	const ice = webrtc === 'unavailable' ? unsupportedIce : iceProbe;
	return { stun: ice, turn: ice, https: httpsProbe, wss: wssProbe };
}
