/**
 * Plain lists that firewalls and proxies import: host names and wildcards, IPv4 (and IPv6) CIDR
 * blocks merged across products, and ports per direction and protocol. Lines starting with "#"
 * are comments; most importers skip them, and they carry the provenance and the flags.
 */
import { byVersion, mergeNetworks, type IpVersion } from '$lib/it/destinations/cidr';
import { mergeSpans, formatSpans, type Span } from '$lib/it/destinations/ports';
import { endpointHost, isListed, type RuleRow } from '$lib/it/rules/rule-rows';
import { notAllowedLines, riskLines } from './risk-lines';
import { listComment, listEntry } from '$lib/it/escape/lists';
import { commentBlock, provenanceLines } from '$lib/it/select/provenance';
import type { Selection } from '$lib/it/select/selection';

function header(title: string, selection: Selection, extra: string[]): string[] {
	return comments([title, '', ...provenanceLines(selection), '', ...extra]);
}

function comments(lines: readonly string[]): string[] {
	return commentBlock(lines, '#', listComment);
}

function isOutbound(r: RuleRow): boolean {
	return r.direction === 'outbound';
}

/** Requirement flags that name this value, for a comment above it. */
function flagsNaming(rows: readonly RuleRow[], value: string): string[] {
	const out: string[] = [];
	for (const r of rows)
		for (const f of r.flags)
			if (f.toLowerCase().includes(value.toLowerCase()) && !out.includes(f)) out.push(f);
	return out;
}

export function domainList(selection: Selection, rows: readonly RuleRow[]): string {
	const hosts = new Map<string, RuleRow[]>();
	const settings: string[] = [];
	for (const r of rows.filter(isOutbound)) {
		const host = endpointHost(r.destination);
		if (!host || !isListed(r)) continue;
		if (r.setting) {
			settings.push(`  ${host} — ${r.services.join(', ')} [${r.requirementIds.join(', ')}]`);
			continue;
		}
		const key = host.toLowerCase();
		hosts.set(key, [...(hosts.get(key) ?? []), r]);
	}
	const lines = header('netready: host names and wildcards to allow (outbound)', selection, [
		'One host name or wildcard per line, as the vendor writes it.',
		'"*.example.com" stands for names under example.com, not example.com itself.'
	]);
	for (const host of [...hosts.keys()].sort()) {
		const hostRows = hosts.get(host) ?? [];
		const notes = flagsNaming(hostRows, host);
		for (const r of hostRows.filter((x) => x.setting))
			notes.push(
				`a setting rather than a connection: ${r.services.join(', ')} [${r.requirementIds.join(', ')}]`
			);
		if (hostRows.some((r) => r.status === 'included-security-risk'))
			notes.unshift(
				`SECURITY RISK (included on request): ${hostRows.flatMap((r) => r.risks).join(' ')}`
			);
		// Only a single safe token becomes an entry; anything else stays a comment.
		const entry = listEntry(host);
		lines.push(
			...comments(notes),
			...(entry ? [entry] : comments([`not listed, not a host name: ${host}`]))
		);
	}
	if (hosts.size === 0) lines.push('# (no host names in this selection)');
	if (settings.length)
		lines.push(
			...comments([
				'',
				'Named in settings rather than connection rules (see the rule table):',
				...new Set(settings)
			])
		);
	lines.push(...notAllowedLines(rows.filter(isOutbound), '#', listComment));
	return lines.join('\n') + '\n';
}

