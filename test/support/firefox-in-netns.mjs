// Runs Firefox inside a lab network namespace and makes its WebDriver BiDi socket reachable from
// the host namespace, for puppeteer-core's launch() (test/support/firefox.ts writes the executable
// wrapper that calls this script).
//
//   node firefox-in-netns.mjs host <netns> <socket-dir> <firefox> [firefox args...]
//   node firefox-in-netns.mjs inside <socket-path> <firefox> [firefox args...]   (started by "host")
//
// Firefox binds its BiDi server to 127.0.0.1 of the namespace it runs in, which the host cannot
// reach (and the lab gives the host no route into the namespace on purpose). A path-based Unix
// socket is not bound to a network namespace, so the bridge is:
//   puppeteer ──TCP 127.0.0.1:<p> (host)──▶ "host" ──unix socket──▶ "inside" ──TCP 127.0.0.1:<q> (lab)──▶ Firefox
// "inside" runs in a UTS namespace of its own whose host name is localhost (see below).
// "host" prints Firefox's own "WebDriver BiDi listening on ws://..." line with the host port, which
// is what puppeteer waits for; every other output line passes through unchanged. Both parts exit
// with Firefox, and pass SIGTERM/SIGINT/SIGHUP on to it.
import { execFileSync, spawn } from 'node:child_process';
import { realpathSync, rmSync } from 'node:fs';
import net from 'node:net';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const BIDI_LINE = /^WebDriver BiDi listening on ws:\/\/127\.0\.0\.1:(\d+)\s*$/;

/**
 * Pipes every connection accepted by `server` to a fresh connection made by `connect`. With
 * `hostHeader`, the Host header of the request that opens the connection is rewritten: Firefox
 * refuses a WebSocket handshake whose Host port is not its own (400), and the host side listens on
 * a port of its own.
 */
function relay(server, connect, hostHeader) {
	const sockets = new Set();
	server.on('connection', (incoming) => {
		const outgoing = connect();
		for (const s of [incoming, outgoing]) {
			sockets.add(s);
			s.on('close', () => sockets.delete(s));
			s.on('error', () => {
				incoming.destroy();
				outgoing.destroy();
			});
		}
		outgoing.pipe(incoming);
		if (!hostHeader) {
			incoming.pipe(outgoing);
			return;
		}
		let head = Buffer.alloc(0);
		const readHead = (chunk) => {
			head = Buffer.concat([head, chunk]);
			const end = head.indexOf('\r\n\r\n');
			if (end < 0 && head.length < 64 * 1024) return;
			incoming.off('data', readHead);
			const split = end < 0 ? head.length : end + 4;
			const request = head
				.subarray(0, split)
				.toString('latin1')
				.replace(/^Host:[^\r\n]*/im, `Host: ${hostHeader}`);
			outgoing.write(Buffer.from(request, 'latin1'));
			if (split < head.length) outgoing.write(head.subarray(split));
			incoming.pipe(outgoing);
		};
		incoming.on('data', readHead);
	});
	return () => {
		for (const s of sockets) s.destroy();
		server.close();
	};
}

/** Starts `cmd`, copies its stdout, hands each stderr line to `onLine`, exits with it. */
function runChild(cmd, args, onLine, onExit) {
	const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'pipe'] });
	createInterface({ input: child.stderr }).on('line', onLine);
	for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
		process.on(signal, () => child.kill(signal));
	}
	child.on('error', (error) => {
		process.stderr.write(`firefox-in-netns: cannot start ${cmd}: ${error.message}\n`);
		onExit();
		process.exit(127);
	});
	child.on('exit', (code, signal) => {
		onExit();
		process.exit(code ?? (signal ? 128 + 15 : 1));
	});
	return child;
}

const [role, ...rest] = process.argv.slice(2);

if (role === 'inside') {
	const [socketPath, firefox, ...firefoxArgs] = rest;
	// Firefox resolves the machine's host name at start (the profile lock records it). A real machine
	// answers that from /etc/hosts; the lab's hosts file only knows localhost, so the query went to
	// the lab's resolver, and on a network that drops DNS the start waited ~20 s for it to time out.
	// "host" started us in a UTS namespace of our own: call the host localhost.
	execFileSync('hostname', ['localhost']);
	// Enterprise policies (test/support/firefox.ts writes them when Firefox must check certificates
	// against the lab CA): Firefox reads <install dir>/distribution/policies.json. ip netns exec gave
	// this process a mount namespace of its own, so the bind mount is seen by this Firefox only.
	const distribution = process.env.NR_FIREFOX_DISTRIBUTION;
	if (distribution) {
		const target = realpathSync(join(dirname(realpathSync(firefox)), 'distribution'));
		execFileSync('mount', ['--bind', distribution, target]);
	}
	let stopRelay = () => {};
	runChild(
		firefox,
		firefoxArgs,
		(line) => {
			const m = BIDI_LINE.exec(line);
			if (!m) {
				process.stderr.write(`${line}\n`);
				return;
			}
			const port = Number(m[1]);
			const server = net.createServer();
			stopRelay = relay(server, () => net.connect(port, '127.0.0.1'));
			// Only announce the port once the bridge accepts connections.
			server.listen(socketPath, () => process.stderr.write(`${line}\n`));
		},
		() => stopRelay()
	);
} else if (role === 'host') {
	const [netns, socketDir, firefox, ...firefoxArgs] = rest;
	const socketPath = join(socketDir, 'bidi.sock');
	let stopRelay = () => {};
	runChild(
		'ip',
		[
			'netns',
			'exec',
			netns,
			'unshare',
			'--uts',
			'--',
			process.execPath,
			new URL(import.meta.url).pathname,
			'inside',
			socketPath,
			firefox,
			...firefoxArgs
		],
		(line) => {
			const m = BIDI_LINE.exec(line);
			if (!m) {
				process.stderr.write(`${line}\n`);
				return;
			}
			const server = net.createServer();
			stopRelay = relay(server, () => net.connect(socketPath), `127.0.0.1:${m[1]}`);
			server.listen(0, '127.0.0.1', () => {
				const { port } = server.address();
				process.stderr.write(`WebDriver BiDi listening on ws://127.0.0.1:${port}\n`);
			});
		},
		() => {
			stopRelay();
			rmSync(socketPath, { force: true });
		}
	);
} else {
	process.stderr.write(
		'usage: firefox-in-netns.mjs host <netns> <socket-dir> <firefox> [args...]\n'
	);
	process.exit(2);
}
