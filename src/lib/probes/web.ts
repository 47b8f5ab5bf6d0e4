/**
 * HTTPS (fetch) and WebSocket probes. The browser hides why a request failed: a name that does not
 * resolve, a refused connection, a TLS failure and (for WebSockets) a declined upgrade all look the
 * same to the page. So the outcome is only reachable / failed fast ("refused") / no answer in time,
 * and every reason says so. The classification is pure; the adapters below are thin.
 */
import type { ProbeOutcome, ProbeResult } from '$lib/result/result';
import { startBoundTimer } from './bound-timer';
import type { ProbeContext, ProbeRequest } from './types';

/** How a fetch or WebSocket attempt ended, as plain data. */
export interface WebAttempt {
	kind: 'https' | 'wss';
	/** ms from start to the end */
	ms: number;
	/**
	 * The first try failed after this many ms and the probe tried once more (within the same
	 * bound): one reset or dropped connection on a busy or slow link must not read as "blocked".
	 */
	firstFailureMs?: number;
	end:
		| { type: 'response'; status?: number; opaque: boolean }
		| { type: 'open' }
		| { type: 'error'; message?: string; closeCode?: number }
		| { type: 'bound' }
		| { type: 'aborted' }
		| { type: 'setup-failed'; message: string };
}

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export const CANNOT_TELL =
	'the browser does not say whether the name did not resolve, the connection was refused or TLS failed';

