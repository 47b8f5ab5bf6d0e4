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
	switch (a.end.type) {
		case 'response':
			return {
				outcome: 'reachable',
				detail: a.end.opaque
					? `the server answered after ${fmtMs(a.ms)} (status hidden from the page, as for any cross-site request)`
					: `the server answered ${a.end.status ?? ''} after ${fmtMs(a.ms)}`.replace('  ', ' '),
				...(a.end.status && !a.end.opaque ? { httpStatus: a.end.status } : {})
			};
		case 'open':
			return { outcome: 'reachable', detail: `the WebSocket opened after ${fmtMs(a.ms)}` };
		case 'error':
			return {
				outcome: 'refused',
				detail:
					`${what} failed after ${fmtMs(a.ms)}${a.end.closeCode ? ` (close code ${a.end.closeCode})` : ''}: ${CANNOT_TELL}` +
					(a.kind === 'wss' ? ', or whether the server declined the WebSocket upgrade' : '')
			};
		case 'bound':
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
			end: { type: 'response', status: response.status, opaque: response.type === 'opaque' }
		});
	} catch (err) {
		const ms = elapsed();
		if (bounded) return toResult(request, { kind: 'https', ms, end: { type: 'bound' } });
		if (context.signal.aborted)
			return toResult(request, { kind: 'https', ms, end: { type: 'aborted' } });
		return toResult(request, { kind: 'https', ms, end: { type: 'error', message: message(err) } });
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
		const finish = (end: WebAttempt['end']) => {
			if (done) return;
			done = true;
			stopTimer();
			context.signal.removeEventListener('abort', onAbort);
			try {
				socket?.close();
			} catch {
				// closing a socket that never opened may throw in old engines
			}
			resolve(toResult(request, { kind: 'wss', ms: elapsed(), end }));
		};
		const onAbort = () => finish({ type: 'aborted' });
		const stopTimer = startBoundTimer(context, () => finish({ type: 'bound' }));
		context.signal.addEventListener('abort', onAbort, { once: true });
		try {
			socket = new WebSocket(request.url);
		} catch (err) {
			finish({ type: 'setup-failed', message: message(err) });
			return;
		}
		socket.addEventListener('open', () => finish({ type: 'open' }));
		// Browsers fire error then close(1006); the close carries the code, so prefer it when it comes.
		socket.addEventListener('close', (e) => finish({ type: 'error', closeCode: e.code }));
		socket.addEventListener('error', () => setTimeout(() => finish({ type: 'error' }), 50));
	});
}
