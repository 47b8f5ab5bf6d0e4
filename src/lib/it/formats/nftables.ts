/**
 * A starter nftables rule set: named sets of the vendor's IPv4/IPv6 blocks and of the ports they
 * need, in a forward chain of a Linux gateway. nft matches addresses, not
 * names, so rules that name hosts are written out as comments for a DNS-aware firewall or proxy.
 */
import { byVersion, mergeNetworks } from '$lib/it/destinations/cidr';
import { nftComment, nftIdentifier } from '$lib/it/escape/nft';
import { riskLines } from './risk-lines';
import { formatSpans, mergeSpans, type Span } from '$lib/it/destinations/ports';
import { endpointHost, isListed, type RuleRow } from '$lib/it/rules/rule-rows';
import { STARTING_POINT, commentBlock, provenanceLines } from '$lib/it/select/provenance';
import type { Selection } from '$lib/it/select/selection';

export const NFT_TABLE = 'netready';

interface AddressGroup {
	protocol: 'tcp' | 'udp';
	spans: Span[];
	networks: string[];
	ids: string[];
	labels: string[];
	setIds: string[];
	/** some blocks come from no named address table */
	loose: boolean;
}

/** A set name that says what the set holds: the vendor's address table, or the rule, or the ports. */
function setBaseName(g: AddressGroup, index: number): string {
	if (g.setIds.length === 1 && !g.loose)
		return `${nftIdentifier(g.setIds[0] as string)}_${g.protocol}`;
	if (g.ids.length === 1) return `${nftIdentifier(g.ids[0] as string)}_${g.protocol}`;
	if (g.spans.length > 6) return `${g.protocol}_group_${index}`;
	const ports = g.spans.map((s) => (s.from === s.to ? `${s.from}` : `${s.from}to${s.to}`));
	return `${g.protocol}_${ports.join('_')}`;
}

/**
 * Address blocks per protocol with the ports they need. Rows with the same port list share one
 * address set; then groups with the same blocks share one port set (same blocks x all their
 * ports is exactly the union of the rules, so nothing is opened that no rule asks for).
 */
export function addressGroups(rows: readonly RuleRow[]): AddressGroup[] {
	const byPorts = new Map<string, AddressGroup>();
	for (const r of rows) {
		if (r.destination.kind !== 'ip' && r.destination.kind !== 'cidr') continue;
		if (r.protocol === '') continue;
		const key = `${r.protocol} ${r.ports}`;
		const g = byPorts.get(key) ?? {
			protocol: r.protocol,
			spans: r.spans,
			networks: [],
			ids: [],
			labels: [],
			setIds: [],
			loose: false
		};
		if (!r.destination.addressSetId) g.loose = true;
		g.networks.push(r.destination.value);
		addUnique(g.ids, r.requirementIds);
		addUnique(g.labels, [r.destination.addressSet, r.destination.group]);
		addUnique(g.setIds, r.destination.addressSetId ? r.destination.addressSetId.split(' | ') : []);
		byPorts.set(key, g);
	}
	const byAddresses = new Map<string, AddressGroup>();
	for (const g of byPorts.values()) {
		const networks = mergeNetworks(g.networks);
		const key = `${g.protocol} ${networks.join(',')}`;
		const into = byAddresses.get(key);
		if (!into) {
			byAddresses.set(key, { ...g, networks });
			continue;
		}
		into.spans = mergeSpans([...into.spans, ...g.spans]);
		addUnique(into.ids, g.ids);
		addUnique(into.labels, g.labels);
		addUnique(into.setIds, g.setIds);
		into.loose ||= g.loose;
	}
	return [...byAddresses.values()];
}

function elements(values: readonly string[]): string {
	return values.join(', ');
}

function addUnique(list: string[], values: readonly string[]): void {
	for (const v of values) if (v && !list.includes(v)) list.push(v);
}

function describeRow(r: RuleRow): string {
	const ports = r.protocol ? `${r.protocol} ${r.ports}` : 'no ports given';
	return `${ports} → ${r.destination.value || '(no destination given)'} [${r.level}; ${r.requirementIds.join(', ')}]`;
}

