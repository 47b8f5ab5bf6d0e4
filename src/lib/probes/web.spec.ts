import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CANNOT_TELL, classifyWeb, httpsProbe } from './web';

describe('classifyWeb', () => {
	it('an opaque no-cors response is reachable, with its status hidden', () => {
		const c = classifyWeb({
			kind: 'https',
			ms: 84,
			end: { type: 'response', status: 0, opaque: true }
		});
		expect(c.outcome).toBe('reachable');
		expect(c.httpStatus).toBeUndefined();
		expect(c.detail).toContain('84 ms');
	});

	it('a readable response keeps its status', () => {
		const c = classifyWeb({
			kind: 'https',
			ms: 20,
			end: { type: 'response', status: 404, opaque: false }
		});
		expect(c).toMatchObject({ outcome: 'reachable', httpStatus: 404 });
	});

	it('a fast failure is "refused" and says the browser cannot tell DNS from TLS from refusal', () => {
		const c = classifyWeb({
			kind: 'https',
			ms: 31,
			end: { type: 'error', message: 'TypeError: Failed to fetch' }
		});
		expect(c.outcome).toBe('refused');
		expect(c.detail).toContain(CANNOT_TELL);
	});

	it('a failed WebSocket also mentions a declined upgrade and the close code', () => {
		const c = classifyWeb({ kind: 'wss', ms: 1200, end: { type: 'error', closeCode: 1006 } });
		expect(c.outcome).toBe('refused');
		expect(c.detail).toMatch(/1\.2 s \(close code 1006\)/);
		expect(c.detail).toContain('declined the WebSocket upgrade');
	});

	it('an answer after a failed first try is reachable and says the first try failed', () => {
		const c = classifyWeb({
			kind: 'https',
			ms: 2900,
			firstFailureMs: 2400,
			end: { type: 'response', status: 0, opaque: true }
		});
		expect(c.outcome).toBe('reachable');
		expect(c.detail).toMatch(
			/answered after 2\.9 s .*a first try failed after 2\.4 s; the second answered/
		);
	});

	it('a failure and then no answer within the bound stays refused: the failure is what was seen', () => {
		const c = classifyWeb({
			kind: 'https',
			ms: 2000,
			firstFailureMs: 1900,
			end: { type: 'bound' }
		});
		expect(c.outcome).toBe('refused');
		expect(c.detail).toMatch(
			/^HTTPS request failed after 1\.9 s, and a second try had no answer within 2\.0 s: /
		);
	});

	it('two failed tries are refused, with both times', () => {
		const c = classifyWeb({ kind: 'https', ms: 70, firstFailureMs: 30, end: { type: 'error' } });
		expect(c.outcome).toBe('refused');
		expect(c.detail).toMatch(/^HTTPS request failed twice \(after 30 ms, then after 70 ms\): /);
	});

	it.each([
		[{ type: 'open' } as const, 'reachable'],
		[{ type: 'bound' } as const, 'timeout'],
		[{ type: 'aborted' } as const, 'cancelled'],
		[{ type: 'setup-failed', message: 'SyntaxError' } as const, 'unsupported']
	])('%o → %s', (end, outcome) => {
		expect(classifyWeb({ kind: 'wss', ms: 4500, end }).outcome).toBe(outcome);
	});
});

/** The fetch adapter against real sockets on loopback (plain HTTP: Node has no test CA to trust). */
describe('httpsProbe on loopback', () => {
	let answering: Server;
	let silent: Server;
	/** drops the first connection it gets, answers every later one (a reset on a busy link) */
	let dropsFirst: Server;
	/** drops the first connection, then never answers */
	let dropsThenSilent: Server;
	let closedPort: number;
	const base = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/`;

	beforeAll(async () => {
		answering = createServer((_req, res) => res.end('ok'));
		silent = createServer(() => {
			// accepts the connection, never answers: what a black-holing proxy looks like
		});
		dropsFirst = createServer((_req, res) => res.end('ok'));
		let connections = 0;
		dropsFirst.on('connection', (socket) => {
			connections += 1;
			if (connections === 1) socket.destroy();
		});
		dropsThenSilent = createServer(() => {
			// accepts, never answers
		});
		let seen = 0;
		dropsThenSilent.on('connection', (socket) => {
			seen += 1;
			if (seen === 1) socket.destroy();
		});
		const closed = createServer();
		await Promise.all(
			[answering, silent, dropsFirst, dropsThenSilent, closed].map(
				(s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
			)
		);
		closedPort = (closed.address() as AddressInfo).port;
		await new Promise((r) => closed.close(r));
	});
	afterAll(() => {
		answering.close();
		dropsFirst.close();
		dropsThenSilent.closeAllConnections();
		dropsThenSilent.close();
		silent.closeAllConnections();
		silent.close();
	});

	const ctx = (boundMs: number, signal = new AbortController().signal) => ({ boundMs, signal });

	it('reachable when the server answers', async () => {
		const r = await httpsProbe({ url: base(answering), kind: 'https' }, ctx(2000));
		expect(r.outcome).toBe('reachable');
		expect(r.ms).toBeLessThan(2000);
	});

	it('refused, fast, when nothing listens', async () => {
		const r = await httpsProbe(
			{ url: `http://127.0.0.1:${closedPort}/`, kind: 'https' },
			ctx(2000)
		);
		expect(r.outcome).toBe('refused');
		expect(r.ms).toBeLessThan(1000);
	});

	it('refused only after a second try has failed too', async () => {
		const r = await httpsProbe(
			{ url: `http://127.0.0.1:${closedPort}/`, kind: 'https' },
			ctx(2000)
		);
		expect(r.evidence.detail).toMatch(/failed twice/);
	});

	it('reachable when a dropped first connection is followed by an answer', async () => {
		const r = await httpsProbe({ url: base(dropsFirst), kind: 'https' }, ctx(2000));
		expect(r.outcome).toBe('reachable');
		expect(r.evidence.detail).toMatch(/a first try failed after \d+ ms; the second answered/);
	});

	it('refused, not timeout, when a failed first try is followed by silence', async () => {
		const r = await httpsProbe({ url: base(dropsThenSilent), kind: 'https' }, ctx(400));
		expect(r.outcome).toBe('refused');
		expect(r.evidence.detail).toMatch(/a second try had no answer within/);
	});

	it('timeout at the bound when the server never answers', async () => {
		const r = await httpsProbe({ url: base(silent), kind: 'https' }, ctx(300));
		expect(r.outcome).toBe('timeout');
		expect(r.ms).toBeGreaterThanOrEqual(290);
		expect(r.ms).toBeLessThan(1500);
	});

	it('cancelled promptly when the signal aborts', async () => {
		const controller = new AbortController();
		const pending = httpsProbe({ url: base(silent), kind: 'https' }, ctx(5000, controller.signal));
		setTimeout(() => controller.abort(), 50);
		const r = await pending;
		expect(r.outcome).toBe('cancelled');
		expect(r.ms).toBeLessThan(1000);
	});
});
