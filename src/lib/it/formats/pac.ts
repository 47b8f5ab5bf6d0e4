/**
 * A proxy auto-config (PAC) snippet that sends WebSocket and media (STUN/TURN) hosts DIRECT,
 * past a web proxy that would break them, as one Accurx site did with
 * `if (shExpMatch(host, "*.appearin.net")) return "DIRECT";`.
 */
import type { Destination, Product, Requirement } from '$lib/data/schema';
import { notAllowedLines } from './risk-lines';
import ipaddr from 'ipaddr.js';
import { byVersion, mergeNetworks } from '$lib/it/destinations/cidr';
import { endpointHost, expandDestination, isSetting, type RuleRow } from '$lib/it/rules/rule-rows';
import { hostPatternOf, probeHost, wildcardMatches } from '$lib/it/destinations/hosts';
import { flagsFor, isRisky, mentions, riskFlags } from '$lib/it/destinations/risk';
import { STARTING_POINT, commentBlock, provenanceLines } from '$lib/it/select/provenance';
import type { Selection } from '$lib/it/select/selection';
import { jsComment, jsString, pacPattern } from '$lib/it/escape/javascript';

const MEDIA_APPLICATIONS = new Set(['wss', 'stun', 'turn']);

const MEDIA = 'media (STUN/TURN)';

/**
 * Why a destination carries WebSocket or media traffic, or undefined when it does not: a ws(s)
 * URL, a STUN/TURN/WebSocket rule, a STUN/TURN/WebSocket probe aimed at this very destination, or
 * the STUN/TURN ports. A probe on another destination of the same rule does not count: the
 * Accurx HTTPS rule probes a Whereby TURN host, which says nothing about *.cloudfront.net.
 */
