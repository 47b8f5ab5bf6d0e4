/**
 * The network lab: three network namespaces (client, router, server) joined by veth pairs, real
 * coturn, a real HTTPS/WSS server, dnsmasq as the client's resolver, nftables profiles in the
 * router, and the built site served from the client's loopback. See docs/lab.md.
 *
 * Everything the lab creates is named nr-<pid>-<n>-*, is removed by stop(), by a process exit hook,
 * and, if the owning process died without either, by sweepStaleLabs() on the next run.
 */
import { spawn, execFile, execFileSync, type ChildProcess } from 'node:child_process';
import {
	existsSync,
	readFileSync,
	mkdirSync,
	openSync,
	closeSync,
	readdirSync,
	rmSync,
	writeFileSync,
	chmodSync
} from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createHash, createPublicKey } from 'node:crypto';
import {
	coturnArgs,
	delayRelayConfig,
	dnsmasqConfig,
	serverRuleset,
	squidConfig
} from './config-files';
import {
	clientRuleset,
	networkProfile,
	routerRedirects,
	routerRuleset,
	type NetworkProfile
} from './network-profiles';
import {
	ADDR,
	ICE_HOSTS,
	IFACE,
	NAMESPACE_PREFIX,
	ROUTER_PORTS,
	SUBNET_PREFIX,
	TURN_PORTS,
	WEB_HOSTS
} from './plan';
import {
	addressPlan,
	dnsPlan,
	labTargets,
	readDataFiles,
	type AddressPlan,
	type DnsPlan,
	type LabTarget
} from './targets';

const execFileAsync = promisify(execFile);

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SERVERS_DIR = join(REPO_ROOT, 'test/lab/servers');

export interface LabOptions {
	/** network profile to apply first (default "open") */
	profile?: string;
	/** directory of the built site (default build/) */
	siteRoot?: string;
	/** the sub-path the same build is also served under (default /netready) */
	subPath?: string;
	/** vendor data directory whose probe hosts the resolver answers (default data/) */
	dataDir?: string;
	/** keep the run directory (configs, logs, certificates) after stop(); also NR_LAB_KEEP=1 */
	keepFiles?: boolean;
	/** Chromium binary run inside the client namespace (default $CHROMIUM_PATH or /usr/bin/chromium) */
	chromiumPath?: string;
	log?: (message: string) => void;
}

interface Namespaces {
	client: string;
	router: string;
	server: string;
}

/** Runs a command and returns stdout; on failure the error names the command and its stderr. */
async function run(cmd: string, args: string[], input?: string): Promise<string> {
	try {
		if (input === undefined) {
			const { stdout } = await execFileAsync(cmd, args, { timeout: 15_000 });
			return stdout;
		}
		return await new Promise<string>((resolvePromise, reject) => {
			const child = execFile(cmd, args, { timeout: 15_000 }, (error, stdout, stderr) => {
				if (error) reject(Object.assign(error, { stderr }));
				else resolvePromise(stdout);
			});
			child.stdin?.end(input);
		});
	} catch (error) {
		const stderr = (error as { stderr?: string }).stderr ?? '';
		throw new Error(
			`lab: "${cmd} ${args.join(' ')}" failed: ${stderr.trim() || (error as Error).message}`,
			{ cause: error }
		);
	}
}

/**
 * A throw-away CA (P-256, 7 days) and a server certificate it signs, with the extensions in
 * `ext` (the lab's names and addresses): writes caKey, caPem and `${leaf}.key`, `.csr`, `.pem`.
 */
async function makeCaAndCertificate(files: {
	caKey: string;
	caPem: string;
	caName: string;
	leaf: string;
	leafName: string;
	ext: string;
}): Promise<void> {
	const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
	await run('openssl', [
		'req',
		'-x509',
		...ec,
		'-keyout',
		files.caKey,
		'-out',
		files.caPem,
		'-days',
		'7',
		'-subj',
		`/CN=${files.caName}`,
		'-addext',
		'basicConstraints=critical,CA:TRUE',
		'-addext',
		'keyUsage=critical,keyCertSign,cRLSign'
	]);
	await run('openssl', [
		'req',
		...ec,
		'-keyout',
		`${files.leaf}.key`,
		'-out',
		`${files.leaf}.csr`,
		'-subj',
		`/CN=${files.leafName}`
	]);
	await run('openssl', [
		'x509',
		'-req',
		'-in',
		`${files.leaf}.csr`,
		'-CA',
		files.caPem,
		'-CAkey',
		files.caKey,
		'-CAcreateserial',
		'-out',
		`${files.leaf}.pem`,
		'-days',
		'7',
		'-extfile',
		files.ext
	]);
}

