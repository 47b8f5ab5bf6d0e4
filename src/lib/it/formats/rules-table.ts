/** The rule table as CSV (for spreadsheets and firewall importers) and as JSON (for scripts). */
import { csvText } from '$lib/csv';
import type { RuleRow } from '$lib/it/rules/rule-rows';
import { formatFlag } from '$lib/it/select/provenance';
import { describeSource, sourcesOf, type Selection } from '$lib/it/select/selection';

export const CSV_COLUMNS = [
	'status',
	'direction',
	'protocol',
	'ports',
	'destination',
	'destination_kind',
	'level',
	'alternative',
	'products',
	'requirement_ids',
	'sections',
	'services',
	'purpose',
	'application',
	'destination_as_written',
	'destination_group',
	'destination_note',
	'address_set',
	'source',
	'source_kind',
	'opt_out',
	'flags',
	'security_risk',
	'notes',
	'remarks',
	'netready_check',
	'source_documents',
	'data_version'
] as const;

const LIST = ' | ';

function levelText(row: RuleRow): string {
	return row.level.replace('-', ' ');
}

export function rowCells(row: RuleRow, dataVersion: string): string[] {
	const cells: Record<(typeof CSV_COLUMNS)[number], string> = {
		status: row.status,
		direction: row.direction,
		protocol: row.protocol,
		ports: row.ports,
		destination: row.destination.value,
		destination_kind: row.destination.kind,
		level: levelText(row),
		alternative: row.alternatives.join(LIST),
		products: row.products.join(LIST),
		requirement_ids: row.requirementIds.join(LIST),
		sections: row.sections.join(LIST),
		services: row.services.join(LIST),
		purpose: row.purposes.join(LIST),
		application: row.applications.join(LIST),
		destination_as_written:
			row.destination.asWritten === row.destination.value ? '' : row.destination.asWritten,
		destination_group: row.destination.group,
		destination_note: row.destination.note,
		address_set: row.destination.addressSet,
		source: row.source?.value ?? '',
		source_kind: row.source?.kind ?? '',
		opt_out: row.optOut.join(LIST),
		flags: row.flags.join(LIST),
		security_risk: row.risks.join(LIST),
		notes: row.notes.join(LIST),
		remarks: row.remarks.join(LIST),
		netready_check: row.checks.join(LIST),
		source_documents: row.sourceDocuments.join(LIST),
		data_version: dataVersion
	};
	return CSV_COLUMNS.map((c) => cells[c]);
}

export function rulesCsv(selection: Selection, rows: readonly RuleRow[]): string {
	return csvText([CSV_COLUMNS, ...rows.map((r) => rowCells(r, selection.catalog.dataVersion))]);
}

export const JSON_FORMAT = 'netready-firewall-rules';
export const JSON_VERSION = 1;

export function rulesJson(selection: Selection, rows: readonly RuleRow[]): string {
	const doc = {
		format: JSON_FORMAT,
		version: JSON_VERSION,
		notice:
			'Generated from the vendors published network requirements. A starting point: review before use.',
		dataVersion: selection.catalog.dataVersion,
		includeRisky: selection.includeRisky,
		products: selection.products.map((p) => ({
			id: p.id,
			name: p.name,
			vendor: p.vendor,
			chosen: selection.chosen.includes(p.id),
			requires: p.requires ?? [],
			source: p.source,
			flags: (p.flags ?? []).map(formatFlag)
		})),
		sources: sourcesOf(selection).map((s) => ({
			id: s.id,
			title: s.title,
			publisher: s.publisher,
			updated: s.updated ?? null,
			citation: describeSource(s),
			flags: (s.flags ?? []).map(formatFlag)
		})),
		rules: rows.map((r) => ({
			status: r.status,
			direction: r.direction,
			protocol: r.protocol || null,
			ports: r.spans.map((s) => ({ from: s.from, to: s.to })),
			destination: r.destination,
			source: r.source ?? null,
			level: r.level,
			alternatives: r.alternatives,
			products: r.products,
			requirementIds: r.requirementIds,
			sections: r.sections,
			services: r.services,
			purposes: r.purposes,
			applications: r.applications,
			optOut: r.optOut,
			flags: r.flags,
			securityRisk: r.risks,
			notes: r.notes,
			remarks: r.remarks,
			netreadyCheck: r.checks,
			setting: r.setting,
			sourceDocuments: r.sourceDocuments
		}))
	};
	return JSON.stringify(doc, null, 2) + '\n';
}
