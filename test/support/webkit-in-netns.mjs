// Runs inside the lab's client namespace next to WebKitWebDriver (test/support/webkit.ts starts
// all three with `ip netns exec <client>`, and stops them by process id):
//
//   node webkit-in-netns.mjs <socket-path> <site-origin>
//
// 1. A bridge for the W3C WebDriver HTTP protocol. WebKitWebDriver listens on 127.0.0.1 of the
//    namespace, which the host cannot reach (the lab gives the host no route in, on purpose). A
//    path-based Unix socket is not tied to a network namespace, so every connection accepted on
//    <socket-path> is piped to 127.0.0.1:<driver port> inside:
//      webkit.ts (fetch) ──TCP 127.0.0.1 (host)──▶ webkit.ts relay ──unix──▶ here ──TCP (lab)──▶ WebKitWebDriver
//    The driver port is chosen here (free in this namespace) and reported; webkit.ts then starts
//    WebKitWebDriver on it.
// 2. The site as WebKit sees it: a pass-through proxy to the lab's static server that adds one
//    <script src="/__lab/error-recorder.js"> to every HTML page, right after the page's CSP. Classic
//    WebDriver has no way to run a script before the page's own (no preload script, no console
//    log in WebKitWebDriver 2.50), and MiniBrowser writes no console messages in automation mode,
//    so this is how errors thrown while a page starts are caught. The recorder is same-origin, so
//    the page's strict CSP ('self') allows it unchanged. With the cookie nr-lab-break=1 the proxy
//    also adds /__lab/deliberate-error.js, which throws while the page loads: the tests prove the
//    recorder catches it.
//
// Prints one line {"ready":true,"driverPort":N,"sitePort":M} when both listen; exits on SIGTERM.
import http from 'node:http';
import net from 'node:net';
import { rmSync } from 'node:fs';

const [socketPath, siteOrigin] = process.argv.slice(2);
if (!socketPath || !siteOrigin) {
	process.stderr.write('usage: webkit-in-netns.mjs <socket-path> <site-origin>\n');
	process.exit(2);
}
const site = new URL(siteOrigin);

/** Installed before any script of the page: records what would otherwise only reach a console. */
const ERROR_RECORDER = `(() => {
	if (window.__nrErrors) return;
	const errors = [];
	Object.defineProperty(window, '__nrErrors', { value: errors });
	const push = (kind, message, where) =>
		errors.push({ kind, message: String(message), where: where || '', url: location.href, t: Math.round(performance.now()) });
	window.addEventListener('error', (event) => {
		const target = event.target;
		if (target && target !== window && target.tagName) {
			push('resource', target.tagName.toLowerCase() + ' failed to load: ' + (target.src || target.href || ''));
			return;
		}
		const stack = event.error && event.error.stack ? '\\n' + event.error.stack : '';
		push('error', (event.message || String(event.error)) + stack, event.filename + ':' + event.lineno + ':' + event.colno);
	}, true);
	window.addEventListener('unhandledrejection', (event) => {
		const reason = event.reason;
		push('unhandledrejection', reason && reason.stack ? reason + '\\n' + reason.stack : String(reason));
	});
	document.addEventListener('securitypolicyviolation', (event) => {
		push('csp', event.violatedDirective + ' blocked ' + (event.blockedURI || 'inline'), event.sourceFile + ':' + event.lineNumber);
	});
	const consoleError = console.error;
	console.error = function (...args) {
		push('console.error', args.map((a) => (a && a.stack ? a.stack : String(a))).join(' '));
		return consoleError.apply(this, args);
	};
})();
`;

const DELIBERATE_ERROR = `Promise.reject(new Error('deliberate rejection from the lab'));
throw new Error('deliberate error from the lab');
`;

const RECORDER_TAG = '<script src="/__lab/error-recorder.js"></script>';
const BREAK_TAG = '<script src="/__lab/deliberate-error.js"></script>';

/** Adds the recorder (and, when asked, the deliberate error) as the first scripts of a page. */
function inject(html, broken) {
	const tags = RECORDER_TAG + (broken ? BREAK_TAG : '');
	const csp = /<meta http-equiv="content-security-policy"[^>]*>/i.exec(html);
	if (csp)
		return html.slice(0, csp.index + csp[0].length) + tags + html.slice(csp.index + csp[0].length);
	const head = /<head[^>]*>/i.exec(html);
	if (head)
		return (
			html.slice(0, head.index + head[0].length) + tags + html.slice(head.index + head[0].length)
		);
	return tags + html;
}

const proxy = http.createServer((req, res) => {
	const path = new URL(req.url ?? '/', 'http://lab').pathname;
	if (path === '/__lab/error-recorder.js' || path === '/__lab/deliberate-error.js') {
		res.writeHead(200, {
			'content-type': 'text/javascript; charset=utf-8',
			'cache-control': 'no-store'
		});
		res.end(path === '/__lab/error-recorder.js' ? ERROR_RECORDER : DELIBERATE_ERROR);
		return;
	}
	const broken = /(?:^|;\s*)nr-lab-break=1(?:;|$)/.test(req.headers.cookie ?? '');
	const upstream = http.request(
		{
			host: site.hostname,
			port: site.port,
			method: req.method,
			path: req.url,
			headers: { ...req.headers, host: site.host, 'accept-encoding': 'identity' }
		},
		(answer) => {
			const html = /^text\/html/i.test(answer.headers['content-type'] ?? '');
			if (!html || req.method === 'HEAD') {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
				return;
			}
			const chunks = [];
			answer.on('data', (c) => chunks.push(c));
			answer.on('end', () => {
				const body = Buffer.from(inject(Buffer.concat(chunks).toString('utf8'), broken), 'utf8');
				const headers = { ...answer.headers, 'content-length': String(body.length) };
				delete headers['transfer-encoding'];
				res.writeHead(answer.statusCode ?? 502, headers);
				res.end(body);
			});
		}
	);
	upstream.on('error', (error) => {
		res.writeHead(502, { 'content-type': 'text/plain' });
		res.end(`lab proxy: ${error.message}`);
	});
	req.pipe(upstream);
});

/** A port nobody in this namespace listens on, for WebKitWebDriver. */
function freePort() {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address();
			probe.close(() => resolve(port));
		});
	});
}

const driverPort = await freePort();
const sockets = new Set();
const bridge = net.createServer((incoming) => {
	const outgoing = net.connect(driverPort, '127.0.0.1');
	for (const s of [incoming, outgoing]) {
		sockets.add(s);
		s.on('close', () => sockets.delete(s));
		s.on('error', () => {
			incoming.destroy();
			outgoing.destroy();
		});
	}
	incoming.pipe(outgoing);
	outgoing.pipe(incoming);
});

rmSync(socketPath, { force: true });
await new Promise((resolve) => bridge.listen(socketPath, resolve));
await new Promise((resolve) => proxy.listen(0, '127.0.0.1', resolve));
process.stdout.write(
	JSON.stringify({ ready: true, driverPort, sitePort: proxy.address().port }) + '\n'
);

function stop() {
	for (const s of sockets) s.destroy();
	bridge.close();
	proxy.closeAllConnections?.();
	proxy.close();
	rmSync(socketPath, { force: true });
	process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) process.on(signal, stop);