export function addressList(
	selection: Selection,
	rows: readonly RuleRow[],
	version: IpVersion
): string {
	const outbound = rows.filter((r) => isOutbound(r) && isListed(r) && !r.setting);
	const addressRows = outbound.filter(
		(r) => r.destination.kind === 'ip' || r.destination.kind === 'cidr'
	);
	const merged = byVersion(mergeNetworks(addressRows.map((r) => r.destination.value)))[version];
	const family = version === 4 ? 'IPv4' : 'IPv6';
	const origin: string[] = [];
	const seen = new Set<string>();
	for (const r of addressRows) {
		if (byVersion([r.destination.value])[version].length === 0) continue;
		const what = r.destination.addressSet || r.destination.group;
		const line = `  ${r.requirementIds.join(', ')}: ${r.destination.asWritten}${what ? ` (${what})` : ''}`;
		if (!seen.has(line)) origin.push(line);
		seen.add(line);
	}
	const named = outbound.filter((r) => r.destination.kind === 'network');
	const namedLines = [
		...new Set(named.map((r) => `  ${r.requirementIds.join(', ')}: ${r.destination.value}`))
	];
	const inbound = rows.some((r) => r.direction !== 'outbound' && r.source);
	const settingIds = [
		...new Set(
			rows
				.filter((r) => r.setting && (r.destination.kind === 'ip' || r.destination.kind === 'cidr'))
				.flatMap((r) => r.requirementIds)
		)
	];
	const lines = header(
		`netready: ${family} destinations to allow (outbound), as CIDR blocks`,
		selection,
		[
			'Ranges are written as the fewest CIDR blocks; overlapping and adjacent blocks from all',
			'products are merged, so one line may cover several vendor entries.',
			...(origin.length ? ['Merged from:', ...origin] : []),
			...(namedLines.length
				? [
						'Not in this list — the vendor names these networks in words only, without addresses:',
						...namedLines
					]
				: []),
			...(inbound
				? ['Sources of inbound and local-network rules are not in this list: see the rule table.']
				: []),
			...(settingIds.length
				? [
						`Addresses named in settings, not connection rules, are not in this list: ${settingIds.join(', ')}.`
					]
				: [])
		]
	);
	lines.push(...merged.flatMap((n) => listEntry(n) ?? []));
	if (merged.length === 0)
		lines.push(`# (the vendor documents give no ${family} addresses for this selection)`);
	lines.push(
		...notAllowedLines(
			rows.filter(
				(r) => isOutbound(r) && (r.destination.kind === 'ip' || r.destination.kind === 'cidr')
			),
			'#',
			listComment
		)
	);
	return lines.join('\n') + '\n';
}

export function hasAddresses(rows: readonly RuleRow[], version: IpVersion): boolean {
	return rows.some(
		(r) =>
			r.direction === 'outbound' &&
			!r.setting &&
			(r.destination.kind === 'ip' || r.destination.kind === 'cidr') &&
			byVersion([r.destination.value])[version].length > 0
	);
}

const DIRECTION_TITLES = {
	outbound: 'outbound: from your site to the vendor',
	inbound: 'inbound: towards your site, only from the sources in the rule table',
	local: 'local: inside your network (workstation firewalls, between sites)'
} as const;

export function portList(selection: Selection, rows: readonly RuleRow[]): string {
	const lines = header('netready: ports per direction and protocol', selection, [
		'Format: <direction> <protocol> <ports>, ranges written from-to, merged across products.',
		'Ports alone are not a rule: pair them with the destinations in the rule table.',
		...Object.values(DIRECTION_TITLES)
	]);
	const noPorts = rows.filter((r) => isListed(r) && !r.protocol);
	for (const direction of ['outbound', 'inbound', 'local'] as const)
		for (const protocol of ['tcp', 'udp'] as const) {
			const spans: Span[] = rows
				.filter((r) => isListed(r) && r.direction === direction && r.protocol === protocol)
				.flatMap((r) => r.spans);
			if (spans.length)
				lines.push(`${direction} ${protocol} ${formatSpans(mergeSpans(spans), ',')}`);
		}
	if (noPorts.length) {
		const ids = [...new Set(noPorts.flatMap((r) => r.requirementIds))];
		lines.push(
			...comments([
				'',
				'Rules the vendor gives no ports for (see the flags in the rule table):',
				...ids.map((i) => `  ${i}`)
			])
		);
	}
	lines.push(...riskLines(rows, '#', listComment));
	return lines.join('\n') + '\n';
}