export function classifyWeb(a: WebAttempt): {
	outcome: ProbeOutcome;
	detail: string;
	httpStatus?: number;
} {
	const what = a.kind === 'https' ? 'HTTPS request' : 'WebSocket';
	const retried =
		a.firstFailureMs === undefined
			? ''
			: ` (a first try failed after ${fmtMs(a.firstFailureMs)}; the second answered)`;
	switch (a.end.type) {
		case 'response':
			return {
				outcome: 'reachable',
				detail:
					(a.end.opaque
						? `the server answered after ${fmtMs(a.ms)} (status hidden from the page, as for any cross-site request)`
						: `the server answered ${a.end.status ?? ''} after ${fmtMs(a.ms)}`.replace('  ', ' ')) +
					retried,
				...(a.end.status && !a.end.opaque ? { httpStatus: a.end.status } : {})
			};
		case 'open':
			return {
				outcome: 'reachable',
				detail: `the WebSocket opened after ${fmtMs(a.ms)}${retried}`
			};
		case 'error':
			return {
				outcome: 'refused',
				detail:
					`${what} failed ${a.firstFailureMs === undefined ? '' : `twice (after ${fmtMs(a.firstFailureMs)}, then `}after ${fmtMs(a.ms)}${a.firstFailureMs === undefined ? '' : ')'}${a.end.closeCode ? ` (close code ${a.end.closeCode})` : ''}: ${CANNOT_TELL}` +
					(a.kind === 'wss' ? ', or whether the server declined the WebSocket upgrade' : '')
			};
		case 'bound':
			// The first try failed and the second ran out of time: the failure is what was seen, so
			// the destination reads as refused, not as silent.
			if (a.firstFailureMs !== undefined)
				return {
					outcome: 'refused',
					detail: `${what} failed after ${fmtMs(a.firstFailureMs)}, and a second try had no answer within ${fmtMs(a.ms)}: ${CANNOT_TELL}`
				};
			return {
				outcome: 'timeout',
				detail: `no answer within ${fmtMs(a.ms)}: packets are probably dropped on the way, or the name lookup got no answer (or the server is very slow)`
			};
		case 'aborted':
			return { outcome: 'cancelled', detail: `stopped after ${fmtMs(a.ms)}` };
		case 'setup-failed':
			return {
				outcome: 'unsupported',
				detail: `the browser would not start the ${what}: ${a.end.message}`
			};
	}
}

function toResult(request: ProbeRequest, a: WebAttempt): ProbeResult {
	const c = classifyWeb(a);
	return {
		url: request.url,
		kind: request.kind,
		outcome: c.outcome,
		ms: Math.round(a.ms),
		evidence: { detail: c.detail, ...(c.httpStatus ? { httpStatus: c.httpStatus } : {}) }
	};
}

const message = (err: unknown) =>
	err instanceof Error ? `${err.name}: ${err.message}` : String(err);

export async function httpsProbe(
	request: ProbeRequest,
	context: ProbeContext
): Promise<ProbeResult> {
	const t0 = performance.now();
	const elapsed = () => performance.now() - t0;
	if (context.signal.aborted)
		return toResult(request, { kind: 'https', ms: 0, end: { type: 'aborted' } });
	const controller = new AbortController();
	let bounded = false;
	const stopTimer = startBoundTimer(context, () => {
		bounded = true;
		controller.abort();
	});
	const onAbort = () => controller.abort();
	context.signal.addEventListener('abort', onAbort, { once: true });
	let firstFailureMs: number | undefined;
	try {
		for (;;) {
			try {
				const response = await fetch(request.url, {
					method: 'GET',
					mode: 'no-cors',
					cache: 'no-store',
					credentials: 'omit',
					referrerPolicy: 'no-referrer',
					redirect: 'follow',
					signal: controller.signal
				});
				const ms = elapsed();
				// Only the headers matter: stop the body download.
				controller.abort();
				return toResult(request, {
					kind: 'https',
					ms,
					firstFailureMs,
					end: { type: 'response', status: response.status, opaque: response.type === 'opaque' }
				});
			} catch (err) {
				const ms = elapsed();
				if (bounded)
					return toResult(request, { kind: 'https', ms, firstFailureMs, end: { type: 'bound' } });
				if (context.signal.aborted)
					return toResult(request, { kind: 'https', ms, firstFailureMs, end: { type: 'aborted' } });
				// One more try within the same bound: a blocked destination fails the same way again
				// (a refusal or a failed lookup is as quick the second time).
				if (firstFailureMs === undefined) {
					firstFailureMs = ms;
					continue;
				}
				return toResult(request, {
					kind: 'https',
					ms,
					firstFailureMs,
					end: { type: 'error', message: message(err) }
				});
			}
		}
	} finally {
		stopTimer();
		context.signal.removeEventListener('abort', onAbort);
	}
}

export function wssProbe(request: ProbeRequest, context: ProbeContext): Promise<ProbeResult> {
	const t0 = performance.now();
	const elapsed = () => performance.now() - t0;
	if (context.signal.aborted)
		return Promise.resolve(toResult(request, { kind: 'wss', ms: 0, end: { type: 'aborted' } }));
	return new Promise((resolve) => {
		let socket: WebSocket | undefined;
		let done = false;
		let firstFailureMs: number | undefined;
		const close = (s: WebSocket | undefined) => {
			try {
				s?.close();
			} catch {
				// closing a socket that never opened may throw in old engines
			}
		};
		const finish = (end: WebAttempt['end']) => {
			if (done) return;
			done = true;
			stopTimer();
			context.signal.removeEventListener('abort', onAbort);
			close(socket);
			resolve(toResult(request, { kind: 'wss', ms: elapsed(), firstFailureMs, end }));
		};
		/** A failed first try is tried once more within the same bound, as for HTTPS. */
		const failed = (attempt: WebSocket, end: Extract<WebAttempt['end'], { type: 'error' }>) => {
			if (done || attempt !== socket) return;
			if (firstFailureMs !== undefined) return finish(end);
			firstFailureMs = elapsed();
			close(attempt);
			connect();
		};
		const connect = () => {
			let attempt: WebSocket;
			try {
				attempt = new WebSocket(request.url);
			} catch (err) {
				finish({ type: 'setup-failed', message: message(err) });
				return;
			}
			socket = attempt;
			attempt.addEventListener('open', () => {
				if (attempt === socket) finish({ type: 'open' });
			});
			// Browsers fire error then close(1006); the close carries the code, so prefer it when it comes.
			attempt.addEventListener('close', (e) =>
				failed(attempt, { type: 'error', closeCode: e.code })
			);
			attempt.addEventListener('error', () =>
				setTimeout(() => failed(attempt, { type: 'error' }), 50)
			);
		};
		const onAbort = () => finish({ type: 'aborted' });
		const stopTimer = startBoundTimer(context, () => finish({ type: 'bound' }));
		context.signal.addEventListener('abort', onAbort, { once: true });
		connect();
	});
}
