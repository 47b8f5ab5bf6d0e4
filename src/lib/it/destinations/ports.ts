/** Port ranges: merging across requirements and products, and the written forms the exports use. */
import type { PortRange, Protocol } from '$lib/data/schema';

export interface Span {
	from: number;
	to: number;
}

/** Sort, then join overlapping and adjacent spans (443 + 444 -> 443-444; 10000-20000 inside 10000-60000). */
export function mergeSpans(spans: readonly Span[]): Span[] {
	const sorted = [...spans].sort((a, b) => a.from - b.from || a.to - b.to);
	const out: Span[] = [];
	for (const s of sorted) {
		const last = out[out.length - 1];
		if (last && s.from <= last.to + 1) last.to = Math.max(last.to, s.to);
		else out.push({ from: s.from, to: s.to });
	}
	return out;
}

/** The merged spans of one protocol. */
export function spansOf(ports: readonly PortRange[], protocol: Protocol): Span[] {
	return mergeSpans(ports.filter((p) => p.protocol === protocol));
}

/** "443", "10000-60000" */
export function formatSpan(s: Span): string {
	return s.from === s.to ? String(s.from) : `${s.from}-${s.to}`;
}

/** "80, 443, 10000-60000" for people; `separator` ',' for machine lists. */
export function formatSpans(spans: readonly Span[], separator = ', '): string {
	return spans.map(formatSpan).join(separator);
}

/** The protocols a requirement names ports for, TCP first. */
export function protocolsOf(ports: readonly PortRange[]): Protocol[] {
	return (['tcp', 'udp'] as const).filter((p) => ports.some((r) => r.protocol === p));
}
