/**
 * Raw browser probes for testing the lab itself and recording what Chromium emits: one
 * RTCPeerConnection per ICE server url and transport (as the guide requires), plain fetch and
 * WebSocket. They record everything and conclude nothing; the app's classifier is what concludes.
 */
import type { Page } from 'playwright-core';

export interface IceServerSpec {
	urls: string;
	username?: string;
	credential?: string;
}

export type IceEvent =
	| { t: number; type: 'gathering-state'; state: string }
	| {
			t: number;
			type: 'candidate';
			candidateType: string | null;
			protocol: string | null;
			/** "<mdns>.local" for obfuscated host candidates, the real lab address otherwise */
			address: string | null;
			relatedAddress: string | null;
			url: string | null;
			tcpType: string | null;
	  }
	| { t: number; type: 'end-of-candidates' }
	| {
			t: number;
			type: 'candidate-error';
			errorCode: number;
			errorText: string;
			url: string;
			address: string | null;
			port: number | null;
	  };

export interface IceProbeRecord {
	server: IceServerSpec;
	iceTransportPolicy: 'all' | 'relay';
	events: IceEvent[];
	/** ms until iceGatheringState became "complete", null if it did not within waitedMs */
	gatheringCompleteMs: number | null;
	waitedMs: number;
}

export interface WebProbeRecord {
	url: string;
	kind: 'fetch-no-cors' | 'fetch-cors' | 'websocket';
	/** what happened, in the browser's own words */
	outcome: 'response' | 'error' | 'open' | 'timeout';
	ms: number;
	status?: number;
	responseType?: string;
	error?: string;
	closeCode?: number;
	errorEventFired?: boolean;
}

/**
 * Runs all ICE probes in parallel in the page. Each ends when gathering completes or after
 * maxWaitMs (dropped traffic can keep Chromium gathering for over a minute).
 */
export async function runIceProbes(
	page: Page,
	probes: { server: IceServerSpec; iceTransportPolicy: 'all' | 'relay' }[],
	maxWaitMs: number
): Promise<IceProbeRecord[]> {
	return page.evaluate(
		async ({ probes, maxWaitMs }) => {
			const one = (probe: (typeof probes)[number]) =>
				new Promise<IceProbeRecord>((resolve) => {
					const started = performance.now();
					const t = () => Math.round(performance.now() - started);
					const events: IceEvent[] = [];
					const pc = new RTCPeerConnection({
						iceServers: [probe.server],
						iceTransportPolicy: probe.iceTransportPolicy
					});
					let finished = false;
					const finish = (completeMs: number | null) => {
						if (finished) return;
						finished = true;
						clearTimeout(timer);
						pc.close();
						resolve({ ...probe, events, gatheringCompleteMs: completeMs, waitedMs: t() });
					};
					const timer = setTimeout(() => finish(null), maxWaitMs);
					pc.onicegatheringstatechange = () => {
						events.push({ t: t(), type: 'gathering-state', state: pc.iceGatheringState });
						// Late errors may follow "complete" by a few ms; give them a moment.
						if (pc.iceGatheringState === 'complete') {
							const at = t();
							setTimeout(() => finish(at), 200);
						}
					};
					pc.onicecandidate = (e) => {
						if (!e.candidate) {
							events.push({ t: t(), type: 'end-of-candidates' });
							return;
						}
						const c = e.candidate;
						events.push({
							t: t(),
							type: 'candidate',
							candidateType: c.type,
							protocol: c.protocol,
							address: c.address?.endsWith('.local') ? '<mdns>.local' : c.address,
							relatedAddress: c.relatedAddress,
							url: (c as RTCIceCandidate & { url?: string }).url ?? null,
							tcpType: c.tcpType
						});
					};
					pc.onicecandidateerror = (e) => {
						const err = e as RTCPeerConnectionIceErrorEvent;
						events.push({
							t: t(),
							type: 'candidate-error',
							errorCode: err.errorCode,
							errorText: err.errorText,
							url: err.url,
							address: err.address,
							port: err.port
						});
					};
					pc.createDataChannel('probe');
					pc.createOffer()
						.then((offer) => pc.setLocalDescription(offer))
						.catch(() => finish(null));
				});
			return Promise.all(probes.map(one));
		},
		{ probes, maxWaitMs }
	);
}

/** fetch (no-cors and cors) and WebSocket against each url, in parallel, each bounded by maxWaitMs. */
export async function runWebProbes(
	page: Page,
	urls: { url: string; kind: WebProbeRecord['kind'] }[],
	maxWaitMs: number
): Promise<WebProbeRecord[]> {
	return page.evaluate(
		async ({ urls, maxWaitMs }) => {
			const viaFetch = async (
				url: string,
				kind: 'fetch-no-cors' | 'fetch-cors'
			): Promise<WebProbeRecord> => {
				const started = performance.now();
				const ms = () => Math.round(performance.now() - started);
				try {
					const response = await fetch(url, {
						mode: kind === 'fetch-no-cors' ? 'no-cors' : 'cors',
						cache: 'no-store',
						signal: AbortSignal.timeout(maxWaitMs)
					});
					return {
						url,
						kind,
						outcome: 'response',
						ms: ms(),
						status: response.status,
						responseType: response.type
					};
				} catch (error) {
					const e = error as Error;
					return {
						url,
						kind,
						outcome: e.name === 'TimeoutError' ? 'timeout' : 'error',
						ms: ms(),
						error: `${e.name}: ${e.message}`
					};
				}
			};
			const viaWebSocket = (url: string): Promise<WebProbeRecord> =>
				new Promise((resolve) => {
					const started = performance.now();
					const ms = () => Math.round(performance.now() - started);
					let errorEventFired = false;
					const ws = new WebSocket(url);
					const timer = setTimeout(() => {
						ws.close();
						resolve({ url, kind: 'websocket', outcome: 'timeout', ms: ms(), errorEventFired });
					}, maxWaitMs);
					ws.onopen = () => {
						clearTimeout(timer);
						const at = ms();
						ws.close(1000);
						resolve({ url, kind: 'websocket', outcome: 'open', ms: at });
					};
					ws.onerror = () => {
						errorEventFired = true;
					};
					ws.onclose = (e) => {
						clearTimeout(timer);
						resolve({
							url,
							kind: 'websocket',
							outcome: 'error',
							ms: ms(),
							closeCode: e.code,
							errorEventFired
						});
					};
				});
			return Promise.all(
				urls.map(({ url, kind }) =>
					kind === 'websocket' ? viaWebSocket(url) : viaFetch(url, kind)
				)
			);
		},
		{ urls, maxWaitMs }
	);
}

/** Compact summaries of ICE records, for assertions and readable failure messages. */
export function iceSummary(record: IceProbeRecord) {
	const errors = record.events.filter(
		(e): e is Extract<IceEvent, { type: 'candidate-error' }> => e.type === 'candidate-error'
	);
	const candidates = record.events.filter(
		(e): e is Extract<IceEvent, { type: 'candidate' }> => e.type === 'candidate'
	);
	return {
		url: record.server.urls,
		srflx: candidates.filter((c) => c.candidateType === 'srflx').map((c) => c.address),
		relay: candidates.filter((c) => c.candidateType === 'relay').map((c) => c.address),
		errors: errors.map((e) => `${e.errorCode} ${e.errorText}`),
		codes: [...new Set(errors.map((e) => e.errorCode))].sort(),
		complete: record.gatheringCompleteMs
	};
}
