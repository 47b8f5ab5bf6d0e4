import { describe, expect, test } from 'vitest';
import { join } from 'node:path';
import type { DataFile } from '../../src/lib/data/schema';
import { REPO_ROOT } from './lab';
import { ADDR, LAB_NAMES } from './plan';
import { dnsPlan, hostInDomain, labTargets, parseProbeUrl, readDataFiles } from './targets';

describe('parseProbeUrl', () => {
	test.each([
		[
			'stun:global.stun.twilio.com:3478',
			{ kind: 'stun', host: 'global.stun.twilio.com', port: 3478, transport: 'udp' }
		],
		[
			'stun:stun.example.org',
			{ kind: 'stun', host: 'stun.example.org', port: 3478, transport: 'udp' }
		],
		[
			'turn:global.turn.twilio.com:443?transport=tcp',
			{ kind: 'turn', host: 'global.turn.twilio.com', port: 443, transport: 'tcp' }
		],
		['turn:ws.xirsys.com:80', { kind: 'turn', host: 'ws.xirsys.com', port: 80, transport: 'udp' }],
		[
			'turns:any.turn.whereby.com:443?transport=tcp',
			{ kind: 'turn', host: 'any.turn.whereby.com', port: 443, transport: 'tls' }
		],
		[
			'turns:Turn.Example.org',
			{ kind: 'turn', host: 'turn.example.org', port: 5349, transport: 'tls' }
		],
		[
			'https://www.amwell.com/',
			{ kind: 'https', host: 'www.amwell.com', port: 443, transport: 'tls' }
		],
		[
			'wss://signal.appearin.net:8443/protocol?x=1',
			{ kind: 'wss', host: 'signal.appearin.net', port: 8443, transport: 'tls' }
		],
		[
			'turn:[2001:db8::1]:3478?transport=udp',
			{ kind: 'turn', host: '2001:db8::1', port: 3478, transport: 'udp' }
		]
	])('%s', (url, expected) => {
		expect(parseProbeUrl(url)).toEqual(expected);
	});

	test('rejects what the lab cannot serve, naming the url', () => {
		expect(() => parseProbeUrl('http://example.org/')).toThrow(/http:\/\/example.org/);
		expect(() => parseProbeUrl('ftp:nothing')).toThrow(/ftp:nothing/);
	});
});

test('hostInDomain matches the domain and its sub-domains only', () => {
	expect(hostInDomain('global.turn.twilio.com', 'twilio.com')).toBe(true);
	expect(hostInDomain('twilio.com', '*.twilio.com')).toBe(true);
	expect(hostInDomain('nottwilio.com', 'twilio.com')).toBe(false);
	expect(hostInDomain('twilio.com.evil.org', 'twilio.com')).toBe(false);
});

const file = (requirements: { id: string; urls: string[]; inferred?: boolean }[]): DataFile =>
	({
		source: { id: 's', title: 't', publisher: 'p', file: 'f' },
		products: [
			{
				id: 'p1',
				requirements: requirements.map((r) => ({
					id: r.id,
					check: r.inferred
						? { kind: 'inferred', from: r.urls.map((url) => ({ kind: 'https', url })), reason: 'r' }
						: { kind: 'probe', probes: r.urls.map((url) => ({ kind: url.split(':')[0], url })) }
				}))
			}
		]
	}) as unknown as DataFile;

describe('labTargets and dnsPlan', () => {
	const targets = labTargets([
		file([
			{
				id: 'p1.media',
				urls: ['stun:stun.vendor.example:3478', 'turns:turn.vendor.example:443?transport=tcp']
			},
			{ id: 'p1.web', urls: ['https://app.vendor.example/'] },
			{ id: 'p1.inferred', urls: ['https://app.vendor.example/'], inferred: true },
			{ id: 'p1.other', urls: ['https://cdn.other.example/', 'turn:10.0.0.9:3478'] }
		])
	]);

	test('each url once, with every requirement that uses it', () => {
		expect(targets.map((t) => t.url)).toEqual([
			'https://app.vendor.example/',
			'https://cdn.other.example/',
			'stun:stun.vendor.example:3478',
			'turn:10.0.0.9:3478',
			'turns:turn.vendor.example:443?transport=tcp'
		]);
		expect(targets[0]!.requirementIds).toEqual(['p1.web', 'p1.inferred']);
	});

	test('every vendor name gets an address of its own: ICE names in one range, web names in another', () => {
		const plan = dnsPlan(targets);
		expect(plan.records.get('global.stun.twilio.com')).toBe('10.211.3.1');
		expect(plan.records.get('global.turn.twilio.com')).toBe('10.211.3.2');
		expect(plan.records.get('stun.vendor.example')).toBe('10.211.3.3');
		expect(plan.records.get('turn.vendor.example')).toBe('10.211.3.4');
		expect(plan.records.get('app.vendor.example')).toBe('10.211.4.1');
		expect(plan.records.get('cdn.other.example')).toBe('10.211.4.2');
		expect(plan.records.get(LAB_NAMES.turn)).toBe(ADDR.turn);
		expect(plan.records.get(LAB_NAMES.web)).toBe(ADDR.web);
		expect(plan.records.has(LAB_NAMES.missing)).toBe(false);
		expect(plan.ipLiterals).toEqual(['turn:10.0.0.9:3478']);
	});

	test('addresses do not move when a profile removes names', () => {
		const all = dnsPlan(targets);
		const failing = dnsPlan(targets, ['vendor.example']);
		expect(failing.records.get('cdn.other.example')).toBe(all.records.get('cdn.other.example'));
		expect(failing.records.get('global.turn.twilio.com')).toBe(
			all.records.get('global.turn.twilio.com')
		);
	});

	test('a per-vendor DNS failure removes exactly that domain', () => {
		const plan = dnsPlan(targets, ['vendor.example']);
		expect(plan.nxdomain).toEqual([
			'app.vendor.example',
			'stun.vendor.example',
			'turn.vendor.example'
		]);
		expect(plan.records.has('cdn.other.example')).toBe(true);
	});

	test('a name used for both TURN and HTTPS is reported and resolves to coturn', () => {
		const plan = dnsPlan(
			labTargets([file([{ id: 'x', urls: ['turn:both.example:3478', 'https://both.example/'] }])])
		);
		expect(plan.conflicts).toEqual(['both.example']);
		expect(plan.ice.has('both.example')).toBe(true);
		expect(plan.web.has('both.example')).toBe(false);
	});
});

test('every probe url in data/ is one the lab can serve', () => {
	const targets = labTargets(readDataFiles(join(REPO_ROOT, 'data')));
	const plan = dnsPlan(targets);
	expect(plan.conflicts).toEqual([]);
	expect(plan.ipLiterals).toEqual([]);
	for (const t of targets) expect(plan.records.has(t.host), t.url).toBe(true);
});
