/** The validator's checks on one file's values: structure, addresses, host names, probe urls. */
import { describe, expect, it } from 'vitest';
import {
	FILE,
	direct,
	expectOneIssue,
	issuesAfter,
	relay,
	validFile,
	type Loose
} from '../../../test/fixtures/data/valid-data-file';
import { validateDataFile } from './validate';

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
		it('rejects a purpose outside the vocabulary, and a missing description', () => {
			const unknown = issuesAfter((f) => (relay(f).purpose = 'telepathy'));
			expect(unknown[0]!.message).toContain('acme-video.relay');
			expect(unknown[0]!.message).toMatch(/purpose/);
			const missing = issuesAfter((f) => delete relay(f).description);
			expect(missing[0]!.message).toMatch(/description/);
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
				/neither named by the source, nor under a wildcard it lists, nor in the domain/
			);
		});
		it('accepts a sibling of a named host only with evidence', () => {
			const sibling = {
				kind: 'turn',
				url: 'turns:relay1.example.com:443?transport=tcp',
				representative: true,
				note: 'A relay beside turn.example.com.'
			};
			const without = issuesAfter((f) => (relay(f).check.probes[3] = { ...sibling }));
			expectOneIssue(without, 'acme-video.relay', /cite the public material.*evidence/);
			const withEvidence = issuesAfter(
				(f) =>
					(relay(f).check.probes[3] = {
						...sibling,
						evidence: 'Example Corp documents turns:relay1.example.com:443.'
					})
			);
			expect(withEvidence).toEqual([]);
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
});
