import { describe, expect, it } from 'vitest';
import {
	cidrProblem,
	hostNameProblem,
	ipRangeProblem,
	strictProbeUrl,
	urlProblem,
	validateDataFile,
	validateDataFiles,
	wildcardMatches,
	wildcardProblem,
	type DataIssue
} from './validate';

const FILE = 'acme.json';

/** A small file that is valid in every respect; each test breaks one thing. */
function validFile() {
	return {
		source: {
			id: 'acme-doc',
			title: 'Acme network requirements',
			publisher: 'Acme',
			file: 'data/sources/acme.txt'
		},
		addressSets: [
			{ id: 'acme-table-1', name: 'Table 1', entries: [{ kind: 'cidr', value: '10.0.0.0/22' }] }
		],
		products: [
			{
				id: 'acme-video',
				name: 'Acme Video',
				vendor: 'Acme',
				summary: 'Video calls.',
				kind: 'video',
				source: 'acme-doc',
				requirements: [
					{
						id: 'acme-video.relay',
						section: 'Firewall',
						service: 'TURN',
						purpose: 'Relays calls.',
						level: 'mandatory',
						levelText: 'Mandatory',
						direction: 'outbound',
						transportText: 'UDP & TCP',
						portsText: '3478',
						ruleText: 'Outgoing',
						ports: [
							{ protocol: 'udp', from: 3478, to: 3478 },
							{ protocol: 'tcp', from: 3478, to: 3478 }
						],
						destinations: [
							{ kind: 'host', value: 'turn.example.com' },
							{ kind: 'wildcard', value: '*.example.net' },
							{ kind: 'wildcard', value: '*relay.example.org' },
							{ kind: 'url', value: 'https://*.example.io/path' },
							{ kind: 'ip', value: '192.0.2.1' },
							{ kind: 'cidr', value: '198.51.100.0/24' },
							{ kind: 'ip-range', from: '203.0.113.0', to: '203.0.113.127' },
							{ kind: 'address-set', ref: 'acme-table-1' },
							{ kind: 'network', value: 'Amazon Web Services' }
						],
						alternative: { group: 'acme-video.media', role: 'fallback' },
						check: {
							kind: 'probe',
							probes: [
								{ kind: 'stun', url: 'stun:turn.example.com:3478' },
								{ kind: 'turn', url: 'turn:turn.example.com:3478?transport=udp' },
								{ kind: 'turn', url: 'turns:turn.example.com:443?transport=tcp' },
								{
									kind: 'https',
									url: 'https://www.example.net/',
									representative: true,
									note: 'Stands in for *.example.net.'
								}
							]
						}
					},
					{
						id: 'acme-video.direct',
						section: 'Firewall',
						service: 'Media',
						purpose: 'Carries calls directly.',
						level: 'mandatory',
						levelText: 'Mandatory (select one)',
						direction: 'outbound',
						portsText: '',
						ports: [],
						destinations: [],
						flags: [{ kind: 'incomplete', text: 'The PORTS cell is empty.' }],
						alternative: { group: 'acme-video.media', role: 'preferred' },
						check: {
							kind: 'inferred',
							from: [{ kind: 'stun', url: 'stun:turn.example.com:3478' }],
							reason: 'UDP works at all.'
						}
					},
					{
						id: 'acme-video.support',
						section: 'Support',
						service: 'RDP',
						purpose: 'Remote support.',
						level: 'optional',
						levelText: 'Optional',
						direction: 'inbound',
						ports: [{ protocol: 'tcp', from: 3389, to: 3389 }],
						destinations: [{ kind: 'network', value: 'Practice' }],
						sources: [{ kind: 'address-set', ref: 'acme-table-1' }],
						check: { kind: 'manual', reason: 'inbound' }
					}
				]
			}
		]
	};
}
type Fixture = ReturnType<typeof validFile>;
// The tests write deliberately wrong values into the fixture, so they need a loose view of it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = any;

function relay(f: Fixture): Loose {
	return f.products[0]!.requirements[0]!;
}
function direct(f: Fixture): Loose {
	return f.products[0]!.requirements[1]!;
}