export function mediaReason(r: Requirement, d: Destination): string | undefined {
	if (d.kind === 'url' && /^wss?:\/\//i.test(d.value)) return 'WebSocket';
	if (r.application === 'wss') return 'WebSocket';
	if (r.application && MEDIA_APPLICATIONS.has(r.application)) return MEDIA;
	const pattern = hostPatternOf(d);
	const probes =
		r.check.kind === 'probe' ? r.check.probes : r.check.kind === 'inferred' ? r.check.from : [];
	const aimed = probes.filter((p) => {
		const host = probeHost(p.url);
		return pattern !== undefined && host !== undefined && wildcardMatches(pattern, host);
	});
	if (aimed.some((p) => p.kind === 'wss')) return 'WebSocket';
	if (aimed.some((p) => p.kind === 'stun' || p.kind === 'turn')) return MEDIA;
	// STUN/TURN's own ports; plain UDP rules (NTP, DNS) never pass through a web proxy.
	const stunPort = (n: number) => r.ports.some((p) => p.from <= n && n <= p.to);
	if (r.application !== 'ntp' && r.application !== 'dns' && (stunPort(3478) || stunPort(5349)))
		return MEDIA;
	return undefined;
}

interface DirectHost {
	host: string;
	reasons: string[];
	ids: string[];
	/** the data's flags on this destination (e.g. a wildcard without its dot), as comment text */
	flags: string[];
	risk?: string;
}

/** Hosts to send DIRECT; security-risk hosts only when the selection asks to include them. */
export function directHosts(selection: Selection): DirectHost[] {
	const direct = new Map<string, DirectHost>();
	const visit = (p: Product, r: Requirement, d: Destination) => {
		if (r.direction !== 'outbound') return;
		const reason = mediaReason(r, d);
		if (!reason) return;
		const danger = isRisky(d, r, p)
			? riskFlags(d, r, p)
					.map((f) => f.text)
					.join(' ')
			: undefined;
		for (const e of expandDestination(d, selection.catalog)) {
			const host = endpointHost(e);
			if (!host) continue;
			if (danger && !selection.includeRisky) continue;
			const target = direct;
			const key = host.toLowerCase();
			const entry = target.get(key) ?? {
				host: key,
				reasons: [],
				ids: [],
				flags: [],
				...(danger ? { risk: danger } : {})
			};
			if (!entry.reasons.includes(reason)) entry.reasons.push(reason);
			for (const f of flagsFor(d, r))
				if (f.kind !== 'security-risk' && mentions(f, d)) {
					const text = `${f.kind}: ${f.text}`;
					if (!entry.flags.includes(text)) entry.flags.push(text);
				}
			if (!entry.ids.includes(r.id)) entry.ids.push(r.id);
			target.set(key, entry);
		}
	};
	for (const p of selection.products)
		for (const r of p.requirements) for (const d of r.destinations) visit(p, r, d);
	return [...direct.values()];
}

/** A rule telling the site to keep traffic away from its web proxy ("exclude the ranges ..."). */
export function isProxyBypass(r: Requirement): boolean {
	const where = `${r.section} ${r.service}`;
	const what = `${r.ruleText ?? ''} ${r.levelText}`;
	return isSetting(r) && /prox/i.test(where + what) && /\b(exclud|bypass)/i.test(what);
}

interface Bypass {
	ids: string[];
	text: string;
	hosts: string[];
	networks: string[];
}

export function proxyBypasses(selection: Selection): Bypass[] {
	const out: Bypass[] = [];
	for (const p of selection.products)
		for (const r of p.requirements) {
			if (!isProxyBypass(r)) continue;
			const endpoints = r.destinations
				.filter((d) => selection.includeRisky || !isRisky(d, r, p))
				.flatMap((d) => expandDestination(d, selection.catalog));
			out.push({
				ids: [r.id],
				text: r.ruleText ?? r.levelText,
				hosts: endpoints.flatMap((e) => endpointHost(e)?.toLowerCase() ?? []),
				networks: endpoints.filter((e) => e.kind === 'ip' || e.kind === 'cidr').map((e) => e.value)
			});
		}
	return out;
}

/** One `if (shExpMatch(...)) return "DIRECT";` line, or a comment when the value is no host pattern. */
function directLine(host: string): string {
	const pattern = pacPattern(host);
	return pattern
		? `\tif (shExpMatch(host, ${jsString(pattern)})) return "DIRECT";`
		: `\t// ${jsComment(`not written, not a host name: ${host}`)}`;
}

function bypassLines(b: Bypass): string[] {
	const lines = [`\t// ${jsComment(`${b.ids.join(', ')}: ${b.text}`)}`];
	for (const h of b.hosts) lines.push(directLine(h));
	const { 4: v4, 6: v6 } = byVersion(mergeNetworks(b.networks));
	if (v4.length)
		lines.push(
			'\t// isInNet looks host names up in DNS; keep these lines below the cheaper name matches.'
		);
	for (const n of v4) {
		const [address, prefix] = n.split('/');
		const mask = ipaddr.IPv4.subnetMaskFromPrefixLength(Number(prefix)).toString();
		lines.push(
			`\tif (isInNet(host, ${jsString(address ?? '')}, ${jsString(mask)})) return "DIRECT";`
		);
	}
	for (const n of v6)
		lines.push(
			`\t// ${jsComment(`IPv6 ${n}: use isInNetEx(host, "${n}") where your browsers support it`)}`
		);
	return lines;
}

export function pacSnippet(selection: Selection, rows: readonly RuleRow[]): string {
	const direct = directHosts(selection);
	const bypasses = proxyBypasses(selection);
	const head = commentBlock(
		[
			STARTING_POINT,
			'Copy the "if" lines into FindProxyForURL in your existing PAC file, above its other rules.',
			'They send WebSocket and media hosts DIRECT, so a web proxy that cannot carry WebSocket or',
			'STUN/TURN traffic does not break calls, and the destinations a vendor asks to keep away from',
			'proxies. Your firewall must then allow these destinations itself.',
			'The last line stands in for your own rules: replace it.',
			'',
			...provenanceLines(selection)
		],
		'//',
		jsComment
	);
	const body: string[] = [];
	for (const h of direct) {
		const note = `${h.reasons.join(', ')}: ${h.ids.join(', ')}`;
		body.push(`\t// ${jsComment(note)}`);
		for (const f of h.flags) body.push(`\t// ${jsComment(f)}`);
		if (h.risk) body.push(`\t// ${jsComment(`SECURITY RISK (included on request): ${h.risk}`)}`);
		body.push(directLine(h.host));
	}
	if (direct.length === 0) body.push('\t// No WebSocket or media hosts in this selection.');
	for (const b of bypasses) body.push(...bypassLines(b));
	const lines = [
		...head,
		'',
		'function FindProxyForURL(url, host) {',
		...body,
		'\t// REPLACE: your existing rules go here.',
		'\treturn "PROXY proxy.example.invalid:8080";',
		'}',
		...notAllowedLines(rows, '//', jsComment)
	];
	return lines.join('\n') + '\n';
}
