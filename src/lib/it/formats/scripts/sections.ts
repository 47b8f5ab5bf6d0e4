/**
 * The test scripts' content, independent of the shell: the hand-test steps of every requirement
 * of the selection, merged and sorted into sections of calls. posix.ts and powershell.ts write
 * the same sections as POSIX sh and PowerShell. Every line prints PASS, FAIL, TODO (a person must
 * fill something in), INFO (cannot be tested from here) or SKIP (security risk), then a summary;
 * the exit status is 1 when anything failed.
 */
import { firewallAddPowerShell, operandOf, tcpPosix } from '$lib/it/hand-tests/commands';
import { isOperand, oneLine } from '$lib/it/escape/text';
import { planRequirement } from '$lib/it/hand-tests/plan';
import type { Step } from '$lib/it/hand-tests/steps';
import { formatSpan, formatSpans } from '$lib/it/destinations/ports';
import type { Protocol } from '$lib/data/schema';
import type { Selection } from '$lib/it/select/selection';

/** One line of a script, independent of the shell. */
export type Call =
	| { fn: 'dns'; name: string; server: string; label: string }
	| { fn: 'tcp'; host: string; port: number; label: string }
	| { fn: 'http'; url: string; label: string }
	| { fn: 'ntp'; host: string; label: string }
	/** Windows: is there an enabled inbound Allow rule for this port? (sh: the rule as text) */
	| { fn: 'firewall'; protocol: Protocol; port: number; label: string; add: string }
	| { fn: 'todo'; text: string }
	| { fn: 'info'; text: string }
	| { fn: 'skip'; text: string };

export interface ScriptSection {
	title: string;
	calls: Call[];
}

interface Collected {
	step: Step;
	ids: string[];
}

function stepKey(s: Step): string {
	switch (s.kind) {
		case 'tcp':
			return `tcp ${s.host.toLowerCase()} ${s.port}`;
		case 'http':
			return `http ${s.url}`;
		case 'dns':
			return `dns ${s.name.toLowerCase()} ${s.server ?? ''}`;
		case 'ntp':
			return `ntp ${s.host.toLowerCase()}`;
		case 'udp':
			return `udp ${s.host ?? ''} ${s.ports}`;
		case 'fill-in':
			return `fill ${s.test} ${s.placeholder} ${s.port ?? ''}`;
		case 'ask':
			return `ask ${s.question}`;
		case 'firewall':
			return `firewall ${s.protocol} ${formatSpans(s.ports)} ${s.remote} ${s.name}`;
		case 'info':
			return `info ${s.text}`;
		case 'not-allowed':
			return `risk ${s.destination}`;
	}
}

function collect(selection: Selection): Collected[] {
	const byKey = new Map<string, Collected>();
	for (const product of selection.products)
		for (const r of product.requirements)
			for (const step of planRequirement(r, product, selection.catalog, {
				includeRisky: selection.includeRisky
			})) {
				const key = stepKey(step);
				const existing = byKey.get(key);
				if (existing) {
					if (!existing.ids.includes(r.id)) existing.ids.push(r.id);
				} else byKey.set(key, { step, ids: [r.id] });
			}
	return [...byKey.values()];
}

function standText(s: Step): string {
	if ('representativeOf' in s && s.representativeOf)
		return ` (stands in for ${oneLine(s.representativeOf)})`;
	if ('chosenBecause' in s && s.chosenBecause) return ` (${oneLine(s.chosenBecause)})`;
	if ('fromProbe' in s && s.fromProbe) return ' (the server the browser check probes)';
	return '';
}

type FillIn = Extract<Step, { kind: 'fill-in' }>;

/** One TODO line per placeholder: every port and requirement that needs the same address. */
function fillInLines(fills: readonly { step: FillIn; ids: string[] }[]): Call[] {
	const byPlaceholder = new Map<string, { step: FillIn; ports: string[]; ids: string[] }>();
	for (const { step, ids } of fills) {
		const key = `${step.test} ${step.placeholder}`;
		const line = byPlaceholder.get(key) ?? { step, ports: [], ids: [] };
		if (step.test === 'tcp') {
			const port = step.range
				? `${step.port} (one sample from ${formatSpan(step.range)})`
				: String(step.port);
			if (!line.ports.includes(port)) line.ports.push(port);
		}
		for (const id of ids) if (!line.ids.includes(id)) line.ids.push(id);
		byPlaceholder.set(key, line);
	}
	return [...byPlaceholder.values()].map(({ step, ports, ids }) => {
		const what =
			step.test === 'tcp'
				? `tcp ${step.placeholder} port${ports.length > 1 ? 's' : ''} ${ports.join(', ')}`
				: step.test === 'ntp'
					? `ntp ${step.placeholder}:123`
					: `dns ${step.placeholder}`;
		const example = step.test === 'tcp' ? ` Then run: ${tcpPosix('HOST', step.port ?? 0)}` : '';
		return { fn: 'todo', text: `${what} — ${step.why}${example} [${ids.join(', ')}]` };
	});
}

function isName(host: string): boolean {
	return /[a-z]/i.test(host) && !host.includes(':');
}

