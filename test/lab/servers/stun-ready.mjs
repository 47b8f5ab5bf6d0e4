// Waits until coturn really answers: a STUN Binding request over UDP, TCP and TLS must each get a
// Binding success response. A listening socket is not enough: TCP connections that arrive while
// coturn is still starting can stay unanswered for good (observed in the lab), so the lab must not
// let a browser in before this passes.
//   node stun-ready.mjs <address> <plainPort> <tlsPort> [timeoutMs]   prints {"ready":true,...}
import { createSocket } from 'node:dgram';
import { connect as tcpConnect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { randomBytes } from 'node:crypto';

const [address, plainPort, tlsPort, timeoutArg = '15000'] = process.argv.slice(2);
if (!address || !plainPort || !tlsPort) {
	console.error('usage: stun-ready.mjs <address> <plainPort> <tlsPort> [timeoutMs]');
	process.exit(2);
}
const deadline = Date.now() + Number(timeoutArg);
const ATTEMPT_MS = 300;

function bindingRequest() {
	const message = Buffer.alloc(20);
	message.writeUInt16BE(0x0001, 0); // Binding request
	message.writeUInt16BE(0, 2); // no attributes
	message.writeUInt32BE(0x2112a442, 4); // magic cookie
	randomBytes(12).copy(message, 8);
	return message;
}

/** true when the reply is a Binding success response for this request's transaction id */
function isSuccess(request, reply) {
	return (
		reply.length >= 20 &&
		reply.readUInt16BE(0) === 0x0101 &&
		reply.subarray(8, 20).equals(request.subarray(8, 20))
	);
}

function overUdp(port) {
	return new Promise((resolve) => {
		const request = bindingRequest();
		const socket = createSocket('udp4');
		const done = (ok) => {
			clearTimeout(timer);
			socket.close();
			resolve(ok);
		};
		const timer = setTimeout(() => done(false), ATTEMPT_MS);
		socket.on('message', (reply) => done(isSuccess(request, reply)));
		socket.on('error', () => done(false));
		socket.send(request, Number(port), address);
	});
}

function overStream(open) {
	return new Promise((resolve) => {
		const request = bindingRequest();
		let buffer = Buffer.alloc(0);
		const socket = open();
		const done = (ok) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(ok);
		};
		const timer = setTimeout(() => done(false), ATTEMPT_MS);
		socket.on('data', (chunk) => {
			buffer = Buffer.concat([buffer, chunk]);
			if (buffer.length >= 20) done(isSuccess(request, buffer));
		});
		socket.on('error', () => done(false));
		socket.write(request);
	});
}

const checks = {
	udp: () => overUdp(plainPort),
	tcp: () => overStream(() => tcpConnect({ host: address, port: Number(plainPort) })),
	tls: () =>
		overStream(() =>
			tlsConnect({ host: address, port: Number(tlsPort), rejectUnauthorized: false })
		)
};

const passed = new Set();
let attempts = 0;
while (passed.size < Object.keys(checks).length) {
	if (Date.now() > deadline) {
		console.error(
			`coturn did not answer STUN over ${Object.keys(checks)
				.filter((k) => !passed.has(k))
				.join(', ')}`
		);
		process.exit(1);
	}
	attempts += 1;
	for (const [name, check] of Object.entries(checks)) {
		if (!passed.has(name) && (await check())) passed.add(name);
	}
	if (passed.size < Object.keys(checks).length) await new Promise((r) => setTimeout(r, 100));
}
console.log(JSON.stringify({ ready: true, attempts }));
