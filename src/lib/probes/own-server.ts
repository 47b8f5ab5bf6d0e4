/**
 * "Your own STUN/TURN server", for IT: a real WebRTC connection between two peers inside this page,
 * with the relay forced, through the server and credentials IT typed in. Loaded only when that panel
 * runs: simple-peer needs Node's Buffer/process, and its prebuilt browser bundle carries its own, so
 * nothing of it reaches the main bundle.
 *
 * The credentials live only in the arguments of testOwnServer: they never go into a result, a URL,
 * history or a permalink, and the returned value does not contain them.
 */
import type SimplePeerNs from 'simple-peer';
import type { ProbeEvidence } from '$lib/result/result';
import { classifyIce } from './ice-classify';
import { gatherIce } from './ice-adapter';
import { parseIceUrl } from '$lib/data/probe-url';
import { familyOf } from './ice-log';
import { megabitsPerSecond, selectedPair, type SelectedPair } from './loopback-stats';

export interface OwnServerInput {
	url: string;
	username?: string;
	credential?: string;
}

export interface OwnServerOptions {
	signal: AbortSignal;
	/** how long the two peers may take to connect through the relay */
	connectBoundMs?: number;
	/** bytes sent over the data channel for the throughput figure */
	transferBytes?: number;
	transferBoundMs?: number;
}

export interface OwnServerResult {
	url: string;
	kind: 'stun' | 'turn';
	outcome: 'connected' | 'reachable' | 'failed' | 'timeout' | 'cancelled' | 'unsupported';
	detail: string;
	connectMs?: number;
	pair?: SelectedPair;
	/** STUN only: shown in the panel, never stored */
	publicAddress?: string;
	throughput?: { bytes: number; ms: number; mbps: number; complete: boolean };
	iceErrors?: ProbeEvidence['iceErrors'];
}

type Peer = SimplePeerNs.Instance & { _pc?: RTCPeerConnection };

