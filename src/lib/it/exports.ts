/**
 * Every IT export for a set of products, as named text files. Pure: the same data, products and
 * options give the same bytes (the golden tests rely on it).
 */
import type { ItData } from './context';
import { addressList, domainList, hasAddresses, portList } from './lists';
import { nftablesRuleset } from './nftables';
import { pacSnippet } from './pac';
import { ruleRows } from './rules';
import { posixScript, powershellScript } from './scripts';
import { makeSelection, type ExportOptions } from './selection';
import { rulesCsv, rulesJson } from './table';

export type ExportKind =
	| 'rules-csv'
	| 'rules-json'
	| 'domains'
	| 'ipv4'
	| 'ipv6'
	| 'ports'
	| 'nftables'
	| 'pac'
	| 'powershell'
	| 'posix';

export interface ExportFile {
	kind: ExportKind;
	/** file name without the selection prefix, e.g. "rules.csv" */
	name: string;
	mime: string;
	/** a button label */
	title: string;
	/** one sentence on what the file is for */
	description: string;
	content: string;
}

export const EXPORT_NAMES: Record<ExportKind, string> = {
	'rules-csv': 'rules.csv',
	'rules-json': 'rules.json',
	domains: 'domains.txt',
	ipv4: 'ipv4.txt',
	ipv6: 'ipv6.txt',
	ports: 'ports.txt',
	nftables: 'netready.nft',
	pac: 'proxy.pac',
	powershell: 'check-network.ps1',
	posix: 'check-network.sh'
};

/** All exports; the IPv6 list only when the selection has IPv6 addresses. */
export function buildExports(
	data: ItData,
	productIds: readonly string[],
	options: ExportOptions = {}
): ExportFile[] {
	const selection = makeSelection(data, productIds, options);
	const rows = ruleRows(selection);
	const file = (
		kind: ExportKind,
		mime: string,
		title: string,
		description: string,
		content: string
	): ExportFile => ({ kind, name: EXPORT_NAMES[kind], mime, title, description, content });
	const files = [
		file(
			'rules-csv',
			'text/csv',
			'Rule table (CSV)',
			'Every rule: direction, protocol, ports, destination, level, product, section, flags.',
			rulesCsv(selection, rows)
		),
		file(
			'rules-json',
			'application/json',
			'Rule table (JSON)',
			'The same rules with products and vendor documents, for scripts.',
			rulesJson(selection, rows)
		),
		file(
			'domains',
			'text/plain',
			'Domain list',
			'Host names and wildcards to allow, one per line.',
			domainList(selection, rows)
		),
		file(
			'ipv4',
			'text/plain',
			'IPv4 list',
			'Vendor IPv4 ranges as merged CIDR blocks.',
			addressList(selection, rows, 4)
		)
	];
	if (hasAddresses(rows, 6))
		files.push(
			file(
				'ipv6',
				'text/plain',
				'IPv6 list',
				'Vendor IPv6 ranges as merged CIDR blocks.',
				addressList(selection, rows, 6)
			)
		);
	files.push(
		file(
			'ports',
			'text/plain',
			'Port list',
			'Ports per direction and protocol, merged.',
			portList(selection, rows)
		),
		file(
			'nftables',
			'text/plain',
			'nftables starter rules',
			'Named address and port sets for a Linux firewall: a starting point to adapt.',
			nftablesRuleset(selection, rows)
		),
		file(
			'pac',
			'application/x-ns-proxy-autoconfig',
			'Proxy auto-config snippet',
			'Sends WebSocket and media hosts past the web proxy: a starting point to adapt.',
			pacSnippet(selection, rows)
		),
		file(
			'powershell',
			'text/plain',
			'Windows test script (PowerShell)',
			'Tests what a browser cannot: TCP ports, NTP, DNS.',
			powershellScript(selection)
		),
		file(
			'posix',
			'text/x-shellscript',
			'Linux/macOS test script (sh)',
			'Tests what a browser cannot: TCP ports, NTP, DNS.',
			posixScript(selection)
		)
	);
	return files;
}

/** "netready-amwell-converge" or "netready-3-products"; safe as a file-name prefix. */
export function exportPrefix(productIds: readonly string[]): string {
	const safe = (s: string) => s.replace(/[^a-z0-9.-]+/gi, '-');
	if (productIds.length === 1) return `netready-${safe(productIds[0] as string)}`;
	return `netready-${productIds.length}-products`;
}
