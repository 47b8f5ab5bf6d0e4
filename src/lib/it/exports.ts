/**
 * Every IT export, as ONE table of formats: a new format is one row here (plus the module that
 * writes it; docs/it-toolkit.md lists every place). Pure: the same catalog, products and options
 * give the same bytes (the golden tests rely on it).
 */
import { CSV_MIME } from '$lib/csv';
import { addressList, domainList, hasAddresses, portList } from '$lib/it/formats/lists';
import { nftablesRuleset } from '$lib/it/formats/nftables';
import { pacSnippet } from '$lib/it/formats/pac';
import { rulesCsv, rulesJson } from '$lib/it/formats/rules-table';
import { posixScript } from '$lib/it/formats/scripts/posix';
import { powershellScript } from '$lib/it/formats/scripts/powershell';
import { ruleRows, type RuleRow } from '$lib/it/rules/rule-rows';
import {
	makeSelection,
	type ExportOptions,
	type ItCatalog,
	type Selection
} from '$lib/it/select/selection';

/** What every format is built from: the selection and its merged rule rows. */
export interface ExportInput {
	selection: Selection;
	rows: readonly RuleRow[];
}

export interface ExportFormat {
	kind: string;
	/** file name without the selection prefix, e.g. "rules.csv" */
	fileName: string;
	mime: string;
	/** a button label */
	title: string;
	/** one sentence on what the file is for */
	description: string;
	/** the file's content, or undefined when the selection gives it nothing to hold */
	build(input: ExportInput): string | undefined;
}

const TEXT = 'text/plain';

export const EXPORT_FORMATS = [
	{
		kind: 'rules-csv',
		fileName: 'rules.csv',
		mime: CSV_MIME,
		title: 'Rule table (CSV)',
		description:
			'Every rule: direction, protocol, ports, destination, level, product, section, flags.',
		build: ({ selection, rows }) => rulesCsv(selection, rows)
	},
	{
		kind: 'rules-json',
		fileName: 'rules.json',
		mime: 'application/json',
		title: 'Rule table (JSON)',
		description: 'The same rules with products and vendor documents, for scripts.',
		build: ({ selection, rows }) => rulesJson(selection, rows)
	},
	{
		kind: 'domains',
		fileName: 'domains.txt',
		mime: TEXT,
		title: 'Domain list',
		description: 'Host names and wildcards to allow, one per line.',
		build: ({ selection, rows }) => domainList(selection, rows)
	},
	{
		kind: 'ipv4',
		fileName: 'ipv4.txt',
		mime: TEXT,
		title: 'IPv4 list',
		description: 'Vendor IPv4 ranges as merged CIDR blocks.',
		build: ({ selection, rows }) => addressList(selection, rows, 4)
	},
	{
		kind: 'ipv6',
		fileName: 'ipv6.txt',
		mime: TEXT,
		title: 'IPv6 list',
		description: 'Vendor IPv6 ranges as merged CIDR blocks.',
		// Only when the selection has IPv6 addresses: an empty list would look like "allow none".
		build: ({ selection, rows }) =>
			hasAddresses(rows, 6) ? addressList(selection, rows, 6) : undefined
	},
	{
		kind: 'ports',
		fileName: 'ports.txt',
		mime: TEXT,
		title: 'Port list',
		description: 'Ports per direction and protocol, merged.',
		build: ({ selection, rows }) => portList(selection, rows)
	},
	{
		kind: 'nftables',
		fileName: 'netready.nft',
		mime: TEXT,
		title: 'nftables starter rules',
		description: 'Named address and port sets for a Linux firewall: a starting point to adapt.',
		build: ({ selection, rows }) => nftablesRuleset(selection, rows)
	},
	{
		kind: 'pac',
		fileName: 'proxy.pac',
		mime: 'application/x-ns-proxy-autoconfig',
		title: 'Proxy auto-config snippet',
		description: 'Sends WebSocket and media hosts past the web proxy: a starting point to adapt.',
		build: ({ selection, rows }) => pacSnippet(selection, rows)
	},
	{
		kind: 'powershell',
		fileName: 'check-network.ps1',
		mime: TEXT,
		title: 'Windows test script (PowerShell)',
		description: 'Tests what a browser cannot: TCP ports, NTP, DNS.',
		build: ({ selection }) => powershellScript(selection)
	},
	{
		kind: 'posix',
		fileName: 'check-network.sh',
		mime: 'text/x-shellscript',
		title: 'Linux/macOS test script (sh)',
		description: 'Tests what a browser cannot: TCP ports, NTP, DNS.',
		build: ({ selection }) => posixScript(selection)
	}
] as const satisfies readonly ExportFormat[];

export type ExportKind = (typeof EXPORT_FORMATS)[number]['kind'];

export interface ExportFile {
	kind: ExportKind;
	/** file name without the selection prefix, e.g. "rules.csv" */
	name: string;
	mime: string;
	title: string;
	description: string;
	content: string;
}

/** Every format that has something to hold for this selection, in table order. */
export function buildExports(
	catalog: ItCatalog,
	productIds: readonly string[],
	options: ExportOptions = {}
): ExportFile[] {
	const selection = makeSelection(catalog, productIds, options);
	const input: ExportInput = { selection, rows: ruleRows(selection) };
	return EXPORT_FORMATS.flatMap((f: (typeof EXPORT_FORMATS)[number]): ExportFile[] => {
		const content = (f.build as ExportFormat['build'])(input);
		if (content === undefined) return [];
		const { kind, fileName: name, mime, title, description } = f;
		return [{ kind, name, mime, title, description, content }];
	});
}

/** "netready-amwell-converge" or "netready-3-products"; safe as a file-name prefix. */
export function exportPrefix(productIds: readonly string[]): string {
	const safe = (s: string) => s.replace(/[^a-z0-9.-]+/gi, '-');
	if (productIds.length === 1) return `netready-${safe(productIds[0] as string)}`;
	return `netready-${productIds.length}-products`;
}
