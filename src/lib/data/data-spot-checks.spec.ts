/**
 * Spot checks of the data under data/: rows whose encoding the generic scans in data.spec.ts
 * cannot judge (alternatives, splits, flags, probe choices), each checked against what the vendor
 * document says.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import * as v from 'valibot';
import { DataFileSchema, PURPOSES, type DataFile, type Product, type Requirement } from './schema';

const root = new URL('../../../', import.meta.url);
const dataDir = new URL('data/', root);
const fileNames = readdirSync(dataDir)
	.filter((f) => f.endsWith('.json') && f !== 'meta.json')
	.sort();
const raw = fileNames.map((fileName) => ({
	fileName,
	json: JSON.parse(readFileSync(new URL(fileName, dataDir), 'utf8')) as unknown
}));
const files: { fileName: string; data: DataFile; text: string }[] = raw.map(
	({ fileName, json }) => {
		const data = v.parse(DataFileSchema, json);
		return { fileName, data, text: readFileSync(new URL(data.source.file, root), 'utf8') };
	}
);
const products = files.flatMap((f) => f.data.products);
const requirements = products.flatMap((p) => p.requirements);

function product(id: string): Product {
	const p = products.find((x) => x.id === id);
	if (!p) throw new Error(`no product ${id}`);
	return p;
}
function requirement(id: string): Requirement {
	const r = requirements.find((x) => x.id === id);
	if (!r) throw new Error(`no requirement ${id}`);
	return r;
}
const flagKinds = (r: { flags?: { kind: string }[] }) => (r.flags ?? []).map((f) => f.kind);
const probeUrls = (r: Requirement) =>
	r.check.kind === 'probe'
		? r.check.probes.map((p) => p.url)
		: r.check.kind === 'inferred'
			? r.check.from.map((p) => p.url)
			: [];

describe('spot checks', () => {
	it('Amwell Hospital: the select-one media rows form one group, the highly recommended row stays out', () => {
		expect(requirement('amwell-carepoint.preferred-media').alternative).toEqual({
			group: 'amwell-carepoint.media',
			role: 'preferred'
		});
		expect(requirement('amwell-carepoint.stun-turn').alternative).toEqual({
			group: 'amwell-carepoint.media',
			role: 'fallback'
		});
		expect(
			requirement('amwell-carepoint.preferred-media-highly-recommended').alternative
		).toBeUndefined();
		expect(requirement('amwell-carepoint.preferred-media-highly-recommended').level).toBe(
			'highly-recommended'
		);
	});

	it('Amwell STUN/TURN: one probe per URL and transport, per protocol ports as written', () => {
		const r = requirement('amwell-carepoint.stun-turn');
		expect(probeUrls(r)).toEqual([
			'stun:global.stun.twilio.com:3478',
			'turn:global.turn.twilio.com:3478?transport=udp',
			'turn:global.turn.twilio.com:3478?transport=tcp',
			'turn:global.turn.twilio.com:443?transport=tcp',
			'turns:global.turn.twilio.com:5349?transport=tcp'
		]);
		expect(r.ports).toEqual([
			{ protocol: 'tcp', from: 443, to: 443 },
			{ protocol: 'udp', from: 443, to: 443 },
			{ protocol: 'tcp', from: 3478, to: 3478 },
			{ protocol: 'udp', from: 3478, to: 3478 },
			{ protocol: 'tcp', from: 5349, to: 5349 }
		]);
		expect(r.notes).toContain('*Fail-over in case 40000-49999 cannot establish a connection.');
	});

	it('Amwell NTP written as transport "NTP" is UDP 123', () => {
		for (const pid of ['amwell-carepoint', 'amwell-converge', 'amwell-home']) {
			const r = requirement(`${pid}.ntp-123`);
			expect(r.transportText).toBe('NTP');
			expect(r.ports).toEqual([{ protocol: 'udp', from: 123, to: 123 }]);
			expect(r.application).toBe('ntp');
			expect(r.check).toMatchObject({ kind: 'manual', reason: 'ntp' });
		}
	});

	it('Amwell empty DESTINATION cells are flagged and Converge is flagged for naming nothing', () => {
		for (const pid of ['amwell-carepoint', 'amwell-converge', 'amwell-home'])
			for (const r of product(pid).requirements.filter((x) => x.ruleText !== undefined))
				expect(flagKinds(r), r.id).toContain('incomplete');
		const converge = product('amwell-converge');
		expect(flagKinds(converge)).toContain('incomplete');
		expect(converge.requirements.flatMap((r) => r.destinations)).toEqual([]);
	});

	it('TV Kit 200S: the Xirsys lists keep their IP counts and the captive-portal URLs are flagged as misplaced', () => {
		const x = requirement('amwell-tv-kit-200s.xirsys-secondary');
		const count = (group: string) =>
			x.destinations.filter((d) => d.kind === 'ip' && d.group === group).length;
		expect(count('US East - us.xirsys.com')).toBe(19);
		expect(count('US West - ws.xirsys.com')).toBe(10);
		// The group labels are region names; Xirsys's relays take TLS on TCP 443 (issue 14).
		expect(probeUrls(x)).toEqual([
			'turns:ws-turn1.xirsys.com:443?transport=tcp',
			'turns:us-turn1.xirsys.com:443?transport=tcp'
		]);
		const probes = x.check.kind === 'probe' ? x.check.probes : [];
		for (const p of probes) {
			expect(p.representative, p.url).toBe(true);
			expect(p.evidence, p.url).toMatch(/xirsys\.com/);
		}
		expect(x.flags?.map((f) => f.text).join(' ')).toMatch(/does not probe UDP 443/);
		for (const id of [
			'amwell-tv-kit-200s.google-captive-http',
			'amwell-tv-kit-200s.google-captive-https'
		])
			expect(flagKinds(requirement(id))).toContain('layout');
		expect(probeUrls(requirement('amwell-tv-kit-200s.google-captive-https'))).toEqual([
			'https://www.google.com/generate_204'
		]);
	});

	it('TV Kit 200L: every Twilio range of each region is on its row', () => {
		const ranges = (id: string) =>
			requirement(id).destinations.flatMap((d) =>
				d.kind === 'ip-range' ? [`${d.from}-${d.to}`] : []
			);
		const east = [
			'34.203.254.0-34.203.254.255',
			'54.172.60.0-54.172.61.255',
			'34.203.250.0-34.203.251.255',
			'3.235.111.128-3.235.111.255'
		];
		const west = [
			'34.216.110.128-34.216.110.159',
			'54.244.51.0-54.244.51.255',
			'44.234.69.0-44.234.69.127'
		];
		expect(ranges('amwell-tv-kit-200l.twilio-primary-east')).toEqual(east);
		expect(ranges('amwell-tv-kit-200l.twilio-primary-east-media')).toEqual(east);
		expect(ranges('amwell-tv-kit-200l.twilio-secondary-west')).toEqual(west);
		expect(requirement('amwell-tv-kit-200l.twilio-secondary-west-media').ports).toEqual([
			{ protocol: 'udp', from: 10000, to: 60000 }
		]);
	});

	it('Accurx: cdn.polyfill.io is flagged as a security risk and never probed', () => {
		const holders = requirements.filter((r) =>
			r.destinations.some((d) => d.kind === 'host' && d.value === 'cdn.polyfill.io')
		);
		expect(holders.map((r) => r.id)).toEqual(['accurx-vc-clinician.polyfill']);
		const risk = holders[0]!.flags?.find((f) => f.kind === 'security-risk');
		expect(risk?.text).toMatch(/cdn\.polyfill\.io.*2024/);
		expect(requirements.flatMap(probeUrls).filter((u) => u.includes('polyfill'))).toEqual([]);
	});

	it('Accurx: the patient side carries the call requirements, flagged as netready\u2019s reading', () => {
		const patient = product('accurx-vc-patient');
		expect(flagKinds(patient)).toContain('interpretation');
		expect(patient.notes?.join(' ')).toMatch(/mobile internet connection/);
		expect(patient.requirements.map((r) => r.id.split('.')[1])).toEqual([
			'whereby-https',
			'websocket',
			'tcp-443',
			'udp-443'
		]);
		expect(probeUrls(requirement('accurx-vc-patient.udp-443'))).toEqual([
			'turn:turnserver.appearin.net:443?transport=udp',
			'turn:any.turn.whereby.com:443?transport=udp'
		]);
		for (const r of patient.requirements) expect(flagKinds(r), r.id).toContain('interpretation');
	});

	it('MedServe: the typo host is kept and not probed; TCP 123 is kept and flagged', () => {
		const portal = requirement('medserve-cabinet.portal-https');
		expect(portal.destinations[0]).toMatchObject({
			kind: 'host',
			value: 'my.caredirect.heatlhcare'
		});
		expect(flagKinds(portal)).toContain('typo');
		expect(portal.check.kind).toBe('manual');
		const ntp = requirement('medserve-cabinet.ntp-tcp-123');
		expect(ntp.ports).toEqual([{ protocol: 'tcp', from: 123, to: 123 }]);
		expect(flagKinds(ntp)).toContain('contradiction');
		const provisioning = product('medserve-cabinet').requirements.filter(
			(r) => r.check.kind === 'manual' && r.check.reason === 'not-a-flow'
		);
		expect(provisioning.length).toBeGreaterThanOrEqual(8);
	});

	it('EMIS: the three IP tables are address sets and the rows point at them', () => {
		const emis = files.find((f) => f.fileName === 'emis.json')!.data;
		expect(
			emis.addressSets?.map((s) => [
				s.id,
				s.entries.map((e) => (e.kind === 'cidr' ? e.value : e.kind))
			])
		).toEqual([
			['emis-table-1', ['10.207.112.0/22', '10.207.116.0/22']],
			['emis-table-2', ['194.189.117.64/26']],
			['emis-table-3', ['185.13.72.0/22', '149.11.42.48/29']]
		]);
		expect(requirement('emis-web.patching-internet').destinations).toEqual([
			{ kind: 'address-set', ref: 'emis-table-1' },
			{ kind: 'address-set', ref: 'emis-table-3' }
		]);
		expect(requirement('emis-support-access.rdp-3389').sources).toEqual([
			{ kind: 'address-set', ref: 'emis-table-1' },
			{ kind: 'address-set', ref: 'emis-table-2' }
		]);
	});

	it('EMIS: the LAN ports 8088-8092 are UDP and local, the forwarder TCP 8221', () => {
		const lan = product('emis-web').requirements.filter(
			(r) => r.section === 'EMIS Web Client Configuration'
		);
		expect(lan.map((r) => r.ports)).toEqual([
			...[8088, 8089, 8090, 8091, 8092].map((p) => [{ protocol: 'udp', from: p, to: p }]),
			[{ protocol: 'tcp', from: 8221, to: 8221 }]
		]);
		for (const r of lan) {
			expect(r.direction).toBe('local');
			expect(r.check).toMatchObject({ kind: 'manual', reason: 'local-network' });
		}
	});

	it('EMIS: rows without a URL are kept with no host and flagged', () => {
		for (const id of ['emis-web.patching-cloud', 'emis-x-assistant.missing-url-443']) {
			const r = requirement(id);
			expect(
				r.destinations.filter((d) => d.kind === 'host' || d.kind === 'url' || d.kind === 'wildcard')
			).toEqual([]);
			expect(flagKinds(r)).toContain('incomplete');
			expect(r.check).toMatchObject({ kind: 'manual', reason: 'no-destination' });
		}
	});

	it('EMIS: inbound streaming and remote support are inbound, manual, and RDP/VNC flagged', () => {
		expect(requirement('emis-streaming.inbound-33953')).toMatchObject({
			direction: 'inbound',
			ports: [{ protocol: 'tcp', from: 33953, to: 33953 }],
			check: { kind: 'manual', reason: 'inbound' }
		});
		for (const id of ['emis-support-access.rdp-3389', 'emis-support-access.vnc-5900']) {
			expect(requirement(id).direction).toBe('inbound');
			expect(flagKinds(requirement(id))).toContain('security-risk');
		}
	});

	it('probes only https, wss, stun and turn urls in one spelling, each kind consistent everywhere', () => {
		const kindByUrl = new Map<string, string>();
		for (const r of requirements) {
			const targets =
				r.check.kind === 'probe' ? r.check.probes : r.check.kind === 'inferred' ? r.check.from : [];
			for (const t of targets) {
				const seen = kindByUrl.get(t.url);
				if (seen) expect(seen, t.url).toBe(t.kind);
				kindByUrl.set(t.url, t.kind);
			}
		}
		const lower = [...kindByUrl.keys()].filter((u) => u !== u.toLowerCase() && !u.includes('EIO'));
		expect(lower).toEqual([]);
		expect(kindByUrl.size).toBeGreaterThan(20);
	});

	it('Accurx: TCP/UDP 443 "for direct mode" is inferred from Whereby relays, with the reason', () => {
		for (const pid of ['accurx-vc-clinician', 'accurx-vc-patient'])
			for (const proto of ['tcp', 'udp']) {
				const r = requirement(`${pid}.${proto}-443`);
				expect(r.check.kind, r.id).toBe('inferred');
				if (r.check.kind === 'inferred') expect(r.check.reason).toMatch(/direct/);
				expect(probeUrls(r).map((u) => new URL(u.replace(/^turns?:/, 'x://')).hostname)).toEqual([
					'turnserver.appearin.net',
					'any.turn.whereby.com'
				]);
			}
	});

	it('Accurx: wildcards without a dot, "minimum" read as mandatory, the Sophos STUN sentence', () => {
		for (const pid of ['accurx-vc-clinician', 'accurx-vc-patient']) {
			const https = requirement(`${pid}.whereby-https`);
			expect(https.flags?.find((f) => f.kind === 'typo')?.text).toMatch(/\*\.turn\.whereby\.com/);
			expect(
				product(pid)
					.flags?.map((f) => f.text)
					.join(' ')
			).toMatch(/minimum requirements/);
			expect(requirement(`${pid}.websocket`).notes?.join(' ')).toMatch(
				/outbound application rule to allow STUN/
			);
		}
	});

	it('Amwell: the 210 cart, the Carepoint table for the TV kits, the 200L layout and footnote 4', () => {
		expect(
			product('amwell-carepoint')
				.flags?.map((f) => f.text)
				.join(' ')
		).toMatch(/210/);
		for (const pid of ['amwell-tv-kit-200s', 'amwell-tv-kit-200l'])
			expect(
				product(pid)
					.flags?.map((f) => f.text)
					.join(' ')
			).toMatch(/Hospital Carepoint table/);
		for (const id of ['lgdh-api-443', 'lgdh-iot-mqtts-8883', 'procentric']) {
			const r = requirement(`amwell-tv-kit-200l.${id}`);
			expect(flagKinds(r), id).toEqual(expect.arrayContaining(['layout', 'ambiguous']));
		}
		for (const id of ['datadog-https', 'datadog-10516'])
			expect(
				requirement(`amwell-tv-kit-200l.${id}`)
					.flags?.map((f) => f.text)
					.join(' ')
			).toMatch(/TCP & TLS/);
	});

	it('Datadog TCP 10516 is hand-tested on the host that serves it, not the HTTPS intake', () => {
		const r = requirement('amwell-tv-kit-200l.datadog-10516');
		expect(r.check).toMatchObject({
			kind: 'manual',
			testWith: [{ kind: 'tcp', host: 'intake.logs.datadoghq.com', port: 10516 }]
		});
	});

	it('EMIS: the UDP forwarder "TCP/IP" is flagged; RDP/VNC are allowed only from their sources', () => {
		expect(flagKinds(requirement('emis-web.udp-forwarder-8221'))).toContain('contradiction');
		for (const id of ['emis-support-access.rdp-3389', 'emis-support-access.vnc-5900'])
			expect(requirement(id).flags?.find((f) => f.kind === 'security-risk')?.mitigation).toBe(
				'allow-only-from-sources'
			);
	});

	it('Amwell "Secure WebRTC" TCP 443 is checked one way on every platform, flagged as netready\u2019s inference', () => {
		const ids = ['amwell-carepoint', 'amwell-home', 'amwell-converge'].map(
			(p) => `${p}.secure-webrtc-443`
		);
		for (const id of ids) {
			const r = requirement(id);
			expect(r.check.kind, id).toBe('inferred');
			expect(probeUrls(r), id).toEqual(['https://www.amwell.com/']);
			expect(r.flags?.find((f) => f.kind === 'interpretation')?.text, id).toMatch(
				/same way on every Amwell platform/
			);
		}
	});

	it('purpose: every requirement has one, consistent with what the row carries', () => {
		const by = (r: Requirement) => r.purpose;
		for (const r of requirements) {
			if (r.application === 'ntp') expect(by(r), r.id).toBe('time-sync');
			if (r.application === 'dns') expect(by(r), r.id).toBe('name-lookup');
			if (r.application === 'turn' || r.application === 'stun') expect(by(r), r.id).toBe('video');
			if (r.application === 'rdp' || r.application === 'vnc')
				expect(by(r), r.id).toBe('remote-support');
			if (r.check.kind === 'manual' && r.check.reason === 'not-a-flow' && r.ports.length === 0)
				expect(['network-setup'], r.id).toContain(by(r));
		}
		const counts = new Map<string, number>();
		for (const r of requirements) counts.set(r.purpose, (counts.get(r.purpose) ?? 0) + 1);
		// Every word of the vocabulary is used by the data: none is invented for its own sake.
		expect([...counts.keys()].sort()).toEqual([...PURPOSES].sort());
		expect(counts.get('video')).toBeGreaterThan(15);
	});
});
