/**
 * "The rules to open" from one result: every requirement IT has to act on (failed, partly passed,
 * inferred blocked — rule-table.ts `needsAction`), one row per protocol, port range and concrete
 * destination (address sets and ranges expanded by rule-rows.ts, wildcards and URLs kept as
 * written). Destinations the data flags as a security risk are listed as "do not open", never as
 * something to allow; inbound rules keep their direction and their risk.
 *
 * Three exports, each through its one home: CSV through $lib/csv, an nftables snippet through
 * formats/nftables.ts (the product export's writer, with its escaping), and a plain ticket text.
 */
import { csvText } from '$lib/csv';
import type { Catalog } from '$lib/data/make-catalog';
import { formatWhen } from '$lib/dates';
import type { Level, Product } from '$lib/data/schema';
import { oneLine } from '$lib/it/escape/text';
import { nftComment } from '$lib/it/escape/nft';
import { nftablesRuleset } from '$lib/it/formats/nftables';
import { formatSpan } from '$lib/it/destinations/ports';
import { ruleRows, type RuleRow } from '$lib/it/rules/rule-rows';
import { commentBlock } from '$lib/it/select/provenance';
import type { ItCatalog, Selection } from '$lib/it/select/selection';
import { presentResult, type PresentCatalog } from '$lib/result/present';
import type { CheckResult, RequirementStatus } from '$lib/result/result';
import { needsAction, ruleTable } from '$lib/result/rule-table';
import { exportFileName } from '$lib/result/files';
import { STATUS_LABELS, requirementReason } from '$lib/result/words';

export type OpenCatalog = ItCatalog & PresentCatalog & Pick<Catalog, 'productById'>;

/** open: allow it; only-from-sources: allow it from the named sources only; do-not-open: a risk. */
export type OpenAction = 'open' | 'open-only-from-sources' | 'do-not-open';

export interface RuleToOpen {
	action: OpenAction;
	productId: string;
	productName: string;
	requirementId: string;
	requirement: string;
	level: Level;
	status: RequirementStatus;
	direction: RuleRow['direction'];
	protocol: RuleRow['protocol'];
	/** "443", "3478, 10000-20000"; empty when the document gives none */
	ports: string;
	/** a host, wildcard, URL, address, CIDR block, network name, or '' */
	destination: string;
	destinationKind: RuleRow['destination']['kind'];
	/** the named address set the destination comes from */
	addressSet: string;
	/** for rules with sources (inbound remote support): where the traffic may come from */
	source: string;
	/** why the data marks this destination or rule as a security risk */
	risk: string;
	/** what the check saw, on one line */
	evidence: string;
}

export interface RulesToOpen {
	rows: RuleToOpen[];
	/** how many requirements need action (a requirement gives one row or many) */
	requirements: number;
	/** requirements that need action but are no longer in the data: nothing to expand */
	unknown: string[];
	/** the rule rows behind `rows`, for the nftables writer */
	ruleRows: RuleRow[];
	selection: Selection;
	result: CheckResult;
	/** the chosen products' names (what the result was a check of) */
	products: string[];
	/** rules a browser cannot test, to confirm by hand (not in `rows`) */
	byHand: number;
}

const ACTIONS: Record<RuleRow['status'], OpenAction> = {
	allow: 'open',
	'allow-only-from-sources': 'open-only-from-sources',
	'not-allowed-security-risk': 'do-not-open',
	// never produced here (includeRisky is off), but never an allow rule either
	'included-security-risk': 'do-not-open'
};

/** One requirement's rows, unmerged with any other requirement's (each keeps its own status). */
function rowsOf(catalog: OpenCatalog, product: Product, requirementId: string): RuleRow[] {
	const requirement = product.requirements.find((r) => r.id === requirementId);
	if (!requirement) return [];
	return ruleRows({
		catalog,
		products: [{ ...product, requirements: [requirement] }],
		chosen: [product.id],
		includeRisky: false
	});
}

