import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { DataFileSchema, type Requirement } from '$lib/data/schema';
import { fixtureCatalog, otherFile, videoFile } from '../../../test/fixtures/it/data-files';
import { manualCommands } from './manual';

function req(id: string): Requirement {
	const r = fixtureCatalog.products.flatMap((p) => p.requirements).find((x) => x.id === id);
	if (!r) throw new Error(`fixture has no ${id}`);
	return r;
}
const run = (id: string, includeRisky = false) =>
	manualCommands(req(id), { catalog: fixtureCatalog, includeRisky });

describe('fixtures', () => {
	it('are valid data files', () => {
		expect(() => v.parse(DataFileSchema, videoFile)).not.toThrow();
		expect(() => v.parse(DataFileSchema, otherFile)).not.toThrow();
	});
});

describe('manualCommands', () => {
	it('gives Test-NetConnection and nc for each TCP port of a named host and set entry', () => {
		const c = run('acme-base.api');
		expect(c.powershell).toContain('Test-NetConnection -ComputerName api.acme.example -Port 8080');
		expect(c.posix).toContain('nc -vz -w 5 api.acme.example 443');
		// An address block is not a server: no sample address, a placeholder and how to find one.
		expect(c.posix.join('\n')).not.toMatch(/198\.51\.100\.\d+ /);
		expect(c.posix).toContain('nc -vz -w 5 <an address in 198.51.100.0/25> 443');
		expect(c.posix).toContain('nc -vz -w 5 <an address in 198.51.100.128/25> 8080');
		expect(c.note).toMatch(/198\.51\.100\.128\/25 \(Table 1\), not a server/);
		expect(c.note).toMatch(/Get-NetTCPConnection -State Established/);
		expect(c.note).toMatch(/names a network, not an address: Amazon Web Services/);
	});

	it('uses a representative host from the data for a wildcard, and says so', () => {
		const c = run('acme-video.web');
		expect(c.posix[0]).toBe('nc -vz -w 5 app.acme.example 443');
		expect(c.note).toMatch(/app\.acme\.example stands in for \*\.acme\.example/);
	});

	it('asks for a host when the data gives none for a wildcard', () => {
		const c = run('acme-video.web');
		expect(c.posix).toContain('nc -vz -w 5 <a host under *.acme-cdn.example> 443');
		expect(c.note).toMatch(/Replace <a host under \*\.acme-cdn\.example>/);
	});

	it('never offers a test for a destination flagged as a security risk unless asked', () => {
		const plain = run('acme-video.web');
		expect(plain.posix.join('\n')).not.toContain('polyfill');
		expect(plain.note).toMatch(/NOT ALLOWED — security risk.*cdn\.polyfill\.example/);
		const risky = run('acme-video.web', true);
		expect(risky.posix).toContain('nc -vz -w 5 cdn.polyfill.example 443');
	});

	it('is honest about UDP: no command, a note saying nc -u cannot prove it', () => {
		const c = run('acme-video.media');
		expect(c.posix.some((l) => l.includes('-u'))).toBe(false);
		expect(c.note).toMatch(
			/UDP 3478, 10000-20000 to turn\.acme\.example, 192\.0\.2\.0 - 192\.0\.2\.255, 192\.0\.2\.10 - 192\.0\.2\.20, 203\.0\.113\.7 cannot be proven/
		);
		expect(c.note).toMatch(/"nc -u" reports success whether or not anything arrives/);
		// turn.acme.example is probed over UDP only: the data does not say it takes TCP 443.
		expect(c.posix).not.toContain('nc -vz -w 5 turn.acme.example 443');
		expect(c.note).toMatch(/TCP 443 to turn\.acme\.example is not tested by hand/);
	});

	it('uses w32tm and sntp for NTP, with a placeholder where the data names only a wildcard', () => {
		const c = run('acme-base.ntp');
		expect(c.powershell).toEqual([
			'w32tm /stripchart /computer:<a host under *.pool.ntp.example> /samples:3 /dataonly'
		]);
		expect(c.posix[0]).toBe('sntp <a host under *.pool.ntp.example>');
	});

	it('queries NTP for real where the source writes NTP as TCP, and asks about TCP instead of testing it', () => {
		const r: Requirement = {
			...req('acme-base.ntp'),
			ports: [{ protocol: 'tcp', from: 123, to: 123 }],
			destinations: [{ kind: 'host', value: 'pool.ntp.example' }]
		};
		const c = manualCommands(r, { catalog: fixtureCatalog });
		expect(c.posix).toEqual(['sntp pool.ntp.example', 'ntpdate -q pool.ntp.example']);
		expect(c.powershell).toEqual([
			'w32tm /stripchart /computer:pool.ntp.example /samples:3 /dataonly'
		]);
		expect(c.note).toMatch(/Ask the vendor: .*TCP 123 for NTP.*UDP 123 only/);
	});

	it('resolves vendor names for a DNS rule without a destination', () => {
		const c = run('acme-base.dns');
		expect(c.powershell).toEqual(['Resolve-DnsName -Name api.acme.example']);
		expect(c.posix).toEqual(['dig +short api.acme.example', 'getent hosts api.acme.example']);
	});

	it('fetches a plain HTTP URL with curl and Invoke-WebRequest', () => {
		const c = run('acme-video.captive');
		expect(c.posix).toEqual([
			"curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 10 http://captive.example/generate_204"
		]);
		expect(c.powershell[0]).toMatch(
			/^Invoke-WebRequest -Uri 'http:\/\/captive\.example\/generate_204'/
		);
	});

	it('takes the port from a wss URL when the rule gives none', () => {
		expect(run('acme-video.websocket').posix).toEqual([
			'nc -vz -w 5 <a host under *.signal.example> 443'
		]);
	});

	it('gives instructions, not tests, for inbound and local rules', () => {
		const inbound = run('acme-base.support');
		expect(inbound.powershell).toEqual([]);
		expect(inbound.posix).toEqual([]);
		expect(inbound.note).toMatch(
			/Inbound rule: allow TCP 3389 from Table 1 \(198\.51\.100\.0\/25, 198\.51\.100\.128\/25\) to GP Surgery/
		);
		const local = run('acme-base.lan');
		expect(local.posix).toEqual([]);
		expect(local.note).toMatch(
			/allow UDP 8088-8089 from Local site\(s\) to the hosts the vendor names, in and out/
		);
	});

	it('says when the vendor gives nothing to test', () => {
		const c = run('acme-video.direct-media');
		expect(c.posix).toEqual([]);
		expect(c.note).toMatch(/neither a destination nor ports/);
		expect(run('acme-base.provisioning').note).toMatch(
			/A setting, not a connection — DHCP addressing: the device must receive its address by DHCP\. Check it/
		);
	});

	it('quotes values a shell would interpret', () => {
		const r: Requirement = {
			...req('acme-video.captive'),
			destinations: [{ kind: 'url', value: "http://x.example/a?b=1&c='2'" }]
		};
		const c = manualCommands(r, { catalog: fixtureCatalog });
		expect(c.posix[0]).toMatch(/'http:\/\/x\.example\/a\?b=1&c='\\''2'\\'''$/);
		expect(c.powershell[0]).toContain("-Uri 'http://x.example/a?b=1&c=''2'''");
	});
});