function sleep(ms: number): Promise<void> {
	return new Promise((r) => setTimeout(r, ms));
}

/** A killed owner can linger as a zombie until its parent reaps it: that counts as dead. */
function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
	} catch {
		return false;
	}
}

function listNamespaces(): string[] {
	try {
		return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
			.split('\n')
			.map((line) => line.split(' ')[0]!)
			.filter(Boolean);
	} catch {
		return [];
	}
}

/** Kills every process left in the namespaces, deletes them and their /etc/netns files. Synchronous so it can run in an exit hook. */
function destroyNamespacesSync(names: readonly string[]): void {
	for (const ns of names) {
		let pids: number[] = [];
		try {
			pids = execFileSync('ip', ['netns', 'pids', ns], { encoding: 'utf8' })
				.split('\n')
				.filter(Boolean)
				.map(Number);
		} catch {
			// namespace already gone
		}
		for (const pid of pids) {
			try {
				process.kill(pid, 'SIGKILL');
			} catch {
				// exited meanwhile
			}
		}
	}
	for (const ns of names) {
		try {
			execFileSync('ip', ['netns', 'del', ns], { stdio: 'ignore' });
		} catch {
			// already gone
		}
		rmSync(join('/etc/netns', ns), { recursive: true, force: true });
	}
}

/**
 * Removes namespaces, /etc/netns entries and run directories left by lab owners that no longer
 * exist (a killed test worker). Labs of live processes, including concurrent runs, are left alone.
 */
export function sweepStaleLabs(log: (m: string) => void = () => {}): string[] {
	const ownerOf = (name: string): number | undefined => {
		const m = new RegExp(`^${NAMESPACE_PREFIX}(\\d+)-`).exec(name);
		return m ? Number(m[1]) : undefined;
	};
	const stale = (name: string) => {
		const pid = ownerOf(name);
		return pid !== undefined && pid !== process.pid && !isAlive(pid);
	};
	const namespaces = listNamespaces().filter(stale);
	if (namespaces.length) {
		log(`sweeping stale lab namespaces: ${namespaces.join(', ')}`);
		destroyNamespacesSync(namespaces);
	}
	const leftovers: string[] = [];
	if (existsSync('/etc/netns')) {
		for (const name of readdirSync('/etc/netns'))
			if (stale(name)) leftovers.push(join('/etc/netns', name));
	}
	const labDir = join(REPO_ROOT, '.lab');
	if (existsSync(labDir)) {
		for (const name of readdirSync(labDir)) {
			if (stale(name) && !existsSync(join(labDir, name, 'KEEP')))
				leftovers.push(join(labDir, name));
		}
	}
	for (const path of leftovers) rmSync(path, { recursive: true, force: true });
	return namespaces;
}

const activeLabs = new Set<Lab>();
let exitHookInstalled = false;

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const lab of activeLabs) lab.destroySync();
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.once(signal, () => {
			for (const lab of activeLabs) lab.destroySync();
			process.exit(128 + (signal === 'SIGINT' ? 2 : signal === 'SIGTERM' ? 15 : 1));
		});
	}
}

let labCounter = 0;

export class Lab {
	readonly id: string;
	readonly ns: Namespaces;
	readonly dir: string;
	readonly targets: LabTarget[];
	/** set when data/*.json could not be read; the lab then answers only its own names */
	readonly dataError: string | undefined;
	/** where every name lives, whatever the profile */
	readonly addresses: AddressPlan;
	profile!: NetworkProfile;
	dns!: DnsPlan;
	/** http://127.0.0.1:<port> inside the client namespace */
	siteOrigin = '';
	readonly subPath: string;
	readonly chromiumWrapper: string;
	readonly certificateAuthority: string;
	/**
	 * base64 SHA-256 of the lab servers' public key (coturn and the web server share one key): what
	 * Chromium's --ignore-certificate-errors-spki-list takes, to trust the lab and nothing else
	 */
	serverSpki = '';
	/** the explicit proxy's url when the profile has one (squid on the router) */
	proxyUrl: string | undefined;

