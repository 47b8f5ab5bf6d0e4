// A TLS-inspecting middlebox in the router namespace: nftables DNATs TCP 443 to the web servers here.
// It terminates TLS with its own certificate, then opens TLS to the real server named in the SNI and
// passes the decrypted bytes both ways, as an inspecting firewall does.
//   node tls-middlebox.mjs <config.json>
//   config: { "address", "port", "cert", "key", "ca" (the lab CA, to trust the real servers),
//             "servers": { "<name>": "<address>" }, "refuseWebSocket": boolean }
// - With a certificate from a CA the browser does not trust, every HTTPS/WSS handshake fails in the
//   browser: a middlebox whose CA was never deployed on the device.
// - With refuseWebSocket (and the lab's own, trusted certificate), HTTPS passes and every request
//   that asks for a WebSocket upgrade gets "403 Forbidden" and a close: a web filter that does not
//   pass WebSockets (the Accurx document names Sophos UTM).
// Prints one JSON line when listening.
import { readFileSync } from 'node:fs';
import tls from 'node:tls';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const ca = readFileSync(config.ca);
const servers = new Map(Object.entries(config.servers));
const UPGRADE = /\r\nupgrade:\s*websocket/i;

const server = tls.createServer(
	{ cert: readFileSync(config.cert), key: readFileSync(config.key) },
	(client) => {
		const name = client.servername;
		const address = name ? servers.get(name.toLowerCase()) : undefined;
		if (!address) {
			client.destroy();
			return;
		}
		let upstream;
		const open = () => {
			upstream ??= tls.connect({ host: address, port: 443, servername: name, ca });
			upstream.on('data', (chunk) => client.write(chunk));
			upstream.on('end', () => client.end());
			upstream.on('error', () => client.destroy());
			client.on('close', () => upstream.destroy());
			return upstream;
		};
		client.on('data', (chunk) => {
			if (config.refuseWebSocket && UPGRADE.test(chunk.toString('latin1'))) {
				client.end(
					'HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\ncontent-length: 34\r\n' +
						'connection: close\r\n\r\nWebSocket blocked by the web filter'
				);
				upstream?.destroy();
				return;
			}
			(upstream ?? open()).write(chunk);
		});
		client.on('end', () => upstream?.end());
		client.on('error', () => upstream?.destroy());
	}
);
// A failed handshake (the browser rejecting the certificate) is the expected case, not an error.
server.on('tlsClientError', () => {});
server.listen(config.port, config.address, () => {
	console.log(JSON.stringify({ ready: true, address: config.address, port: config.port }));
});

for (const signal of ['SIGTERM', 'SIGINT']) {
	process.on(signal, () => process.exit(0));
}