export function nftablesRuleset(selection: Selection, rows: readonly RuleRow[]): string {
	const listed = rows.filter(isListed);
	const settings = listed.filter((r) => r.setting);
	const outbound = listed.filter((r) => r.direction === 'outbound' && !r.setting);
	const isAddress = (r: RuleRow) => r.destination.kind === 'ip' || r.destination.kind === 'cidr';

	const sets: string[] = [];
	const rules: string[] = [];
	const used = new Set<string>();
	addressGroups(outbound).forEach((g, i) => {
		let name = setBaseName(g, i + 1);
		for (let n = 2; used.has(name); n++) name = `${setBaseName(g, i + 1)}_${n}`;
		used.add(name);
		const { 4: v4, 6: v6 } = byVersion(g.networks);
		sets.push(
			`\t# ${nftComment(`${g.protocol} ${formatSpans(g.spans)} for ${g.ids.join(', ')}`)}`,
			...(g.labels.length ? [`\t# ${nftComment(`includes: ${g.labels.join('; ')}`)}`] : []),
			`\tset ${name}_ports {`,
			'\t\ttype inet_service; flags interval',
			`\t\telements = { ${formatSpans(mergeSpans(g.spans))} }`,
			'\t}'
		);
		for (const [family, list, type, match] of [
			['v4', v4, 'ipv4_addr', 'ip'],
			['v6', v6, 'ipv6_addr', 'ip6']
		] as const) {
			if (list.length === 0) continue;
			sets.push(
				`\tset ${name}_${family} {`,
				`\t\ttype ${type}; flags interval`,
				`\t\telements = { ${elements(list)} }`,
				'\t}'
			);
			rules.push(
				`\t\t# ${nftComment(g.ids.join(', '))}`,
				`\t\t${match} daddr @${name}_${family} ${g.protocol} dport @${name}_ports accept`
			);
		}
		sets.push('');
	});

	const byName = outbound.filter((r) => endpointHost(r.destination) !== undefined);
	const portless = outbound.filter((r) => isAddress(r) && !r.protocol);
	const unnamed = outbound.filter(
		(r) => r.destination.kind === 'unspecified' || r.destination.kind === 'network'
	);
	const inbound = listed.filter((r) => r.direction === 'inbound' && !r.setting);
	const local = listed.filter((r) => r.direction === 'local' && !r.setting);

	const comments: string[] = [];
	const section = (title: string[], lines: string[]) => {
		if (lines.length === 0) return;
		comments.push(
			...commentBlock(['', ...title], '\t\t#', nftComment),
			...lines.map((l) => `\t\t#   ${nftComment(l)}`)
		);
	};
	section(
		[
			'DOMAIN RULES — nft matches addresses, not names. A DNS-aware firewall or a web proxy',
			'must enforce these (the vendor IPs behind them change):'
		],
		[...new Set(byName.map(describeRow))]
	);
	section(
		[
			'Addresses the source gives without ports (flagged in the data): add the ports the vendor confirms:'
		],
		[...new Set(portless.map(describeRow))]
	);
	section(
		[
			'Rules without an address in the source: open them only towards the servers you choose',
			'(e.g. your own DNS resolver or NTP server), or as the vendor confirms:'
		],
		[...new Set(unnamed.map(describeRow))]
	);
	section(
		[
			'INBOUND (disabled): connections towards your site. To use one, uncomment it and add',
			'"ip daddr <your server>" for the host the vendor names in words:'
		],
		[
			...new Set(
				inbound.map((r) => {
					const src = r.source?.value ?? '';
					const match =
						src && (r.source?.kind === 'cidr' || r.source?.kind === 'ip') ? `ip saddr ${src} ` : '';
					const ports = r.protocol ? `${r.protocol} dport { ${formatSpans(r.spans)} } ` : '';
					const only =
						r.status === 'allow-only-from-sources'
							? ' — ONLY from this source (security risk)'
							: '';
					return `${match}${ports}accept  # ${r.requirementIds.join(', ')} → ${r.destination.value || 'your server'}${src && !match ? ` from ${src}` : ''}${only}`;
				})
			)
		]
	);
	section(
		[
			'LOCAL NETWORK: traffic between workstations inside the site. It does not cross this',
			"gateway; allow it on the workstations' own firewalls (and between sites):"
		],
		[
			...new Set(
				local.map(
					(r) =>
						`${r.protocol} ${r.ports} [${r.requirementIds.join(', ')}] from ${r.source?.value ?? 'local site'}`
				)
			)
		]
	);

	section(
		['Settings rather than connections (proxy, addressing, network zones): see the rule table:'],
		[
			...new Set(
				settings.map(
					(r) =>
						`${r.services.join(', ')}${r.destination.value ? ` → ${r.destination.value}` : ''} [${r.requirementIds.join(', ')}]`
				)
			)
		]
	);

	const head = commentBlock(
		[
			STARTING_POINT,
			'Not a complete firewall: it only adds what the vendor documents ask for. It uses',
			'"policy accept" so loading it changes nothing until you fit it into your own rules.',
			'Check with: nft -c -f <file>   Load with: nft -f <file>',
			'(to reload, first: nft delete table inet netready)',
			'',
			...provenanceLines(selection)
		],
		'#',
		nftComment
	);
	const lines = [
		'#!/usr/sbin/nft -f',
		...head,
		'',
		`table inet ${NFT_TABLE} {`,
		...(sets.length ? sets : ['\t# (no destination addresses to allow in this selection)', '']),
		'\tchain forward {',
		'\t\ttype filter hook forward priority filter; policy accept;',
		'\t\tct state established,related accept',
		...rules,
		...comments,
		'\t}',
		'}',
		...riskLines(rows, '#', nftComment)
	];
	return lines.join('\n') + '\n';
}