	private readonly children = new Map<string, ChildProcess>();
	private readonly options: LabOptions;
	private readonly log: (message: string) => void;
	private destroyed = false;

	private constructor(options: LabOptions) {
		this.options = options;
		this.log = options.log ?? (() => {});
		labCounter += 1;
		this.id = `${NAMESPACE_PREFIX}${process.pid}-${labCounter}`;
		this.ns = { client: `${this.id}-c`, router: `${this.id}-r`, server: `${this.id}-s` };
		this.dir = join(REPO_ROOT, '.lab', this.id);
		this.subPath = options.subPath ?? '/netready';
		this.chromiumWrapper = join(this.dir, 'chromium-in-netns.sh');
		this.certificateAuthority = join(this.dir, 'ca.pem');
		let targets: LabTarget[] = [];
		let dataError: string | undefined;
		try {
			targets = labTargets(readDataFiles(options.dataDir ?? join(REPO_ROOT, 'data')));
		} catch (error) {
			dataError = (error as Error).message;
		}
		this.targets = targets;
		this.dataError = dataError;
		this.addresses = addressPlan(targets);
	}

	/** coturn's addresses: the lab's own and one per STUN/TURN name */
	get iceAddresses(): string[] {
		return [...new Set(this.addresses.ice.values())];
	}

	/** the web server's addresses: the lab's own and one per HTTPS/WSS name */
	get webAddresses(): string[] {
		return [...new Set(this.addresses.web.values())];
	}

	/** Builds the whole lab; on any failure tears down what was built and rethrows. */
	static async start(options: LabOptions = {}): Promise<Lab> {
		installExitHook();
		sweepStaleLabs(options.log);
		const lab = new Lab(options);
		activeLabs.add(lab);
		try {
			await lab.build();
			await lab.applyProfile(options.profile ?? 'open');
			return lab;
		} catch (error) {
			await lab.stop({ keepFiles: true });
			throw new Error(`${(error as Error).message}\n(lab files kept in ${lab.dir})`, {
				cause: error
			});
		}
	}

	private async build(): Promise<void> {
		const { client, router, server } = this.ns;
		mkdirSync(this.dir, { recursive: true });
		for (const ns of [client, router, server]) {
			await run('ip', ['netns', 'add', ns]);
			// No duplicate address detection, so the IPv6 link-local address is final at once (see
			// waitForSettledLink). IPv6 stays on, as on real machines.
			await run('ip', [
				'netns',
				'exec',
				ns,
				'sysctl',
				'-qw',
				'net.ipv6.conf.all.accept_dad=0',
				'net.ipv6.conf.default.accept_dad=0'
			]);
			await run('ip', ['-n', ns, 'link', 'set', 'lo', 'up']);
		}
		// veth pairs are created inside the router namespace, so no name ever appears on the host.
		await run('ip', [
			'-n',
			router,
			'link',
			'add',
			IFACE.routerToClient,
			'type',
			'veth',
			'peer',
			'name',
			IFACE.clientEth,
			'netns',
			client
		]);
		await run('ip', [
			'-n',
			router,
			'link',
			'add',
			IFACE.routerToServer,
			'type',
			'veth',
			'peer',
			'name',
			IFACE.serverEth,
			'netns',
			server
		]);
		const cidr = (a: string) => `${a}/${SUBNET_PREFIX}`;
		await run('ip', [
			'-n',
			router,
			'addr',
			'add',
			cidr(ADDR.routerClientSide),
			'dev',
			IFACE.routerToClient
		]);
		await run('ip', [
			'-n',
			router,
			'addr',
			'add',
			cidr(ADDR.routerServerSide),
			'dev',
			IFACE.routerToServer
		]);
		await run('ip', ['-n', client, 'addr', 'add', cidr(ADDR.client), 'dev', IFACE.clientEth]);
		// every vendor name has an address of its own on the server (see plan.ts)
		const serverAddresses = [
			...new Set([ADDR.turn, ADDR.web, ...this.iceAddresses, ...this.webAddresses])
		];
		await run(
			'ip',
			['-n', server, '-batch', '-'],
			serverAddresses.map((a) => `addr add ${cidr(a)} dev ${IFACE.serverEth}\n`).join('')
		);
		for (const [ns, dev] of [
			[router, IFACE.routerToClient],
			[router, IFACE.routerToServer],
			[client, IFACE.clientEth],
			[server, IFACE.serverEth]
		] as const) {
			await run('ip', ['-n', ns, 'link', 'set', dev, 'up']);
		}
		await this.waitForSettledLink(client, IFACE.clientEth);
		await run('ip', ['-n', client, 'route', 'add', 'default', 'via', ADDR.routerClientSide]);
		await run('ip', ['-n', server, 'route', 'add', 'default', 'via', ADDR.routerServerSide]);
		for (const range of [ICE_HOSTS, WEB_HOSTS]) {
			const network = `${range.network}/${range.prefix}`;
			await run('ip', ['-n', router, 'route', 'add', network, 'via', ADDR.turn]);
		}
		await run('ip', ['netns', 'exec', router, 'sysctl', '-qw', 'net.ipv4.ip_forward=1']);

		// The client resolves through dnsmasq only (ip netns exec bind-mounts this over /etc/resolv.conf).
		mkdirSync(join('/etc/netns', client), { recursive: true });
		writeFileSync(
			join('/etc/netns', client, 'resolv.conf'),
			`nameserver ${ADDR.routerClientSide}\n`
		);
		writeFileSync(join('/etc/netns', client, 'hosts'), '127.0.0.1 localhost\n::1 localhost\n');

		await this.makeCertificates();
		const serverRules = join(this.dir, 'server.nft');
		writeFileSync(serverRules, serverRuleset(this.iceAddresses, this.webAddresses));
		await run('ip', ['netns', 'exec', server, 'nft', '-f', serverRules]);

		await this.startCoturn();
		await this.startWebServer();
		await this.startStaticServer();

		const chromium = this.options.chromiumPath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
		writeFileSync(
			this.chromiumWrapper,
			`#!/bin/sh\n# Starts Chromium inside the lab's client namespace (written by test/lab/lab.ts).\nexec ip netns exec '${client}' '${chromium}' "$@"\n`
		);
		chmodSync(this.chromiumWrapper, 0o755);
	}

