/**
 * The security-risk blocks at the end of every export: destinations left out on purpose (NOT
 * ALLOWED), and rules allowed only from their sources, each with the reason from the data.
 */
import type { RuleRow } from '$lib/it/rules/rule-rows';
import { commentBlock } from '$lib/it/select/provenance';

/** Security-risk destinations, one comment line each with the reason. */
export function notAllowedLines(
	rows: readonly RuleRow[],
	marker: string,
	escape: (text: string) => string
): string[] {
	const risky = new Map<string, { reasons: string[]; sources: string[] }>();
	for (const r of rows) {
		if (r.status === 'allow' || r.status === 'allow-only-from-sources') continue;
		const label =
			r.direction === 'outbound'
				? r.destination.value || '(no destination given)'
				: `${r.direction} ${r.protocol} ${r.ports} to ${r.destination.value || 'your site'} [${r.requirementIds.join(', ')}]`;
		const entry = risky.get(label) ?? { reasons: [], sources: [] };
		for (const why of r.risks) if (!entry.reasons.includes(why)) entry.reasons.push(why);
		if (r.source && !entry.sources.includes(r.source.value)) entry.sources.push(r.source.value);
		risky.set(label, entry);
	}
	if (risky.size === 0) return [];
	const included = rows.some((r) => r.status === 'included-security-risk');
	const lines = [
		'',
		included
			? 'SECURITY RISK — INCLUDED ON REQUEST (the data marks these as a risk to allow):'
			: 'NOT ALLOWED — security risk (left out on purpose; the vendor document still lists them):'
	];
	for (const [label, { reasons, sources }] of risky) {
		const from = sources.length ? ` from ${sources.join(', ')}` : '';
		lines.push(`  ${label}${from} — ${reasons.join(' ')}`);
	}
	return commentBlock(lines, marker, escape);
}

/** Rules the data allows only from their sources because they are a risk (inbound remote support). */
export function sourceOnlyLines(
	rows: readonly RuleRow[],
	marker: string,
	escape: (text: string) => string
): string[] {
	const limited = new Map<string, string[]>();
	for (const r of rows) {
		if (r.status !== 'allow-only-from-sources') continue;
		const label = `${r.direction} ${r.protocol} ${r.ports} to ${r.destination.value || 'your site'} [${r.requirementIds.join(', ')}]`;
		const entry = limited.get(label) ?? [];
		if (r.source && !entry.includes(r.source.value)) entry.push(r.source.value);
		limited.set(label, entry);
	}
	if (limited.size === 0) return [];
	const reasons = [
		...new Set(rows.filter((r) => r.status === 'allow-only-from-sources').flatMap((r) => r.risks))
	];
	const lines = [
		'',
		'SECURITY RISK — ALLOW ONLY FROM THE SOURCES NAMED, never from the internet:',
		...[...limited].map(([label, sources]) => `  ${label} only from ${sources.join(', ')}`),
		...reasons.map((why) => `  ${why}`)
	];
	return commentBlock(lines, marker, escape);
}

/** Both risk blocks every export ends with. */
export function riskLines(
	rows: readonly RuleRow[],
	marker: string,
	escape: (text: string) => string
): string[] {
	return [...notAllowedLines(rows, marker, escape), ...sourceOnlyLines(rows, marker, escape)];
}