/** The script's lines in sections, shared by both shells. */
export function scriptSections(selection: Selection): ScriptSection[] {
	const collected = collect(selection);
	const label = (c: Collected) => oneLine(c.ids.join(', '));
	const dns: Call[] = [];
	const connect: Call[] = [];
	const ntp: Call[] = [];
	const ask: Call[] = [];
	const firewall: Call[] = [];
	const fills: { step: FillIn; ids: string[] }[] = [];
	const udp: Call[] = [];
	const info: Call[] = [];
	const skip: Call[] = [];
	const udpSteps: { step: Extract<Step, { kind: 'udp' }>; ids: string[] }[] = [];
	const resolved = new Set<string>();
	const resolve = (name: string, ids: string) => {
		const key = name.toLowerCase();
		if (!isName(name) || resolved.has(key)) return;
		resolved.add(key);
		dns.push({ fn: 'dns', name, server: '', label: `${ids}; resolves before connecting` });
	};
	for (const c of collected) {
		const s = c.step;
		const operand = operandOf(s);
		const server = s.kind === 'dns' ? s.server : undefined;
		if (
			(operand !== undefined && !isOperand(operand)) ||
			(server !== undefined && !isOperand(server))
		) {
			// Quoting cannot stop nc or curl reading "-x" as an option: such a value is not run.
			ask.push({
				fn: 'todo',
				text: `not tested — "${oneLine(operand ?? server ?? '')}" is not a usable host name or URL [${label(c)}]`
			});
			continue;
		}
		switch (s.kind) {
			case 'dns':
				if (!s.server) resolved.add(s.name.toLowerCase());
				dns.push({
					fn: 'dns',
					name: s.name,
					server: s.server ?? '',
					label: label(c) + standText(s)
				});
				break;
			case 'tcp': {
				const range = s.range ? `; port ${s.port} is one sample from ${formatSpan(s.range)}` : '';
				connect.push({
					fn: 'tcp',
					host: s.host,
					port: s.port,
					label: label(c) + standText(s) + range
				});
				break;
			}
			case 'http':
				connect.push({ fn: 'http', url: s.url, label: label(c) });
				break;
			case 'ntp':
				ntp.push({ fn: 'ntp', host: s.host, label: label(c) + standText(s) });
				break;
			case 'udp':
				udpSteps.push({ step: s, ids: c.ids });
				break;
			case 'fill-in':
				fills.push({ step: s, ids: c.ids });
				break;
			case 'ask':
				ask.push({ fn: 'todo', text: `ask the vendor — ${s.question} [${label(c)}]` });
				break;
			case 'firewall':
				for (const span of s.ports)
					firewall.push({
						fn: 'firewall',
						protocol: s.protocol,
						port: span.from,
						label: label(c),
						add: firewallAddPowerShell('Inbound', s.protocol, s.ports, s.name, s.remote)
					});
				break;
			case 'info':
				info.push({ fn: 'info', text: `${s.text} [${label(c)}]` });
				break;
			case 'not-allowed':
				skip.push({
					fn: 'skip',
					text: `${s.destination} — NOT ALLOWED, security risk, not tested: ${s.reason} [${label(c)}]`
				});
				break;
		}
	}
	for (const c of collected) {
		const s = c.step;
		if ((s.kind === 'tcp' || s.kind === 'ntp') && isOperand(s.host)) resolve(s.host, label(c));
	}
	// One line per UDP rule and port list, naming every address it covers.
	const udpLines = new Map<string, { ports: string; ids: string; targets: string[] }>();
	for (const { step, ids } of udpSteps) {
		const key = `${step.ports}|${ids.join(', ')}`;
		const line = udpLines.get(key) ?? { ports: step.ports, ids: ids.join(', '), targets: [] };
		if (step.host) line.targets.push(`${step.host}${standText(step)}`);
		udpLines.set(key, line);
	}
	if (udpLines.size)
		udp.push({
			fn: 'info',
			text: 'UDP cannot be proven open from the command line: it has no handshake, so "nc -u" reports success whether or not anything arrives. The browser check tests STUN/TURN over UDP; media port ranges need a real call.'
		});
	for (const l of udpLines.values())
		udp.push({
			fn: 'info',
			text: `udp ${l.ports}${l.targets.length ? ` to ${l.targets.join(', ')}` : ' (no destination given)'} — not testable here [${l.ids}]`
		});
	return [
		{ title: 'Name resolution (DNS)', calls: dns },
		{ title: 'TCP connections and web requests', calls: connect },
		{ title: 'Time (NTP over UDP 123)', calls: ntp },
		{
			title: 'To do by hand: the data gives no host or address that answers',
			calls: fillInLines(fills)
		},
		{ title: 'Questions for the vendor: the document cannot be tested as written', calls: ask },
		{ title: 'UDP: listed, cannot be proven from the command line', calls: udp },
		{ title: 'Workstation firewall (Windows): traffic inside the site', calls: firewall },
		{
			title: 'Rules to check on the firewall itself (inbound, local network, other)',
			calls: info
		},
		{ title: 'NOT ALLOWED — security risk', calls: skip }
	].filter((s) => s.calls.length > 0);
}