	private async makeCertificates(): Promise<void> {
		const names = [...this.addresses.ice.keys(), ...this.addresses.web.keys()].sort();
		const san = [...names.map((n) => `DNS:${n}`), `IP:${ADDR.turn}`, `IP:${ADDR.web}`].join(',');
		const ext = join(this.dir, 'server-ext.cnf');
		writeFileSync(
			ext,
			`basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`
		);
		await makeCaAndCertificate({
			caKey: join(this.dir, 'ca.key'),
			caPem: this.certificateAuthority,
			caName: 'netready lab CA',
			leaf: join(this.dir, 'server'),
			leafName: 'netready lab server',
			ext
		});
		this.serverSpki = createHash('sha256')
			.update(
				createPublicKey(readFileSync(join(this.dir, 'server.key'))).export({
					type: 'spki',
					format: 'der'
				})
			)
			.digest('base64');
		// The TLS middlebox's own CA and certificate, for the same names: only the trust is wrong.
		await makeCaAndCertificate({
			caKey: join(this.dir, 'middlebox-ca.key'),
			caPem: join(this.dir, 'middlebox-ca.pem'),
			caName: 'netready lab inspecting middlebox CA',
			leaf: join(this.dir, 'middlebox'),
			leafName: 'netready lab middlebox',
			ext
		});
	}

	private spawnIn(ns: string, name: string, cmd: string, args: string[]): ChildProcess {
		const logFd = openSync(join(this.dir, `${name}.out`), 'a');
		const child = spawn('ip', ['netns', 'exec', ns, cmd, ...args], {
			stdio: ['ignore', 'pipe', logFd]
		});
		closeSync(logFd);
		this.children.set(name, child);
		child.once('exit', () => {
			if (this.children.get(name) === child) this.children.delete(name);
		});
		return child;
	}