export function rulesToOpen(result: CheckResult, catalog: OpenCatalog): RulesToOpen {
	const { sections, orphans } = presentResult(result, catalog);
	const table = ruleTable(sections);
	const wanted = [...table.filter((r) => r.needsAction), ...orphans.filter(needsAction)];
	const rows: RuleToOpen[] = [];
	const behind: RuleRow[] = [];
	const unknown: string[] = [];
	for (const w of wanted) {
		if (!w.requirement || !w.owner || !w.result) {
			unknown.push(w.id);
			continue;
		}
		const evidence = oneLine(requirementReason(w.requirement, w.result, w.probes));
		for (const r of rowsOf(catalog, w.owner, w.id)) {
			behind.push(r);
			// one row per port range: a spreadsheet filter or a firewall importer reads one range
			const ranges = r.spans.length ? r.spans.map((s) => formatSpan(s)) : [r.ports];
			for (const ports of ranges)
				rows.push({
					action: ACTIONS[r.status],
					productId: w.owner.id,
					productName: w.owner.name,
					requirementId: w.id,
					requirement: w.requirement.service,
					level: w.requirement.level,
					status: w.result.status,
					direction: r.direction,
					protocol: r.protocol,
					ports,
					destination: r.destination.value,
					destinationKind: r.destination.kind,
					addressSet: r.destination.addressSet,
					source: r.source?.value ?? '',
					risk: r.risks.join(' '),
					evidence
				});
		}
	}
	const { products } = catalog.selectProducts(result.products);
	return {
		rows,
		requirements: wanted.length,
		unknown,
		ruleRows: behind,
		selection: { catalog, products, chosen: [...result.products], includeRisky: false },
		result,
		products: result.products.map((id) => catalog.productById(id)?.name ?? id),
		byHand: table.filter((r) => r.result?.status === 'manual').length
	};
}

// ------------------------------------------------------------------------------------ CSV

export const OPEN_CSV_COLUMNS = [
	'action',
	'product',
	'product_id',
	'requirement_id',
	'requirement',
	'level',
	'status',
	'direction',
	'protocol',
	'ports',
	'destination',
	'destination_kind',
	'address_set',
	'source',
	'security_risk',
	'evidence',
	'data_version'
] as const;

/** UTF-8 with a byte-order mark (the one CSV writer's default), one row per rule to open. */
export function rulesToOpenCsv(open: RulesToOpen): string {
	return csvText([
		OPEN_CSV_COLUMNS,
		...open.rows.map((r) => [
			r.action,
			r.productName,
			r.productId,
			r.requirementId,
			r.requirement,
			r.level,
			r.status,
			r.direction,
			r.protocol,
			r.ports,
			r.destination,
			r.destinationKind,
			r.addressSet,
			r.source,
			r.risk,
			r.evidence,
			open.result.dataVersion
		])
	]);
}

// ------------------------------------------------------------------------------------ nftables

function checkedLine(result: CheckResult, locale?: string): string {
	return `netready ${result.appVersion}, requirements data ${result.dataVersion}, checked ${formatWhen(result.finishedAt, locale)}`;
}

/**
 * The product export's rule set (formats/nftables.ts) for just these rows, with what the result
 * was at the top. Host names become comments there: nft matches addresses, not names.
 */
export function rulesToOpenNft(open: RulesToOpen, options: { locale?: string } = {}): string {
	const full = nftablesRuleset(open.selection, open.ruleRows);
	const [shebang, ...rest] = full.split('\n');
	const head = commentBlock(
		[
			`RULES TO OPEN from one netready result: ${open.requirements} ${open.requirements === 1 ? 'rule' : 'rules'} failed, partly passed or were inferred blocked.`,
			checkedLine(open.result, options.locale),
			...(open.unknown.length
				? [`Not in today's data (open them as the vendor documents): ${open.unknown.join(', ')}`]
				: []),
			''
		],
		'#',
		nftComment
	);
	return [shebang, ...head, ...rest].join('\n');
}

// ------------------------------------------------------------------------------------ ticket

export interface TicketOptions {
	/** a link that opens the result (the caller makes it; it is left out when not given) */
	permalink?: string;
	/** when the ticket is written, ISO; default now */
	now?: string;
	locale?: string;
}

