/**
 * The thin browser part of the STUN/TURN probes: one RTCPeerConnection for one server url, its ICE
 * events written down as an IceLog, stopped as soon as the answer is known or the bound runs out.
 * Never waits for gathering to finish on its own: dropped UDP keeps Chromium gathering for a minute.
 */
import type { ProbeResult } from '$lib/result/result';
import { classifyIce, iceStopReason } from './ice-classify';
import { parseIceUrl } from '$lib/data/probe-url';
import { startBoundTimer } from './bound-timer';
import { familyOf, sanitizeIceLog, type IceEvent, type IceLog } from './ice-log';
import type { ProbeContext, ProbeRequest } from './types';

/**
 * Deliberately wrong credentials: a reachable TURN server answers 401, which is the proof we want,
 * and no relay is ever allocated on the vendor's account.
 */
export const TEST_CREDENTIALS = {
	username: 'netready-probe',
	credential: 'netready-probe'
} as const;

type PeerConnectionCtor = new (config: RTCConfiguration) => RTCPeerConnection;

export interface GatherOptions extends ProbeContext {
	/** for tests and alternative engines */
	RTCPeerConnection?: PeerConnectionCtor;
	now?: () => number;
}

/** The fields of RTCIceCandidate we read, parsed from the SDP line when the browser lacks them. */
function readCandidate(c: RTCIceCandidate): {
	type: string;
	protocol?: string;
	address?: string;
	port?: number;
} {
	if (c.type)
		return {
			type: c.type,
			protocol: c.protocol ?? undefined,
			address: c.address ?? undefined,
			port: c.port ?? undefined
		};
	const parts = c.candidate.replace(/^a=/, '').split(/\s+/);
	const typ = parts.indexOf('typ');
	return {
		type: typ > 0 ? (parts[typ + 1] ?? 'unknown') : 'unknown',
		protocol: parts[2]?.toLowerCase(),
		address: parts[4],
		port: parts[5] ? Number(parts[5]) : undefined
	};
}

export function gatherIce(url: string, options: GatherOptions): Promise<IceLog> {
	const now = options.now ?? (() => performance.now());
	const t0 = now();
	const t = () => Math.round(now() - t0);
	const parsed = parseIceUrl(url);
	const kind = parsed?.scheme === 'stun' ? 'stun' : 'turn';
	const Ctor: PeerConnectionCtor | undefined =
		options.RTCPeerConnection ??
		(globalThis as { RTCPeerConnection?: PeerConnectionCtor }).RTCPeerConnection;
	const errorEvents = !!Ctor && 'onicecandidateerror' in Ctor.prototype;
	const events: IceEvent[] = [];
	const log = (reason: IceLog['end']['reason'], detail?: string): IceLog =>
		sanitizeIceLog({
			url,
			policy: kind === 'turn' ? 'relay' : 'all',
			errorEvents,
			events,
			end: { t: t(), reason, ...(detail ? { detail } : {}) }
		});

	if (!Ctor) return Promise.resolve(log('setup-failed', 'RTCPeerConnection is not available'));
	if (!parsed) return Promise.resolve(log('setup-failed', `not a STUN/TURN url: ${url}`));
	if (options.signal.aborted) return Promise.resolve(log('aborted'));

	return new Promise<IceLog>((resolve) => {
		let pc: RTCPeerConnection | undefined;
		let done = false;
		const finish = (reason: IceLog['end']['reason'], detail?: string) => {
			if (done) return;
			done = true;
			stopTimer();
			options.signal.removeEventListener('abort', onAbort);
			try {
				pc?.close();
			} catch {
				// already closed
			}
			resolve(log(reason, detail));
		};
		const onAbort = () => finish('aborted');
		const stopTimer = startBoundTimer(options, () => finish('bound'), now);
		options.signal.addEventListener('abort', onAbort, { once: true });
		const record = (e: IceEvent) => {
			if (done) return;
			events.push(e);
			const stop = iceStopReason(events, kind);
			if (stop) finish(stop);
		};

		try {
			pc = new Ctor({
				iceServers: [kind === 'turn' ? { urls: url, ...TEST_CREDENTIALS } : { urls: url }],
				iceTransportPolicy: kind === 'turn' ? 'relay' : 'all',
				iceCandidatePoolSize: 0
			});
		} catch (err) {
			finish('setup-failed', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
			return;
		}
		pc.addEventListener('icecandidate', (ev) => {
			const c = ev.candidate;
			if (!c) return record({ t: t(), type: 'gathering-complete' });
			if (!c.candidate) return; // Firefox's empty end-of-candidates marker
			const { type, protocol, address, port } = readCandidate(c);
			record({
				t: t(),
				type: 'candidate',
				candidateType: type,
				...(protocol ? { protocol } : {}),
				// Host addresses are local: never kept. sanitizeIceLog enforces the same.
				...(type === 'srflx' && address ? { address, port } : {})
			});
		});
		pc.addEventListener('icecandidateerror', (ev) => {
			const e = ev as RTCPeerConnectionIceErrorEvent;
			record({
				t: t(),
				type: 'error',
				code: e.errorCode,
				text: e.errorText ?? '',
				...(e.url ? { url: e.url } : {}),
				family: familyOf(e.address)
			});
		});
		pc.addEventListener('icegatheringstatechange', () => {
			if (pc?.iceGatheringState === 'complete') record({ t: t(), type: 'gathering-complete' });
		});
		pc.createDataChannel('netready-probe');
		pc.createOffer()
			.then((offer) => (done ? undefined : pc!.setLocalDescription(offer)))
			.catch((err: unknown) =>
				finish('setup-failed', err instanceof Error ? `${err.name}: ${err.message}` : String(err))
			);
	});
}

export async function iceProbe(request: ProbeRequest, context: ProbeContext): Promise<ProbeResult> {
	const log = await gatherIce(request.url, context);
	const c = classifyIce(log);
	return {
		url: request.url,
		kind: request.kind,
		outcome: c.outcome,
		ms: c.outcome === 'reachable' && c.rttMs !== undefined ? c.rttMs : log.end.t,
		...(c.rttMs !== undefined ? { rttMs: c.rttMs } : {}),
		evidence: c.evidence
	};
}