	/** Waits for the first stdout line of a lab server: {"ready":true,...}. */
	private waitForReadyLine(
		child: ChildProcess,
		name: string,
		timeoutMs = 10_000
	): Promise<Record<string, unknown>> {
		return new Promise((resolvePromise, reject) => {
			let buffer = '';
			const timer = setTimeout(
				() => reject(new Error(`lab: ${name} did not report ready within ${timeoutMs} ms`)),
				timeoutMs
			);
			child.stdout?.on('data', (chunk: Buffer) => {
				buffer += chunk.toString();
				const line = buffer.split('\n').find((l) => l.startsWith('{'));
				if (!line) return;
				clearTimeout(timer);
				try {
					resolvePromise(JSON.parse(line) as Record<string, unknown>);
				} catch (error) {
					reject(error);
				}
			});
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(
					new Error(
						`lab: ${name} exited with ${code} before it was ready (see ${this.dir}/${name}.out)`
					)
				);
			});
		});
	}

	/**
	 * Waits until the client's link has carrier and its IPv6 link-local address is in place. A veth
	 * gets carrier about a second after "up", and the link-local address only then: a browser
	 * started earlier sees that as a network change and fails every request in flight with
	 * ERR_NETWORK_CHANGED.
	 */
	private async waitForSettledLink(ns: string, dev: string, timeoutMs = 5000): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const link = await run('ip', ['-n', ns, 'link', 'show', 'dev', dev]);
			const linkLocal = await run('ip', [
				'-n',
				ns,
				'-6',
				'addr',
				'show',
				'dev',
				dev,
				'scope',
				'link'
			]);
			if (/state UP/.test(link) && linkLocal.includes('inet6') && !linkLocal.includes('tentative'))
				return;
			if (Date.now() > deadline)
				throw new Error(`lab: ${dev} in ${ns} did not settle: ${link.trim()} ${linkLocal.trim()}`);
			await sleep(50);
		}
	}

	/** Polls ss inside a namespace until every port listens. */
	private async waitForListening(
		ns: string,
		name: string,
		sockets: { proto: 'tcp' | 'udp'; address: string; port: number }[],
		timeoutMs = 10_000
	): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const tcp = await run('ip', ['netns', 'exec', ns, 'ss', '-Hlnt']);
			const udp = await run('ip', ['netns', 'exec', ns, 'ss', '-Hlnu']);
			const missing = sockets.filter(
				(s) => !(s.proto === 'tcp' ? tcp : udp).includes(`${s.address}:${s.port} `)
			);
			if (missing.length === 0) return;
			if (!this.children.has(name))
				throw new Error(`lab: ${name} exited during start (see ${this.dir})`);
			if (Date.now() > deadline) {
				throw new Error(
					`lab: ${name} is not listening on ${missing.map((s) => `${s.proto}/${s.address}:${s.port}`).join(', ')}`
				);
			}
			await sleep(50);
		}
	}

	private async startCoturn(): Promise<void> {
		const args = coturnArgs({
			listeningIps: this.iceAddresses,
			certFile: join(this.dir, 'server.pem'),
			keyFile: join(this.dir, 'server.key'),
			logFile: join(this.dir, 'coturn.log'),
			dbFile: join(this.dir, 'coturn.sqlite'),
			pidFile: join(this.dir, 'coturn.pid')
		});
		this.spawnIn(this.ns.server, 'coturn', 'turnserver', args);
		await this.waitForListening(this.ns.server, 'coturn', [
			{ proto: 'udp', address: ADDR.turn, port: TURN_PORTS.plain },
			{ proto: 'tcp', address: ADDR.turn, port: TURN_PORTS.plain },
			{ proto: 'udp', address: ADDR.turn, port: TURN_PORTS.tls },
			{ proto: 'tcp', address: ADDR.turn, port: TURN_PORTS.tls }
		]);
		// Listening is not serving: TCP connections made while coturn still starts can hang for good.
		const probe = this.spawnIn(this.ns.server, 'stun-ready', process.execPath, [
			join(SERVERS_DIR, 'stun-ready.mjs'),
			ADDR.turn,
			String(TURN_PORTS.plain),
			String(TURN_PORTS.tls)
		]);
		await this.waitForReadyLine(probe, 'stun-ready', 20_000);
	}

	private async startWebServer(): Promise<void> {
		const child = this.spawnIn(this.ns.server, 'web', process.execPath, [
			join(SERVERS_DIR, 'web-server.mjs'),
			'0.0.0.0',
			'443',
			'80',
			join(this.dir, 'server.pem'),
			join(this.dir, 'server.key')
		]);
		await this.waitForReadyLine(child, 'web');
	}

	private async startStaticServer(): Promise<void> {
		const root = resolve(this.options.siteRoot ?? join(REPO_ROOT, 'build'));
		const child = this.spawnIn(this.ns.client, 'static', process.execPath, [
			join(SERVERS_DIR, 'static-server.mjs'),
			root,
			this.subPath
		]);
		const ready = await this.waitForReadyLine(child, 'static');
		this.siteOrigin = `http://127.0.0.1:${String(ready.port)}`;
	}

	private async startDnsmasq(): Promise<void> {
		const previous = this.children.get('dnsmasq');
		if (previous) await this.stopChild('dnsmasq', previous);
		const config = join(this.dir, 'dnsmasq.conf');
		writeFileSync(config, dnsmasqConfig(this.dns, { logFile: join(this.dir, 'dnsmasq.log') }));
		this.spawnIn(this.ns.router, 'dnsmasq', 'dnsmasq', ['--conf-file=' + config]);
		await this.waitForListening(this.ns.router, 'dnsmasq', [
			{ proto: 'udp', address: ADDR.routerClientSide, port: 53 },
			{ proto: 'tcp', address: ADDR.routerClientSide, port: 53 }
		]);
	}

	/**
	 * Puts the computer back as every profile starts: link up and settled, its address, the default
	 * route, the router as resolver, no firewall of its own.
	 */
	private async resetClient(): Promise<void> {
		const { client } = this.ns;
		await run('ip', ['-n', client, 'link', 'set', IFACE.clientEth, 'up']);
		await this.waitForSettledLink(client, IFACE.clientEth);
		await run('ip', [
			'-n',
			client,
			'addr',
			'replace',
			`${ADDR.client}/${SUBNET_PREFIX}`,
			'dev',
			IFACE.clientEth
		]);
		await run('ip', ['-n', client, 'route', 'replace', 'default', 'via', ADDR.routerClientSide]);
		writeFileSync(
			join('/etc/netns', client, 'resolv.conf'),
			`nameserver ${ADDR.routerClientSide}\n`
		);
		await run('ip', ['netns', 'exec', client, 'nft', 'flush', 'ruleset']);
	}

	/** The computer's own state for this profile: link, route, resolver, own firewall. */
	private async applyClient(profile: NetworkProfile): Promise<void> {
		const { client } = this.ns;
		const setup = profile.client ?? {};
		await this.resetClient();
		if (setup.output?.length) {
			const rules = join(this.dir, `client-${profile.name}.nft`);
			writeFileSync(rules, clientRuleset(profile));
			await run('ip', ['netns', 'exec', client, 'nft', '-f', rules]);
		}
		if (setup.resolver)
			writeFileSync(join('/etc/netns', client, 'resolv.conf'), `nameserver ${setup.resolver}\n`);
		if (setup.defaultRoute === false) await run('ip', ['-n', client, 'route', 'del', 'default']);
		if (setup.link === 'down')
			await run('ip', ['-n', client, 'link', 'set', IFACE.clientEth, 'down']);
	}

	/** Stops a helper server of the previous profile, if one runs. */
	private async stopHelper(name: string): Promise<void> {
		const child = this.children.get(name);
		if (child) await this.stopChild(name, child);
	}

	private async startDelayRelay(
		profile: NetworkProfile,
		redirects: ReturnType<typeof routerRedirects>
	): Promise<void> {
		const config = join(this.dir, `delay-relay-${profile.name}.json`);
		writeFileSync(
			config,
			delayRelayConfig(
				profile.delayMs!,
				redirects.filter((r) => r.via === 'delay-relay')
			)
		);
		const child = this.spawnIn(this.ns.router, 'delay-relay', process.execPath, [
			join(SERVERS_DIR, 'delay-relay.mjs'),
			config
		]);
		await this.waitForReadyLine(child, 'delay-relay');
	}

	private async startMiddlebox(profile: NetworkProfile): Promise<void> {
		const untrusted = profile.middlebox === 'untrusted-certificate';
		const config = join(this.dir, `middlebox-${profile.name}.json`);
		writeFileSync(
			config,
			JSON.stringify({
				address: ADDR.routerClientSide,
				port: ROUTER_PORTS.middlebox,
				cert: join(this.dir, untrusted ? 'middlebox.pem' : 'server.pem'),
				key: join(this.dir, untrusted ? 'middlebox.key' : 'server.key'),
				ca: this.certificateAuthority,
				servers: Object.fromEntries(this.addresses.web),
				refuseWebSocket: profile.middlebox === 'refuse-websocket'
			})
		);
		const child = this.spawnIn(this.ns.router, 'middlebox', process.execPath, [
			join(SERVERS_DIR, 'tls-middlebox.mjs'),
			config
		]);
		await this.waitForReadyLine(child, 'middlebox');
	}

	private async startSquid(profile: NetworkProfile): Promise<void> {
		// squid drops to its own user ("proxy" on Debian), which must write its logs and pid file
		const dir = join(this.dir, 'squid');
		mkdirSync(dir, { recursive: true });
		chmodSync(dir, 0o777);
		const config = join(dir, 'squid.conf');
		writeFileSync(
			config,
			squidConfig({
				address: ADDR.routerClientSide,
				port: ROUTER_PORTS.proxy,
				connectPorts: profile.proxy!.connectPorts,
				dir
			})
		);
		this.spawnIn(this.ns.router, 'squid', 'squid', ['-N', '-f', config]);
		await this.waitForListening(this.ns.router, 'squid', [
			{ proto: 'tcp', address: ADDR.routerClientSide, port: ROUTER_PORTS.proxy }
		]);
	}

	/**
	 * Replaces the router's firewall, the resolver's answers, the computer's own state and the helper
	 * servers (delay relay, middlebox, proxy) a profile needs. Start a fresh browser afterwards: its
	 * DNS cache, sockets and proxy setting belong to the old profile.
	 */
	async applyProfile(name: string): Promise<void> {
		const profile = networkProfile(name);
		for (const helper of ['delay-relay', 'middlebox', 'squid']) await this.stopHelper(helper);
		const redirects = routerRedirects(profile, {
			ice: this.iceAddresses,
			web: this.webAddresses
		});
		const rules = join(this.dir, `router-${profile.name}.nft`);
		writeFileSync(rules, routerRuleset(profile, redirects));
		await run('ip', ['netns', 'exec', this.ns.router, 'nft', '-f', rules]);
		this.profile = profile;
		this.dns = dnsPlan(this.targets, profile.nxdomain);
		await this.startDnsmasq();
		if (profile.delayMs) await this.startDelayRelay(profile, redirects);
		if (profile.middlebox) await this.startMiddlebox(profile);
		if (profile.proxy) await this.startSquid(profile);
		this.proxyUrl = profile.proxy
			? `http://${ADDR.routerClientSide}:${ROUTER_PORTS.proxy}`
			: undefined;
		await this.applyClient(profile);
		this.log(`lab ${this.id}: profile ${profile.name}`);
	}

	/** The page URL for a site path, optionally under the sub-path the site is also served from. */
	url(path: string, options: { subPath?: boolean } = {}): string {
		const clean = path.startsWith('/') ? path : `/${path}`;
		return `${this.siteOrigin}${options.subPath ? this.subPath : ''}${clean}`;
	}

	/** Runs a command inside one of the lab's namespaces (diagnostics, tests of the lab itself). */
	exec(role: keyof Namespaces, cmd: string, args: string[]): Promise<string> {
		return run('ip', ['netns', 'exec', this.ns[role], cmd, ...args]);
	}

	private async stopChild(name: string, child: ChildProcess): Promise<void> {
		if (child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise<void>((r) => child.once('exit', () => r()));
		child.kill('SIGTERM');
		const timedOut = await Promise.race([exited.then(() => false), sleep(2000).then(() => true)]);
		if (timedOut) {
			child.kill('SIGKILL');
			await exited;
		}
		this.children.delete(name);
	}

	/** Stops every process and removes every namespace and file the lab made. Safe to call twice. */
	async stop(options: { keepFiles?: boolean } = {}): Promise<void> {
		if (this.destroyed) return;
		await Promise.all([...this.children].map(([name, child]) => this.stopChild(name, child)));
		this.destroySync(options);
	}

	/** Synchronous teardown for exit hooks: SIGKILL whatever is left, delete namespaces and files. */
	destroySync(options: { keepFiles?: boolean } = {}): void {
		if (this.destroyed) return;
		this.destroyed = true;
		for (const child of this.children.values()) {
			if (child.pid && child.exitCode === null) {
				try {
					process.kill(child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
		}
		this.children.clear();
		destroyNamespacesSync([this.ns.client, this.ns.router, this.ns.server]);
		const keep = options.keepFiles || this.options.keepFiles || process.env.NR_LAB_KEEP === '1';
		if (keep)
			writeFileSync(
				join(this.dir, 'KEEP'),
				'kept for inspection; delete this directory when done\n'
			);
		else rmSync(this.dir, { recursive: true, force: true });
		activeLabs.delete(this);
	}
}
