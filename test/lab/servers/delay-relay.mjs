// A slow link without tc netem: runs in the router namespace and holds every packet (UDP) or chunk
// (TCP) of the flows nftables hands it for a fixed one-way delay before passing it on, in each
// direction. nftables DNATs each (protocol, destination, port) the profile lets through to one
// listener here; the listener knows its real destination from the config, and the reply direction
// is un-NATed by conntrack, so the client sees the server's own address and port.
//   node delay-relay.mjs <config.json>
//   config: { "delayMs": 300, "listeners": [{ "proto": "udp"|"tcp", "address", "port", "to": { "address", "port" } }] }
// TCP: the kernel completes the client's handshake at once, which a real link would not; so the
// first chunk from the client waits two extra delays (the round trip the handshake would have
// taken). Prints one JSON line when every listener is bound.
import { createSocket } from 'node:dgram';
import { readFileSync } from 'node:fs';
import net from 'node:net';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const delay = config.delayMs;
/** UDP flows without traffic for this long are forgotten */
const UDP_IDLE_MS = 60_000;

/** Passes items on in order, each no earlier than `ms` after it arrived. */
function delayedQueue(ms, deliver) {
	let last = 0;
	return (item, extra = 0) => {
		const at = Math.max(Date.now() + ms + extra, last);
		last = at;
		setTimeout(() => deliver(item), at - Date.now());
	};
}

function udpListener({ address, port, to }) {
	const socket = createSocket('udp4');
	/** client "addr:port" -> its upstream socket */
	const flows = new Map();
	socket.on('message', (message, client) => {
		const key = `${client.address}:${client.port}`;
		let flow = flows.get(key);
		if (!flow) {
			const upstream = createSocket('udp4');
			const toClient = delayedQueue(delay, (m) => socket.send(m, client.port, client.address));
			upstream.on('message', (m) => {
				flow.seen = Date.now();
				toClient(m);
			});
			upstream.on('error', () => {});
			flow = { upstream, seen: Date.now() };
			flow.toServer = delayedQueue(delay, (m) => upstream.send(m, to.port, to.address));
			flows.set(key, flow);
		}
		flow.seen = Date.now();
		flow.toServer(message);
	});
	socket.on('error', () => {});
	setInterval(() => {
		for (const [key, flow] of flows) {
			if (Date.now() - flow.seen > UDP_IDLE_MS) {
				flow.upstream.close();
				flows.delete(key);
			}
		}
	}, UDP_IDLE_MS).unref();
	return new Promise((resolve) => socket.bind(port, address, resolve));
}

function tcpListener({ address, port, to }) {
	const server = net.createServer({ pauseOnConnect: false }, (client) => {
		const upstream = net.connect(to.port, to.address);
		let first = true;
		const toServer = delayedQueue(delay, (chunk) =>
			chunk === null ? upstream.end() : upstream.write(chunk)
		);
		const toClient = delayedQueue(delay, (chunk) =>
			chunk === null ? client.end() : client.write(chunk)
		);
		client.on('data', (chunk) => {
			toServer(chunk, first ? 2 * delay : 0);
			first = false;
		});
		client.on('end', () => toServer(null));
		upstream.on('data', (chunk) => toClient(chunk));
		upstream.on('end', () => toClient(null));
		const drop = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', drop);
		upstream.on('error', drop);
		client.on('close', () => setTimeout(() => upstream.destroy(), 2 * delay + 100));
		upstream.on('close', () => setTimeout(() => client.destroy(), 2 * delay + 100));
	});
	return new Promise((resolve) => server.listen(port, address, resolve));
}

await Promise.all(
	config.listeners.map((l) => (l.proto === 'udp' ? udpListener(l) : tcpListener(l)))
);
console.log(JSON.stringify({ ready: true, listeners: config.listeners.length, delayMs: delay }));

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => process.exit(0));
}