/** Breaks a valid file with `mutate` and returns its issues. */
function issuesAfter(
	mutate: (f: Fixture) => void,
	fileExists?: (p: string) => boolean
): DataIssue[] {
	const f = validFile();
	mutate(f);
	return validateDataFile(f, FILE, { fileExists });
}

/** Exactly one issue, about `id`, naming file and id in its message, and saying `what`. */
function expectOneIssue(issues: DataIssue[], id: string, what: RegExp) {
	expect(issues, JSON.stringify(issues)).toHaveLength(1);
	const [i] = issues;
	expect(i!.file).toBe(FILE);
	expect(i!.id).toBe(id);
	expect(i!.message).toContain(FILE);
	expect(i!.message).toContain(id);
	expect(i!.message).toMatch(what);
}

describe('validateDataFile', () => {
	it('accepts the valid fixture', () => {
		expect(validateDataFile(validFile(), FILE, { fileExists: () => true })).toEqual([]);
	});

	describe('structure (valibot)', () => {
		it('rejects port 70000, naming the requirement', () => {
			const issues = issuesAfter((f) => (relay(f).ports[0].to = 70000));
			expect(issues.length).toBeGreaterThan(0);
			expect(issues[0]!.message).toContain(FILE);
			expect(issues[0]!.message).toContain('acme-video.relay');
			expect(issues[0]!.message).toMatch(/ports\.0\.to/);
		});
		it('rejects a port range that runs backwards', () => {
			const issues = issuesAfter(
				(f) => (relay(f).ports[0] = { protocol: 'udp', from: 5000, to: 4000 })
			);
			expect(issues[0]!.message).toContain('acme-video.relay');
			expect(issues[0]!.message).toMatch(/backwards/);
		});
		it('rejects an unknown level', () => {
			const issues = issuesAfter((f) => (relay(f).level = 'required'));
			expect(issues[0]!.message).toContain('acme-video.relay');
			expect(issues[0]!.message).toMatch(/level/);
		});
		it('rejects an unknown field', () => {
			const issues = issuesAfter((f) => (relay(f).destinationText = ''));
			expect(issues[0]!.message).toContain('acme-video.relay');
		});
	});

	describe('addresses', () => {
		it('rejects a CIDR with host bits set', () => {
			const issues = issuesAfter(
				(f) => (relay(f).destinations[5] = { kind: 'cidr', value: '10.0.0.1/22' })
			);
			expectOneIssue(issues, 'acme-video.relay', /10\.0\.0\.1\/22.*network address.*10\.0\.0\.0/);
		});
		it('rejects a CIDR with a prefix too long', () => {
			const issues = issuesAfter(
				(f) => (relay(f).destinations[5] = { kind: 'cidr', value: '10.0.0.0/33' })
			);
			expectOneIssue(issues, 'acme-video.relay', /prefix/);
		});
		it('checks CIDRs inside address sets, naming the set', () => {
			const issues = issuesAfter((f) => (f.addressSets[0]!.entries[0]!.value = '10.207.113.0/22'));
			expectOneIssue(issues, 'acme-table-1', /host bits/);
		});
		it('rejects an IP range that runs backwards', () => {
			const issues = issuesAfter(
				(f) =>
					(relay(f).destinations[6] = {
						kind: 'ip-range',
						from: '34.203.254.255',
						to: '34.203.254.0'
					})
			);
			expectOneIssue(issues, 'acme-video.relay', /runs backwards/);
		});
		it('rejects an IP range mixing IPv4 and IPv6', () => {
			const issues = issuesAfter(
				(f) =>
					(relay(f).destinations[6] = { kind: 'ip-range', from: '192.0.2.1', to: '2001:db8::1' })
			);
			expectOneIssue(issues, 'acme-video.relay', /mixes IPv4 and IPv6/);
		});
		it('rejects a bad IP and loose IPv4 forms', () => {
			for (const value of ['300.1.1.1', '10.1', '010.1.1.1', 'example.com']) {
				const issues = issuesAfter((f) => (relay(f).destinations[4] = { kind: 'ip', value }));
				expectOneIssue(issues, 'acme-video.relay', /not an IP address/);
			}
		});
	});

	describe('host names, wildcards and URLs', () => {
		const badHosts: [string, RegExp][] = [
			['exa mple.com', /not a valid host name/],
			['Example.com', /browser reads it as "example.com"/],
			['a..example.com', /empty label/],
			[`${'a'.repeat(64)}.example.com`, /longer than 63/],
			['bad!.example.com', /invalid label/],
			['-bad.example.com', /invalid label/],
			['localhost', /no domain part/],
			['192.0.2.1', /is an IP address/]
		];
		for (const [value, why] of badHosts)
			it(`rejects host "${value.slice(0, 20)}"`, () => {
				const issues = issuesAfter((f) => relay(f).destinations.push({ kind: 'host', value }));
				expectOneIssue(issues, 'acme-video.relay', why);
			});
		it('rejects a host name longer than 253 characters', () => {
			const value = Array.from({ length: 6 }, () => 'a'.repeat(50)).join('.') + '.com';
			const issues = issuesAfter((f) => relay(f).destinations.push({ kind: 'host', value }));
			expectOneIssue(issues, 'acme-video.relay', /longer than 253/);
		});
		for (const value of ['example.*.com', '*.', '**.example.com', '*.exa mple.com', 'example.com'])
			it(`rejects wildcard "${value}"`, () => {
				const issues = issuesAfter((f) => relay(f).destinations.push({ kind: 'wildcard', value }));
				expectOneIssue(issues, 'acme-video.relay', /wildcard/);
			});
		it('rejects a URL with an unexpected scheme or no host', () => {
			for (const [value, why] of [
				['ftp://example.com/', /scheme ftp:/],
				['not a url', /does not parse/],
				['https://exa$mple.com/', /invalid label/]
			] as const) {
				const issues = issuesAfter((f) => (relay(f).destinations[3] = { kind: 'url', value }));
				expectOneIssue(issues, 'acme-video.relay', why);
			}
		});
		it('rejects an unknown address set', () => {
			const issues = issuesAfter(
				(f) => (relay(f).destinations[7] = { kind: 'address-set', ref: 'acme-table-9' })
			);
			expectOneIssue(issues, 'acme-video.relay', /unknown address set "acme-table-9"/);
		});
		it('rejects an unknown address set among the sources', () => {
			const issues = issuesAfter(
				(f) => ((f.products[0]!.requirements[2] as Loose).sources[0].ref = 'acme-table-2')
			);
			expectOneIssue(issues, 'acme-video.support', /sources\[0\].*unknown address set/);
		});
	});

	describe('probe urls', () => {
		const cases: [string, string, RegExp][] = [
			['turn', 'turn:turn.example.com:3478', /transport=udp or \?transport=tcp/],
			['turn', 'turn:turn.example.com:3478?transport=sctp', /transport=udp or/],
			['turn', 'turns:turn.example.com:5349?transport=udp', /TLS\) runs over TCP only/],
			['stun', 'stun:turn.example.com', /explicit port/],
			['stun', 'stun:turn.example.com:99999', /invalid port/],
			['stun', 'stun:turn.example.com:3478?transport=udp', /takes no parameters/],
			['stun', 'turn:turn.example.com:3478?transport=udp', /does not match its kind "stun"/],
			['https', 'https://turn.example.com', /canonical way \("https:\/\/turn\.example\.com\/"\)/],
			['https', 'https://TURN.example.com/', /canonical/],
			['wss', 'ws://turn.example.com/', /scheme ws:/],
			['https', 'https://elsewhere.example.com/', /not named by the source/]
		];
		for (const [kind, url, why] of cases)
			it(`rejects ${url}`, () => {
				const issues = issuesAfter((f) => (relay(f).check.probes[1] = { kind, url }));
				expectOneIssue(issues, 'acme-video.relay', why);
			});
		it('requires a note on a representative probe', () => {
			const issues = issuesAfter((f) => delete relay(f).check.probes[3].note);
			expectOneIssue(issues, 'acme-video.relay', /needs a note/);
		});
		it('requires a representative host to fall under a listed wildcard', () => {
			const issues = issuesAfter(
				(f) =>
					(relay(f).check.probes[3] = {
						kind: 'https',
						url: 'https://www.example.invalid/',
						representative: true,
						note: 'A guess.'
					})
			);
			expectOneIssue(
				issues,
				'acme-video.relay',
				/neither named by the source nor under a wildcard/
			);
		});
		it('checks the probes an inferred check rests on', () => {
			const issues = issuesAfter((f) => (direct(f).check.from[0].url = 'stun:turn.example.com'));
			expectOneIssue(issues, 'acme-video.direct', /explicit port/);
		});
		it('rejects the same probe twice in one requirement', () => {
			const issues = issuesAfter((f) =>
				relay(f).check.probes.push({ ...relay(f).check.probes[0] })
			);
			expectOneIssue(issues, 'acme-video.relay', /listed twice/);
		});
	});

	describe('references and conventions', () => {
		it('rejects a duplicate requirement id', () => {
			const issues = issuesAfter((f) => (direct(f).id = 'acme-video.relay'));
			expect(issues.some((i) => i.id === 'acme-video.relay' && /used twice/.test(i.message))).toBe(
				true
			);
			expect(issues.every((i) => i.message.startsWith(FILE))).toBe(true);
		});
		it('rejects a requirement id without its product prefix', () => {
			const issues = issuesAfter((f) => {
				direct(f).id = 'other.direct';
			});
			expectOneIssue(issues, 'other.direct', /must start with its product id "acme-video\."/);
		});
		it('rejects an unknown required product', () => {
			const issues = issuesAfter((f) => ((f.products[0] as Loose).requires = ['acme-ghost']));
			expectOneIssue(issues, 'acme-video', /requires unknown product "acme-ghost"/);
		});
		it('rejects a product that requires itself', () => {
			const issues = issuesAfter((f) => ((f.products[0] as Loose).requires = ['acme-video']));
			expectOneIssue(issues, 'acme-video', /cannot require itself/);
		});
		it('rejects a product whose source is another document', () => {
			const issues = issuesAfter((f) => (f.products[0]!.source = 'other-doc'));
			expectOneIssue(issues, 'acme-video', /not this file's source/);
		});
		it('rejects an alternative group with one member', () => {
			const issues = issuesAfter((f) => delete relay(f).alternative);
			expectOneIssue(issues, 'acme-video.direct', /only one member/);
		});
		it('rejects an alternative group without exactly one preferred member', () => {
			const issues = issuesAfter((f) => (relay(f).alternative.role = 'preferred'));
			expectOneIssue(issues, 'acme-video.relay', /exactly one preferred member \(has 2\)/);
		});
		it('requires an incomplete flag where a verbatim cell is empty', () => {
			const issues = issuesAfter((f) => delete direct(f).flags);
			expectOneIssue(issues, 'acme-video.direct', /portsText records an empty cell/);
		});
		it('rejects a browser check for inbound traffic', () => {
			const issues = issuesAfter(
				(f) =>
					((f.products[0]!.requirements[2] as Loose).check = {
						kind: 'probe',
						probes: [{ kind: 'stun', url: 'stun:turn.example.com:3478' }]
					})
			);
			expectOneIssue(issues, 'acme-video.support', /cannot test inbound traffic/);
		});
		it('rejects a duplicate port range', () => {
			const issues = issuesAfter((f) =>
				relay(f).ports.push({ protocol: 'udp', from: 3478, to: 3478 })
			);
			expectOneIssue(issues, 'acme-video.relay', /udp 3478-3478 is listed twice/);
		});
		it('rejects a missing source file', () => {
			const issues = issuesAfter(
				() => {},
				() => false
			);
			expectOneIssue(issues, 'acme-doc', /data\/sources\/acme\.txt" does not exist/);
		});
		it('rejects a source file outside data/sources', () => {
			const issues = issuesAfter((f) => (f.source.file = '/etc/passwd'));
			expectOneIssue(issues, 'acme-doc', /must be under data\/sources/);
		});
	});
});

describe('validateDataFiles', () => {
	function otherFile(requires?: string[]) {
		const f = validFile() as Loose;
		f.source.id = 'other-doc';
		f.addressSets[0].id = 'other-table-1';
		f.products[0].id = 'other-video';
		f.products[0].source = 'other-doc';
		if (requires) f.products[0].requires = requires;
		for (const r of f.products[0].requirements) r.id = r.id.replace('acme-video', 'other-video');
		f.products[0].requirements[0].alternative.group = 'other-video.media';
		f.products[0].requirements[1].alternative.group = 'other-video.media';
		f.products[0].requirements[2].sources[0].ref = 'other-table-1';
		f.products[0].requirements[0].destinations[7].ref = 'other-table-1';
		return f;
	}

	it('accepts two valid files, with requires across them', () => {
		const issues = validateDataFiles([
			{ fileName: FILE, json: validFile() },
			{ fileName: 'other.json', json: otherFile(['acme-video']) }
		]);
		expect(issues).toEqual([]);
	});

	it('rejects an id used in two files, naming both', () => {
		const other = otherFile();
		other.products[0].requirements[2].id = 'other-video.support';
		other.products[0].id = 'acme-video';
		for (const r of other.products[0].requirements)
			r.id = r.id.replace('other-video', 'acme-video');
		other.products[0].requirements[0].alternative.group = 'acme-video.media';
		other.products[0].requirements[1].alternative.group = 'acme-video.media';
		const issues = validateDataFiles([
			{ fileName: FILE, json: validFile() },
			{ fileName: 'other.json', json: other }
		]);
		const dup = issues.find((i) => i.id === 'acme-video.relay');
		expect(dup?.message).toMatch(
			/^other\.json › acme-video\.relay: id "acme-video\.relay" is also used in acme\.json$/
		);
		expect(issues.some((i) => i.id === 'acme-video')).toBe(true);
	});

	it('still rejects a required product that no file defines', () => {
		const issues = validateDataFiles([
			{ fileName: FILE, json: validFile() },
			{ fileName: 'other.json', json: otherFile(['nobody']) }
		]);
		expect(issues.map((i) => i.message)).toEqual([
			'other.json › other-video: requires unknown product "nobody"'
		]);
	});
});

describe('helpers', () => {
	it('accepts the unusual forms the vendors write', () => {
		expect(wildcardProblem('*turn.whereby.com')).toBeUndefined();
		expect(wildcardProblem('*.iot.eu-west-2.amazonaws.com')).toBeUndefined();
		expect(hostNameProblem('my.caredirect.heatlhcare')).toBeUndefined();
		expect(hostNameProblem('a265y25nnswbi5-ats.iot.us-east-2.amazonaws.com')).toBeUndefined();
		expect(urlProblem('wss://*.appsync-realtime-api.eu-west-2.amazonaws.com')).toBeUndefined();
		expect(cidrProblem('149.11.42.48/29')).toBeUndefined();
		expect(cidrProblem('2001:db8::/32')).toBeUndefined();
		expect(cidrProblem('2001:db8::1/32')).toMatch(/host bits/);
		expect(ipRangeProblem('54.172.60.0', '54.172.61.255')).toBeUndefined();
	});
	it('matches wildcards like a proxy does', () => {
		expect(wildcardMatches('*turn.whereby.com', 'any.turn.whereby.com')).toBe(true);
		expect(wildcardMatches('*.amwell.com', 'www.amwell.com')).toBe(true);
		expect(wildcardMatches('*.amwell.com', 'amwell.com')).toBe(false);
		expect(wildcardMatches('*.amwell.com', 'www.amwellxcom')).toBe(false);
	});
	it('parses probe urls into host, port and transport', () => {
		expect(strictProbeUrl('turns:global.turn.twilio.com:5349?transport=tcp')).toMatchObject({
			scheme: 'turns',
			host: 'global.turn.twilio.com',
			port: 5349,
			transport: 'tcp'
		});
		expect(strictProbeUrl('stun:global.stun.twilio.com:3478')).toMatchObject({
			scheme: 'stun',
			host: 'global.stun.twilio.com',
			port: 3478
		});
		expect(
			strictProbeUrl('wss://signal.appearin.net/protocol/socket.io/v4/?EIO=4&transport=websocket')
		).toMatchObject({
			scheme: 'wss',
			host: 'signal.appearin.net',
			port: 443
		});
	});
});
