/**
 * The rule table: every requirement of the selection, one row per protocol and per concrete
 * destination (ranges become CIDR blocks, address sets are expanded), rows that say the same thing
 * for several products merged into one. The CSV and JSON exports and the plain lists all read it.
 */
import type {
	Destination,
	Direction,
	Flag,
	Level,
	Product,
	Protocol,
	Requirement
} from '$lib/data/schema';
import { LEVELS } from '$lib/data/schema';
import { rangeToCidrs, toCidr } from '$lib/it/destinations/cidr';
import { hostPatternOf, isWildcard } from '$lib/it/destinations/hosts';
import { formatSpans, protocolsOf, spansOf, type Span } from '$lib/it/destinations/ports';
import { blockingRisks, destinationText, flagsFor, riskFlags } from '$lib/it/destinations/risk';
import { formatFlag } from '$lib/it/select/provenance';
import {
	describeSource,
	sourcesOf,
	type ItCatalog,
	type Selection
} from '$lib/it/select/selection';

export type DestinationKind =
	'host' | 'wildcard' | 'url' | 'ip' | 'cidr' | 'network' | 'unspecified';

export type RowStatus =
	| 'allow'
	/** a security risk the data accepts only when the rule is limited to its sources */
	| 'allow-only-from-sources'
	| 'not-allowed-security-risk'
	| 'included-security-risk';

export interface Endpoint {
	/** the concrete value: a host, wildcard, URL, address, CIDR block, network name, or '' */
	value: string;
	kind: DestinationKind;
	/** the value as the document writes it, where it differs (a range, a host-bit CIDR) */
	asWritten: string;
	group: string;
	/** the note the document attaches to this entry ("EMIS Primary Datacentre") */
	note: string;
	/** the named address set it comes from, and its id */
	addressSet: string;
	addressSetId: string;
}

export interface RuleRow {
	status: RowStatus;
	direction: Direction;
	protocol: Protocol | '';
	spans: Span[];
	/** "80, 443, 10000-60000"; empty when the source gives no ports */
	ports: string;
	destination: Endpoint;
	source: Endpoint | undefined;
	/** the strongest level of the merged requirements */
	level: Level;
	/** "group (role)" when every merged requirement is one of a set of alternatives */
	alternatives: string[];
	products: string[];
	requirementIds: string[];
	sections: string[];
	services: string[];
	/** what the merged requirements are for (the data's purpose vocabulary) */
	purposes: string[];
	applications: string[];
	optOut: string[];
	flags: string[];
	/** why a destination is marked as a security risk */
	risks: string[];
	/** the vendor's own words on the rows behind this row */
	notes: string[];
	/** netready's remarks on them */
	remarks: string[];
	sourceDocuments: string[];
	/** how netready checks it: "probe", "inferred" or "manual: <reason>" */
	checks: string[];
	/** every requirement behind the row is a setting (proxy, DHCP, VLAN), not a connection */
	setting: boolean;
}

const NONE: Endpoint = {
	value: '',
	kind: 'unspecified',
	asWritten: '',
	group: '',
	note: '',
	addressSet: '',
	addressSetId: ''
};

function checkText(r: Requirement): string {
	return r.check.kind === 'manual' ? `manual: ${r.check.reason}` : r.check.kind;
}

export function isSetting(r: Requirement): boolean {
	return r.check.kind === 'manual' && r.check.reason === 'not-a-flow';
}

/** Concrete endpoints for one destination: ranges split into blocks, sets expanded. */
export function expandDestination(
	d: Destination,
	catalog: Pick<ItCatalog, 'addressSetById'>,
	via?: { id: string; name: string },
	seen: ReadonlySet<string> = new Set()
): Endpoint[] {
	const base = {
		group: d.group ?? '',
		note: d.note ?? '',
		addressSet: via?.name ?? '',
		addressSetId: via?.id ?? ''
	};
	switch (d.kind) {
		case 'host':
		case 'wildcard':
			return [{ value: d.value, kind: d.kind, asWritten: d.value, ...base }];
		case 'url':
			return [{ value: d.value, kind: 'url', asWritten: d.value, ...base }];
		case 'ip':
			return [{ value: d.value, kind: 'ip', asWritten: d.value, ...base }];
		case 'cidr':
			return [{ value: toCidr(d.value), kind: 'cidr', asWritten: d.value, ...base }];
		case 'ip-range': {
			const written = `${d.from} - ${d.to}`;
			return rangeToCidrs(d.from, d.to).map((value) => ({
				value,
				kind: 'cidr' as const,
				asWritten: written,
				...base
			}));
		}
		case 'address-set': {
			const set = catalog.addressSetById(d.ref);
			if (!set || seen.has(d.ref))
				return [{ value: d.ref, kind: 'network', asWritten: d.ref, ...base }];
			const inner = new Set(seen).add(d.ref);
			return set.entries.flatMap((e) => expandDestination(e, catalog, set, inner));
		}
		case 'network':
			return [{ value: d.value, kind: 'network', asWritten: d.value, ...base }];
	}
}

/** The host name or wildcard an endpoint names, for the domain list and the PAC file. */
export function endpointHost(e: Endpoint): string | undefined {
	if (e.kind === 'host' || e.kind === 'wildcard') return e.value;
	if (e.kind === 'url') return hostPatternOf({ kind: 'url', value: e.value });
	return undefined;
}

export function endpointIsWildcard(e: Endpoint): boolean {
	const h = endpointHost(e);
	return h !== undefined && isWildcard(h);
}

