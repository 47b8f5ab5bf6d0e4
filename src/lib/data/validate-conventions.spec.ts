/** The validator's checks of references and conventions, on one file and across files. */
import { describe, expect, it } from 'vitest';
import {
	FILE,
	direct,
	expectOneIssue,
	issuesAfter,
	relay,
	validFile,
	type Fixture,
	type Loose
} from '../../../test/fixtures/data/valid-data-file';
import { validateDataFiles } from './validate';

describe('validateDataFile: references and conventions', () => {
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
	it('allows a mitigation only on a security-risk flag of a rule with sources', () => {
		const support = (f: Fixture): Loose => f.products[0]!.requirements[2];
		const ok = issuesAfter(
			(f) =>
				(support(f).flags = [
					{ kind: 'security-risk', text: 'RDP is a risk.', mitigation: 'allow-only-from-sources' }
				])
		);
		expect(ok).toEqual([]);
		const wrongKind = issuesAfter(
			(f) =>
				(support(f).flags = [
					{ kind: 'ambiguous', text: 'Unclear.', mitigation: 'allow-only-from-sources' }
				])
		);
		expectOneIssue(wrongKind, 'acme-video.support', /belongs to a security-risk flag/);
		const noSources = issuesAfter(
			(f) =>
				(relay(f).flags = [
					{ kind: 'security-risk', text: 'Risky.', mitigation: 'allow-only-from-sources' }
				])
		);
		expectOneIssue(noSources, 'acme-video.relay', /needs the rule's sources/);
	});
	it('checks the hosts of hand tests netready chose', () => {
		const withTest = (test: unknown) =>
			issuesAfter(
				(f) =>
					((f.products[0]!.requirements[2] as Loose).check = {
						kind: 'manual',
						reason: 'inbound',
						testWith: [test]
					})
			);
		expect(
			withTest({
				kind: 'tcp',
				host: 'logs.example.net',
				port: 10516,
				note: 'Under *.example.net.'
			})
		).toEqual([]);
		expect(
			withTest({ kind: 'http', url: 'http://turn.example.com/', note: 'Named by the source.' })
		).toEqual([]);
		expectOneIssue(
			withTest({ kind: 'tcp', host: 'other.example.invalid', port: 1, note: 'A guess.' }),
			'acme-video.support',
			/testWith host "other\.example\.invalid" is neither named/
		);
		expectOneIssue(
			withTest({ kind: 'http', url: 'ftp://turn.example.com/', note: 'Wrong scheme.' }),
			'acme-video.support',
			/not an http\(s\) URL/
		);
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
