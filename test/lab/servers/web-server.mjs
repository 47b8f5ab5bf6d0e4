// The lab's stand-in for every vendor web host: HTTPS and WSS on one port, plain HTTP on another.
// Runs inside the server namespace: node web-server.mjs <address> <httpsPort> <httpPort> <cert> <key>
// Any path answers (204 for captive-portal style */generate_204 and */gen_204 paths, 200 otherwise);
// any path accepts a WebSocket upgrade and echoes. Prints one JSON line when listening.
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createHttpServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { WebSocketServer } from 'ws';

const [address, httpsPort, httpPort, certFile, keyFile] = process.argv.slice(2);
if (!address || !httpsPort || !httpPort || !certFile || !keyFile) {
	console.error('usage: web-server.mjs <address> <httpsPort> <httpPort> <cert> <key>');
	process.exit(2);
}

/** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
function answer(req, res) {
	const headers = {
		// Probes may use cors mode; the lab allows every origin so only the network decides.
		'access-control-allow-origin': '*',
		'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
		'access-control-allow-headers': '*',
		'timing-allow-origin': '*',
		'cache-control': 'no-store'
	};
	const path = (req.url ?? '/').split('?')[0] ?? '/';
	if (req.method === 'OPTIONS' || /\/gen(erate)?_204$/.test(path)) {
		res.writeHead(204, headers);
		res.end();
		return;
	}
	res.writeHead(200, { ...headers, 'content-type': 'text/plain' });
	res.end(req.method === 'HEAD' ? undefined : 'netready lab\n');
}

const wss = new WebSocketServer({ noServer: true });
wss.on('connection', (socket) => {
	socket.on('message', (data, isBinary) => socket.send(data, { binary: isBinary }));
});

/** @param {import('node:http').Server} server */
function acceptUpgrades(server) {
	server.on('upgrade', (req, socket, head) => {
		wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
	});
	return server;
}

const tlsServer = acceptUpgrades(
	createHttpsServer({ cert: readFileSync(certFile), key: readFileSync(keyFile) }, answer)
);
const plainServer = acceptUpgrades(createHttpServer(answer));

let listening = 0;
function ready() {
	listening += 1;
	if (listening === 2) console.log(JSON.stringify({ ready: true, address, httpsPort, httpPort }));
}
tlsServer.listen(Number(httpsPort), address, ready);
plainServer.listen(Number(httpPort), address, ready);

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => process.exit(0));
}