function rowsOfRequirement(
	r: Requirement,
	product: Product,
	selection: Selection,
	sourceDocument: string
): RuleRow[] {
	const catalog = selection.catalog;
	const protocols: (Protocol | '')[] = protocolsOf(r.ports);
	if (protocols.length === 0) protocols.push('');
	const sources: (Endpoint | undefined)[] = (r.sources ?? []).flatMap((s) =>
		expandDestination(s, catalog)
	);
	if (sources.length === 0) sources.push(undefined);
	// security-risk flags go to `risks`; other flags only to the destinations they concern
	const otherFlags = (flags: readonly Flag[]) =>
		flags.filter((f) => f.kind !== 'security-risk').map(formatFlag);
	const targets: { endpoint: Endpoint; risks: string[]; blocked: boolean; flags: string[] }[] =
		r.destinations.flatMap((d) => {
			const risks = riskFlags(d, r, product).map((f) => f.text);
			const blocked = blockingRisks(d, r, product).length > 0;
			const flags = otherFlags(flagsFor(d, r));
			return expandDestination(d, catalog).map((endpoint) => ({ endpoint, risks, blocked, flags }));
		});
	if (targets.length === 0)
		targets.push({ endpoint: NONE, risks: [], blocked: false, flags: otherFlags(r.flags ?? []) });

	const rows: RuleRow[] = [];
	for (const protocol of protocols) {
		const spans = protocol ? spansOf(r.ports, protocol) : [];
		for (const { endpoint, risks, blocked, flags } of targets)
			for (const source of sources)
				rows.push({
					status: blocked
						? selection.includeRisky
							? 'included-security-risk'
							: 'not-allowed-security-risk'
						: risks.length
							? 'allow-only-from-sources'
							: 'allow',
					direction: r.direction,
					protocol,
					spans,
					ports: formatSpans(spans),
					destination: endpoint,
					source,
					level: r.level,
					alternatives: r.alternative ? [`${r.alternative.group} (${r.alternative.role})`] : [],
					products: [product.id],
					requirementIds: [r.id],
					sections: [r.section],
					services: [r.service],
					purposes: [r.purpose],
					applications: r.application ? [r.application] : [],
					optOut: r.optOut ? [r.optOut] : [],
					flags,
					risks,
					notes: r.notes ?? [],
					remarks: r.remarks ?? [],
					sourceDocuments: [sourceDocument],
					checks: [checkText(r)],
					setting: isSetting(r)
				});
	}
	return rows;
}

function endpointKey(e: Endpoint | undefined): string {
	return e ? `${e.kind}:${e.value.toLowerCase()}` : '-';
}

function rowKey(row: RuleRow): string {
	// Without a destination or ports, two rows only look alike: keep each requirement's own.
	const vague = row.destination.kind === 'unspecified' || row.protocol === '';
	return [
		vague ? row.requirementIds.join(',') : '',
		row.direction,
		row.protocol,
		row.ports,
		endpointKey(row.destination),
		endpointKey(row.source)
	].join('|');
}

function union(a: string[], b: readonly string[]): string[] {
	for (const x of b) if (!a.includes(x)) a.push(x);
	return a;
}

function joinText(a: string, b: string): string {
	if (!b || a === b) return a;
	if (!a) return b;
	return a.split(' | ').includes(b) ? a : `${a} | ${b}`;
}

function merge(into: RuleRow, row: RuleRow): void {
	if (LEVELS.indexOf(row.level) < LEVELS.indexOf(into.level)) into.level = row.level;
	// A row stays "one of several" only while every requirement behind it is.
	into.alternatives =
		into.alternatives.length && row.alternatives.length
			? union(into.alternatives, row.alternatives)
			: [];
	// The strictest status wins: not allowed > included on request > only from sources > allow.
	const order: RowStatus[] = [
		'allow',
		'allow-only-from-sources',
		'included-security-risk',
		'not-allowed-security-risk'
	];
	if (order.indexOf(row.status) > order.indexOf(into.status)) into.status = row.status;
	for (const k of [
		'products',
		'requirementIds',
		'sections',
		'services',
		'purposes',
		'applications',
		'optOut',
		'flags',
		'risks',
		'notes',
		'remarks',
		'sourceDocuments',
		'checks'
	] as const)
		union(into[k], row[k]);
	into.setting = into.setting && row.setting;
	into.destination = {
		...into.destination,
		asWritten: joinText(into.destination.asWritten, row.destination.asWritten),
		group: joinText(into.destination.group, row.destination.group),
		note: joinText(into.destination.note, row.destination.note),
		addressSet: joinText(into.destination.addressSet, row.destination.addressSet),
		addressSetId: joinText(into.destination.addressSetId, row.destination.addressSetId)
	};
}

/** All rows of the selection, merged, in the order the products and requirements come. */
export function ruleRows(selection: Selection): RuleRow[] {
	const documents = new Map(sourcesOf(selection).map((s) => [s.id, describeSource(s)]));
	const byKey = new Map<string, RuleRow>();
	for (const product of selection.products) {
		const doc = documents.get(product.source) ?? product.source;
		for (const r of product.requirements)
			for (const row of rowsOfRequirement(r, product, selection, doc)) {
				const key = rowKey(row);
				const existing = byKey.get(key);
				if (existing) merge(existing, row);
				else byKey.set(key, row);
			}
	}
	return [...byKey.values()];
}

/** Rows that go into allow-lists and starter configurations. */
export function isListed(row: RuleRow): boolean {
	return row.status !== 'not-allowed-security-risk';
}

export { destinationText };