function target(r: RuleToOpen): string {
	const ports = r.protocol ? `${r.protocol.toUpperCase()} ${r.ports}` : 'no ports given';
	const to = r.destination || '(no destination given)';
	const from = r.source ? ` from ${r.source}` : '';
	const set = r.addressSet ? ` (${r.addressSet})` : '';
	return oneLine(`${r.direction} ${ports} → ${to}${set}${from}`);
}

/** The rows grouped by requirement, in the order they come. */
function byRequirement(rows: readonly RuleToOpen[]): RuleToOpen[][] {
	const groups = new Map<string, RuleToOpen[]>();
	for (const r of rows) groups.set(r.requirementId, [...(groups.get(r.requirementId) ?? []), r]);
	return [...groups.values()];
}

/**
 * A plain change request: what to open and why, what the check saw, then what must stay closed.
 * Every text from the data or the result is put on one line (escape/text.ts), so nothing in it can
 * start a line of its own.
 */
export function rulesToOpenTicket(open: RulesToOpen, options: TicketOptions = {}): string {
	const { result } = open;
	const names = open.products.map(oneLine);
	const allowed = open.rows.filter((r) => r.action !== 'do-not-open');
	const flagged = open.rows.filter((r) => r.action === 'do-not-open');
	const n = open.requirements;
	const lines = [
		oneLine(
			`Network change request: open ${n} ${n === 1 ? 'rule' : 'rules'} for ${names.length <= 2 ? names.join(' and ') : `${names.length} products`}`
		),
		'',
		...(names.length > 2 ? [oneLine(`Products checked: ${names.join(', ')}.`), ''] : []),
		oneLine(
			`netready checked this network on ${formatWhen(result.finishedAt, options.locale)} (${result.browser}).`
		),
		n
			? `${n === 1 ? 'This rule' : 'These rules'} failed, partly passed or were inferred blocked. Please open:`
			: 'Nothing failed: there is nothing to open.',
		''
	];
	byRequirement(allowed).forEach((group, i) => {
		const first = group[0] as RuleToOpen;
		lines.push(
			oneLine(
				`${i + 1}. ${first.productName} — ${first.requirement} [${first.requirementId}] (${first.level.replace('-', ' ')}, ${STATUS_LABELS[first.status].toLowerCase()})`
			)
		);
		for (const r of group) {
			lines.push(`   Open: ${target(r)}`);
			if (r.action === 'open-only-from-sources')
				lines.push(
					`   ${oneLine(`Only from the sources named, never from the internet: ${r.risk}`)}`
				);
		}
		lines.push(`   Seen: ${first.evidence}`, '');
	});
	if (open.unknown.length)
		lines.push(
			oneLine(
				`Not in today's requirements data (see the vendor's document): ${open.unknown.join(', ')}`
			),
			''
		);
	if (flagged.length) {
		lines.push('Do NOT open — the data flags these destinations as a security risk:');
		const seen = new Set<string>();
		for (const r of flagged) {
			const line = `   ${oneLine(`${r.destination || target(r)} (${r.requirementId}): ${r.risk}`)}`;
			if (!seen.has(line)) lines.push(line);
			seen.add(line);
		}
		lines.push('');
	}
	if (open.byHand)
		lines.push(
			`${open.byHand} more ${open.byHand === 1 ? 'rule' : 'rules'} cannot be tested in a browser: confirm them by hand (IT's view of the result gives the commands).`,
			''
		);
	if (options.permalink) lines.push(oneLine(`The result: ${options.permalink}`));
	lines.push(
		oneLine(checkedLine(result, options.locale)),
		oneLine(
			`Written ${formatWhen(options.now ?? new Date().toISOString(), options.locale)} with requirements data ${open.selection.catalog.dataVersion}`
		)
	);
	return lines.join('\n') + '\n';
}

/** netready-2026-11-29T0930-ward-3-rules-to-open.csv: the result exports' names, with what it is. */
export function rulesToOpenFileName(
	result: CheckResult,
	ext: 'csv' | 'nft' | 'txt',
	label?: string
): string {
	return exportFileName(result, `${label ?? ''} rules to open`.trim(), ext);
}
