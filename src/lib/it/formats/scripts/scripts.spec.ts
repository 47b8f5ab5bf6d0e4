import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import type { DataFile } from '$lib/data/schema';
import { makeCatalog } from '$lib/data/make-catalog';
import { fixtureCatalog } from '../../../../../test/fixtures/it/data-files';
import { BOM } from '$lib/csv';
import { posixScript } from './posix';
import { powershellScript } from './powershell';
import { scriptSections } from './sections';
import { makeSelection } from '$lib/it/select/selection';
import { psSkeleton, pwshCheck, shCheck } from '../../../../../test/fixtures/it/syntax-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const selection = makeSelection(fixtureCatalog, ['acme-video', 'other-app']);
const sh = posixScript(selection);
const ps = powershellScript(selection);
const callLines = (text: string, re: RegExp) => text.split(/\r?\n/).filter((l) => re.test(l));

describe('POSIX sh script', () => {
	it('passes sh -n', () => {
		const verdict = shCheck(sh);
		if (!verdict.ran) throw new Error(`sh -n could not run: ${verdict.why}`);
		expect(verdict.output).toBe('');
		expect(verdict.ok).toBe(true);
	});

	it('sh -n really checks: a broken script is refused', () => {
		const verdict = shCheck('if true; then\n');
		expect(verdict.ran && verdict.ok).toBe(false);
	});

	it('tests each TCP destination and port once, with nc', () => {
		const tcp = callLines(sh, /^check_tcp /);
		expect(tcp).toContain("check_tcp 'api.acme.example' 8080 'acme-base.api'");
		// Address blocks are TODO lines with every port they need, never a sample address.
		expect(tcp.join('\n')).not.toMatch(/'198\.51\.100\.\d+'/);
		expect(sh).toMatch(
			/todo 'tcp <an address in 198\.51\.100\.0\/25> ports 443, 8080 — The data names the address block 198\.51\.100\.0\/25 \(Table 1\), not a server/
		);
		expect(new Set(tcp.map((l) => l.split("'").slice(0, 3).join("'"))).size).toBe(tcp.length);
		expect(sh).toContain('nc -vz -w 5 "$1" "$2"');
	});

	it('uses curl for URLs and a real NTP client for NTP, and is honest about UDP', () => {
		expect(sh).toContain("check_http 'http://captive.example/generate_204' 'acme-video.captive'");
		expect(sh).toContain("curl -sS -o /dev/null -w '%{http_code}'");
		expect(sh).toMatch(
			/info 'UDP cannot be proven open from the command line: it has no handshake, so "nc -u" reports success whether or not anything arrives/
		);
		expect(sh).toContain(
			"info 'udp 3478, 10000-20000 to turn.acme.example, 192.0.2.0 - 192.0.2.255, 192.0.2.10 - 192.0.2.20, 203.0.113.7 — not testable here [acme-video.media]'"
		);
		expect(sh).not.toMatch(/^\s*(if )?!? ?nc -\w*u/m);
		expect(sh).toMatch(/todo 'ntp <a host under \*\.pool\.ntp\.example>:123/);
	});

	it('gives instructions for inbound and local rules and skips security risks', () => {
		expect(sh).toMatch(/info 'Inbound rule: allow TCP 3389 from Table 1/);
		expect(sh).toMatch(/info 'Local network rule: allow UDP 8088-8089/);
		expect(sh).toMatch(/skip 'cdn\.polyfill\.example — NOT ALLOWED, security risk, not tested/);
		expect(sh).not.toMatch(/check_\w+ '[^']*polyfill/);
	});

	it('names the data version and the documents', () => {
		expect(sh).toContain('# Data version: test-1');
		expect(sh).toContain('#   "Acme Video Firewall Rules" — Acme, updated 2023-07-25');
	});
});

describe('PowerShell script', () => {
	it('is UTF-8 with a byte-order mark and CRLF line ends (Windows PowerShell 5.1 reads it right)', () => {
		expect(ps.startsWith(BOM)).toBe(true);
		expect(ps.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
	});

	it('passes the PowerShell parser, or says clearly that it was not checked', () => {
		const verdict = pwshCheck(ps);
		if (!verdict.ran) {
			console.warn(`PowerShell script NOT syntax-checked: ${verdict.why}`);
			return;
		}
		expect(verdict.output.trim()).toBe('');
		expect(verdict.ok).toBe(true);
	});

	it('has balanced braces and parentheses outside strings and comments', () => {
		const skeleton = psSkeleton(ps.slice(1));
		for (const [open, close] of [
			['{', '}'],
			['(', ')'],
			['[', ']']
		] as const) {
			let depth = 0;
			for (const c of skeleton) {
				if (c === open) depth++;
				if (c === close) depth--;
				expect(depth).toBeGreaterThanOrEqual(0);
			}
			expect(depth).toBe(0);
		}
	});

	it('passes every value from the data as a literal string argument', () => {
		const calls = callLines(ps, /^(Test-(Tcp|Http|Dns|Ntp)|Write-(Todo|Info|Skip)) /);
		expect(calls.length).toBeGreaterThan(10);
		for (const line of calls)
			expect(psSkeleton(line)).toMatch(
				/^(Test-(Tcp|Http|Dns|Ntp)|Write-(Todo|Info|Skip))( -\w+ ('')|( -Port \d+)| '')*$/
			);
	});

	it('makes the same tests as the sh script', () => {
		const count = (text: string, re: RegExp) => callLines(text, re).length;
		expect(count(ps, /^Test-Tcp /)).toBe(count(sh, /^check_tcp /));
		expect(count(ps, /^Test-Dns /)).toBe(count(sh, /^check_dns /));
		expect(count(ps, /^Test-Http /)).toBe(count(sh, /^check_http /));
		expect(count(ps, /^Write-Todo /)).toBe(count(sh, /^todo /));
		expect(ps).toContain("Test-Tcp -HostName 'api.acme.example' -Port 8080 -Label 'acme-base.api'");
		expect(ps).toContain('Test-NetConnection -ComputerName $HostName -Port $Port');
		expect(ps).toContain('w32tm /stripchart /computer:$HostName /samples:3 /dataonly');
		expect(ps).toContain('Resolve-DnsName -Name $Name');
	});

	it('doubles quotes in data text', () => {
		const s = scriptSections(selection).flatMap((x) => x.calls);
		expect(s.some((c) => 'text' in c && c.text.includes("workstations' own"))).toBe(true);
		expect(ps).toContain("workstations'' own firewalls");
	});
});

describe('POSIX sh script, run for real against servers on loopback', () => {
	let http: Server;
	let open: ReturnType<typeof createTcpServer>;
	let httpPort = 0;
	let openPort = 0;
	let closedPort = 0;

	beforeAll(async () => {
		http = createServer((_req, res) => res.writeHead(404).end());
		await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
		httpPort = (http.address() as AddressInfo).port;
		open = createTcpServer((s) => s.end());
		await new Promise<void>((r) => open.listen(0, '127.0.0.1', r));
		openPort = (open.address() as AddressInfo).port;
		const probe = createTcpServer();
		await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
		closedPort = (probe.address() as AddressInfo).port;
		await new Promise<void>((r) => probe.close(() => r()));
	});
	afterAll(() => {
		http.close();
		open.close();
	});

	function loopbackFile(): DataFile {
		const req = (id: string, extra: object) => ({
			id,
			section: 'Loopback',
			service: id,
			purpose: 'web-app' as const,
			description: 'Test.',
			level: 'mandatory' as const,
			levelText: 'Mandatory',
			direction: 'outbound' as const,
			check: { kind: 'manual' as const, reason: 'raw-tcp' as const },
			ports: [],
			destinations: [],
			...extra
		});
		return {
			source: { id: 'loop', title: 'Loopback', publisher: 'Test', file: 'x' },
			products: [
				{
					id: 'loop',
					name: 'Loopback',
					vendor: 'Test',
					summary: 'Test.',
					kind: 'device',
					source: 'loop',
					requirements: [
						req('loop.open', {
							ports: [{ protocol: 'tcp', from: openPort, to: openPort }],
							destinations: [{ kind: 'host', value: 'localhost' }]
						}),
						req('loop.shut', {
							ports: [{ protocol: 'tcp', from: closedPort, to: closedPort }],
							destinations: [{ kind: 'ip', value: '127.0.0.1' }]
						}),
						req('loop.web', {
							destinations: [{ kind: 'url', value: `http://127.0.0.1:${httpPort}/x` }]
						}),
						req('loop.closed', {
							destinations: [{ kind: 'url', value: `http://127.0.0.1:${closedPort}/` }]
						}),
						req('loop.dns', {
							application: 'dns',
							ports: [{ protocol: 'udp', from: 53, to: 53 }],
							check: { kind: 'manual', reason: 'dns' }
						})
					]
				}
			]
		};
	}

	/** Async, so the servers in this process can answer while the script runs. */
	function runSh(path: string): Promise<{ status: number | null; stdout: string }> {
		return new Promise((resolve, reject) => {
			const child = spawn('sh', [path], { stdio: ['ignore', 'pipe', 'pipe'] });
			let stdout = '';
			child.stdout.on('data', (d) => (stdout += d));
			const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
			child.on('error', reject);
			child.on('close', (status) => {
				clearTimeout(timer);
				resolve({ status, stdout });
			});
		});
	}

	it('prints PASS/FAIL per line, a summary, and exits 1 when something failed', async () => {
		const data = makeCatalog([loopbackFile()], 'loop-1');
		const script = posixScript(makeSelection(data, ['loop']));
		const hasCurl = spawnSync('sh', ['-c', 'command -v curl']).status === 0;
		const hasNc = spawnSync('sh', ['-c', 'command -v nc']).status === 0;
		const hasResolver = spawnSync('sh', ['-c', 'command -v dig || command -v getent']).status === 0;
		const dir = mkdtempSync(join(tmpdir(), 'netready-sh-'));
		const path = join(dir, 'check.sh');
		writeFileSync(path, script);
		const result = await runSh(path).finally(() => rmSync(dir, { recursive: true, force: true }));
		const out = result.stdout;
		expect(result.status).toBe(hasCurl || hasNc ? 1 : 0);
		if (hasCurl) {
			expect(out).toContain(`PASS  http http://127.0.0.1:${httpPort}/x (HTTP 404) [loop.web]`);
			expect(out).toContain(
				`FAIL  http http://127.0.0.1:${closedPort}/ (no HTTP response) [loop.closed]`
			);
		} else console.warn('curl is not installed: the HTTP checks were only run as TODO lines');
		if (hasNc) {
			expect(out).toContain(`PASS  tcp localhost:${openPort} [loop.open]`);
			expect(out).toContain(`FAIL  tcp 127.0.0.1:${closedPort} [loop.shut]`);
		} else {
			console.warn(
				'nc (netcat-openbsd) is not installed: the TCP check printed TODO, as a user would see'
			);
			expect(out).toContain(`TODO  tcp localhost:${openPort} — nc (netcat) is not installed`);
		}
		if (hasResolver) expect(out).toContain('PASS  dns localhost [loop.dns]');
		const failed = (hasCurl ? 1 : 0) + (hasNc ? 1 : 0);
		expect(out).toMatch(
			new RegExp(
				`Summary: \\d+ passed, ${failed} failed, \\d+ to do by hand, \\d+ not testable here, 0 not allowed`
			)
		);
	});
});