async function loadSimplePeer(): Promise<SimplePeerNs.SimplePeer> {
	const mod = (await import('simple-peer/simplepeer.min.js')) as {
		default?: SimplePeerNs.SimplePeer;
	};
	return (mod.default ?? mod) as SimplePeerNs.SimplePeer;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function testOwnServer(
	input: OwnServerInput,
	options: OwnServerOptions
): Promise<OwnServerResult> {
	const url = input.url.trim();
	const parsed = parseIceUrl(url);
	if (!parsed)
		return {
			url,
			kind: 'turn',
			outcome: 'unsupported',
			detail:
				'Not a STUN/TURN url. Examples: stun:stun.example.org:3478, turn:turn.example.org:3478?transport=udp, turns:turn.example.org:443?transport=tcp'
		};
	if (typeof RTCPeerConnection !== 'function')
		return {
			url,
			kind: 'turn',
			outcome: 'unsupported',
			detail: 'WebRTC is not available in this browser.'
		};

	if (parsed.scheme === 'stun') {
		const log = await gatherIce(url, {
			signal: options.signal,
			boundMs: options.connectBoundMs ?? 5000
		});
		const c = classifyIce(log);
		return {
			url,
			kind: 'stun',
			outcome:
				c.outcome === 'reachable'
					? 'reachable'
					: c.outcome === 'cancelled'
						? 'cancelled'
						: c.outcome === 'timeout'
							? 'timeout'
							: c.outcome === 'unsupported'
								? 'unsupported'
								: 'failed',
			detail: `${c.evidence.detail ?? c.outcome}. A STUN server cannot relay, so there is no connection to measure: give a TURN url for that.`,
			...(c.rttMs !== undefined ? { connectMs: c.rttMs } : {}),
			...(c.evidence.publicAddress ? { publicAddress: c.evidence.publicAddress } : {}),
			...(c.evidence.iceErrors ? { iceErrors: c.evidence.iceErrors } : {})
		};
	}

	const SimplePeer = await loadSimplePeer();
	const config: RTCConfiguration = {
		iceServers: [{ urls: url, username: input.username ?? '', credential: input.credential ?? '' }],
		iceTransportPolicy: 'relay'
	};
	const errors: NonNullable<OwnServerResult['iceErrors']> = [];
	// A 401 after the browser already retried with the credentials is final: stop waiting then.
	let onAuthRefused = () => {};
	const t0 = performance.now();
	const a = new SimplePeer({ initiator: true, trickle: true, config }) as Peer;
	const b = new SimplePeer({ initiator: false, trickle: true, config }) as Peer;
	for (const p of [a, b])
		p._pc?.addEventListener('icecandidateerror', (ev) => {
			const e = ev as RTCPeerConnectionIceErrorEvent;
			const entry = { code: e.errorCode, text: e.errorText ?? '', family: familyOf(e.address) };
			if (
				!errors.some(
					(x) => x.code === entry.code && x.text === entry.text && x.family === entry.family
				)
			)
				errors.push(entry);
			if (entry.code === 401) onAuthRefused();
		});
	a.on('signal', (d) => b.signal(d));
	b.on('signal', (d) => a.signal(d));
	const base = { url, kind: 'turn' as const };
	const withErrors = () => (errors.length ? { iceErrors: errors } : {});

	try {
		const connected = await new Promise<'connected' | 'timeout' | 'cancelled' | Error>(
			(resolve) => {
				const timer = setTimeout(() => resolve('timeout'), options.connectBoundMs ?? 10_000);
				const onAbort = () => resolve('cancelled');
				onAuthRefused = () => resolve(new Error('credentials refused'));
				options.signal.addEventListener('abort', onAbort, { once: true });
				let open = 0;
				const onConnect = () => {
					open += 1;
					if (open === 2) {
						clearTimeout(timer);
						options.signal.removeEventListener('abort', onAbort);
						resolve('connected');
					}
				};
				a.once('connect', onConnect);
				b.once('connect', onConnect);
				a.once('error', (err: Error) => resolve(err));
				b.once('error', (err: Error) => resolve(err));
			}
		);
		const connectMs = Math.round(performance.now() - t0);
		if (connected !== 'connected') {
			const authFailed = errors.some((e) => e.code === 401);
			return {
				...base,
				outcome:
					connected === 'cancelled' ? 'cancelled' : connected === 'timeout' ? 'timeout' : 'failed',
				detail: authFailed
					? 'The server answered but refused these credentials (401): check the username and credential.'
					: connected === 'timeout'
						? `No relayed connection within ${((options.connectBoundMs ?? 10_000) / 1000).toFixed(0)} s.`
						: connected === 'cancelled'
							? 'Stopped.'
							: `The connection failed: ${connected.message}`,
				...withErrors()
			};
		}

		const stats = a._pc ? await a._pc.getStats() : undefined;
		const pair = stats
			? selectedPair(stats as unknown as Iterable<[string, Record<string, unknown>]>)
			: undefined;

		const total = options.transferBytes ?? 1024 * 1024;
		const chunk = new Uint8Array(16 * 1024);
		let received = 0;
		b.on('data', (d: Uint8Array | string) => {
			received += typeof d === 'string' ? d.length : d.byteLength;
		});
		const tStart = performance.now();
		const deadline = tStart + (options.transferBoundMs ?? 10_000);
		for (let sent = 0; sent < total && !options.signal.aborted; sent += chunk.byteLength) {
			// Respect the channel's buffer rather than queueing everything at once.
			while (
				(a as unknown as { bufferedAmount: number }).bufferedAmount > 1024 * 1024 &&
				performance.now() < deadline
			)
				await sleep(5);
			a.send(chunk);
		}
		while (received < total && performance.now() < deadline && !options.signal.aborted)
			await sleep(10);
		const ms = Math.round(performance.now() - tStart);
		return {
			...base,
			outcome: 'connected',
			connectMs,
			...(pair ? { pair } : {}),
			throughput: {
				bytes: received,
				ms,
				mbps: megabitsPerSecond(received, ms),
				complete: received >= total
			},
			detail:
				pair?.local.candidateType === 'relay'
					? `Connected through the relay${pair.local.relayProtocol ? ` (this browser reaches it over ${pair.local.relayProtocol.toUpperCase()})` : ''}.`
					: 'Connected.',
			...withErrors()
		};
	} finally {
		a.destroy();
		b.destroy();
	}
}
