/**
 * Test scripts for what a browser cannot check, generated from the data: PowerShell for Windows
 * and POSIX sh for Linux and macOS. Every line prints PASS, FAIL, TODO (a person must fill
 * something in), INFO (cannot be tested from here) or SKIP (security risk), then a summary;
 * the exit status is 1 when anything failed.
 */
import { tcpPosix } from './commands';
import { planRequirement, type Step } from './plan';
import { formatSpan } from './ports';
import { STARTING_POINT, commentBlock, provenanceLines, type Selection } from './selection';
import { commentText, psString, shString } from './shell';

/** One line of a script, independent of the shell. */
export type Call =
	| { fn: 'dns'; name: string; server: string; label: string }
	| { fn: 'tcp'; host: string; port: number; label: string }
	| { fn: 'http'; url: string; label: string }
	| { fn: 'ntp'; host: string; label: string }
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
			for (const step of planRequirement(r, product, selection.data, {
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
	if ('sampleOf' in s && s.sampleOf) return ` (sample address from ${s.sampleOf})`;
	if ('representativeOf' in s && s.representativeOf)
		return ` (stands in for ${s.representativeOf})`;
	return '';
}

function isName(host: string): boolean {
	return /[a-z]/i.test(host) && !host.includes(':');
}

/** The script's lines in sections, shared by both shells. */
export function scriptSections(selection: Selection): ScriptSection[] {
	const collected = collect(selection);
	const label = (c: Collected) => c.ids.join(', ');
	const dns: Call[] = [];
	const connect: Call[] = [];
	const ntp: Call[] = [];
	const todo: Call[] = [];
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
			case 'fill-in': {
				const what =
					s.test === 'tcp'
						? `tcp ${s.placeholder}:${s.port}${s.range ? ` (one sample from ${formatSpan(s.range)})` : ''}`
						: s.test === 'ntp'
							? `ntp ${s.placeholder}:123`
							: `dns ${s.placeholder}`;
				const example = s.test === 'tcp' ? ` Then run: ${tcpPosix('HOST', s.port ?? 0)}` : '';
				todo.push({ fn: 'todo', text: `${what} — ${s.why}${example} [${label(c)}]` });
				break;
			}
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
		if (s.kind === 'tcp' || s.kind === 'ntp') resolve(s.host, label(c));
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
		{ title: 'To do by hand: the data gives no concrete host', calls: todo },
		{ title: 'UDP: listed, cannot be proven from the command line', calls: udp },
		{ title: 'Rules to check on the firewall itself (inbound, local network, other)', calls: info },
		{ title: 'NOT ALLOWED — security risk', calls: skip }
	].filter((s) => s.calls.length > 0);
}

const SH_HELPERS = String.raw`PASS=0; FAIL=0; TODO=0; INFO=0; SKIP=0

pass() { PASS=$((PASS + 1)); printf 'PASS  %s\n' "$1"; }
fail() { FAIL=$((FAIL + 1)); printf 'FAIL  %s\n' "$1"; }
todo() { TODO=$((TODO + 1)); printf 'TODO  %s\n' "$1"; }
info() { INFO=$((INFO + 1)); printf 'INFO  %s\n' "$1"; }
skip() { SKIP=$((SKIP + 1)); printf 'SKIP  %s\n' "$1"; }
have() { command -v "$1" >/dev/null 2>&1; }

# check_tcp HOST PORT LABEL
check_tcp() {
	if ! have nc; then todo "tcp $1:$2 — nc (netcat) is not installed; run: nc -vz -w 5 $1 $2 [$3]"; return; fi
	if nc -vz -w 5 "$1" "$2" >/dev/null 2>&1; then pass "tcp $1:$2 [$3]"; else fail "tcp $1:$2 [$3]"; fi
}

# check_http URL LABEL — any HTTP status (even 404) proves the server was reached
check_http() {
	if ! have curl; then todo "http $1 — curl is not installed [$2]"; return; fi
	code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$1" 2>/dev/null)
	case "$code" in
		'' | 000) fail "http $1 (no HTTP response) [$2]" ;;
		*) pass "http $1 (HTTP $code) [$2]" ;;
	esac
}

# check_dns NAME SERVER LABEL — SERVER may be empty for the system resolver
check_dns() {
	if have dig; then
		if [ -n "$2" ]; then
			out=$(dig +short +time=3 +tries=1 "@$2" "$1" 2>/dev/null | grep -v '^;')
		else
			out=$(dig +short +time=3 +tries=1 "$1" 2>/dev/null | grep -v '^;')
		fi
	elif have getent && [ -z "$2" ]; then
		out=$(getent hosts "$1" 2>/dev/null)
	else
		todo "dns $1 — dig is not installed [$3]"
		return
	fi
	if [ -n "$out" ]; then pass "dns $1${'$'}{2:+ via $2} [$3]"; else fail "dns $1${'$'}{2:+ via $2} (no answer) [$3]"; fi
}

# check_ntp HOST LABEL — a real NTP query; nc -u could not tell an answer from silence
check_ntp() {
	if have sntp; then
		if sntp -t 5 "$1" >/dev/null 2>&1; then pass "ntp $1:123 [$2]"; else fail "ntp $1:123 [$2]"; fi
	elif have ntpdate; then
		if ntpdate -q "$1" >/dev/null 2>&1; then pass "ntp $1:123 [$2]"; else fail "ntp $1:123 [$2]"; fi
	else
		todo "ntp $1:123 — no NTP client (sntp or ntpdate) installed; UDP cannot be proven with nc -u [$2]"
	fi
}`;

function shCall(c: Call): string {
	switch (c.fn) {
		case 'dns':
			return `check_dns ${shString(c.name)} ${shString(c.server)} ${shString(c.label)}`;
		case 'tcp':
			return `check_tcp ${shString(c.host)} ${c.port} ${shString(c.label)}`;
		case 'http':
			return `check_http ${shString(c.url)} ${shString(c.label)}`;
		case 'ntp':
			return `check_ntp ${shString(c.host)} ${shString(c.label)}`;
		default:
			return `${c.fn} ${shString(commentText(c.text))}`;
	}
}

export function posixScript(selection: Selection): string {
	const head = commentBlock(
		[
			'netready: network checks a browser cannot make (POSIX sh: Linux, macOS).',
			'Run it on a machine in the network segment the devices use:  sh <this file>',
			'Uses nc (netcat), curl, dig or getent, and sntp or ntpdate where installed.',
			'Prints PASS / FAIL / TODO / INFO / SKIP per line and a summary; exits 1 if anything failed.',
			'Generated from the vendor data: read it before you run it.',
			'',
			...provenanceLines(selection)
		],
		'#'
	);
	const body: string[] = [];
	for (const s of scriptSections(selection)) {
		body.push('', `# --- ${s.title}`, `printf '\\n== %s\\n' ${shString(s.title)}`);
		body.push(...s.calls.map(shCall));
	}
	return [
		'#!/bin/sh',
		...head,
		'',
		SH_HELPERS,
		...body,
		'',
		`printf '\\nSummary: %s passed, %s failed, %s to do by hand, %s not testable here, %s not allowed\\n' "$PASS" "$FAIL" "$TODO" "$INFO" "$SKIP"`,
		'[ "$FAIL" -eq 0 ]',
		''
	].join('\n');
}

const PS_HELPERS = String.raw`$script:Pass = 0; $script:Fail = 0; $script:Todo = 0; $script:Info = 0; $script:Skip = 0

function Write-Pass([string]$Text) { $script:Pass++; Write-Output "PASS  $Text" }
function Write-Fail([string]$Text) { $script:Fail++; Write-Output "FAIL  $Text" }
function Write-Todo([string]$Text) { $script:Todo++; Write-Output "TODO  $Text" }
function Write-Info([string]$Text) { $script:Info++; Write-Output "INFO  $Text" }
function Write-Skip([string]$Text) { $script:Skip++; Write-Output "SKIP  $Text" }

function Test-Tcp([string]$HostName, [int]$Port, [string]$Label) {
	$ok = Test-NetConnection -ComputerName $HostName -Port $Port -InformationLevel Quiet -WarningAction SilentlyContinue
	if ($ok) { Write-Pass "tcp ${'$'}{HostName}:$Port [$Label]" } else { Write-Fail "tcp ${'$'}{HostName}:$Port [$Label]" }
}

# Any HTTP status (even 404) proves the server was reached.
function Test-Http([string]$Url, [string]$Label) {
	try {
		$response = Invoke-WebRequest -Uri $Url -Method Head -UseBasicParsing -TimeoutSec 10 -ErrorAction Stop
		Write-Pass "http $Url (HTTP $($response.StatusCode)) [$Label]"
	} catch {
		$reply = $_.Exception.Response
		if ($null -ne $reply) { Write-Pass "http $Url (HTTP $([int]$reply.StatusCode)) [$Label]" }
		else { Write-Fail "http $Url ($($_.Exception.Message)) [$Label]" }
	}
}

function Test-Dns([string]$Name, [string]$Server, [string]$Label) {
	try {
		if ($Server) { $null = Resolve-DnsName -Name $Name -Server $Server -DnsOnly -ErrorAction Stop }
		else { $null = Resolve-DnsName -Name $Name -ErrorAction Stop }
		Write-Pass "dns $Name [$Label]"
	} catch {
		Write-Fail "dns $Name ($($_.Exception.Message)) [$Label]"
	}
}

# A real NTP query; UDP reachability cannot be proven otherwise.
function Test-Ntp([string]$HostName, [string]$Label) {
	$out = (w32tm /stripchart /computer:$HostName /samples:3 /dataonly 2>&1) | Out-String
	if ($out -match ', [+-]\d+\.\d+s') { Write-Pass "ntp ${'$'}{HostName}:123 [$Label]" }
	else { Write-Fail "ntp ${'$'}{HostName}:123 (no NTP answer) [$Label]" }
}`;

function psCall(c: Call): string {
	switch (c.fn) {
		case 'dns':
			return `Test-Dns -Name ${psString(c.name)} -Server ${psString(c.server)} -Label ${psString(c.label)}`;
		case 'tcp':
			return `Test-Tcp -HostName ${psString(c.host)} -Port ${c.port} -Label ${psString(c.label)}`;
		case 'http':
			return `Test-Http -Url ${psString(c.url)} -Label ${psString(c.label)}`;
		case 'ntp':
			return `Test-Ntp -HostName ${psString(c.host)} -Label ${psString(c.label)}`;
		case 'todo':
			return `Write-Todo ${psString(commentText(c.text))}`;
		case 'info':
			return `Write-Info ${psString(commentText(c.text))}`;
		case 'skip':
			return `Write-Skip ${psString(commentText(c.text))}`;
	}
}

export function powershellScript(selection: Selection): string {
	const head = commentBlock(
		[
			'netready: network checks a browser cannot make (Windows PowerShell 5.1 or PowerShell 7 on Windows).',
			'Run it on a machine in the network segment the devices use:',
			'  powershell -ExecutionPolicy Bypass -File <this file>',
			'Uses Test-NetConnection, Invoke-WebRequest, Resolve-DnsName and w32tm.',
			'Prints PASS / FAIL / TODO / INFO / SKIP per line and a summary; exits 1 if anything failed.',
			'Generated from the vendor data: read it before you run it.',
			'',
			...provenanceLines(selection)
		],
		'#'
	);
	const body: string[] = [];
	for (const s of scriptSections(selection)) {
		body.push(
			'',
			`# --- ${s.title}`,
			`Write-Output ''`,
			`Write-Output ${psString(`== ${s.title}`)}`
		);
		body.push(...s.calls.map(psCall));
	}
	// The byte-order mark makes Windows PowerShell 5.1 read the file as UTF-8, not as ANSI, where
	// some UTF-8 bytes of the vendors' text would turn into quote characters.
	const lines = [
		...head,
		'',
		PS_HELPERS,
		...body,
		'',
		`Write-Output ''`,
		'Write-Output "Summary: $script:Pass passed, $script:Fail failed, $script:Todo to do by hand, $script:Info not testable here, $script:Skip not allowed"',
		'if ($script:Fail -gt 0) { exit 1 } else { exit 0 }',
		''
	];
	return BOM + lines.join('\n').replace(/\r?\n/g, '\r\n');
}

export const BOM = '\uFEFF';

export { STARTING_POINT };
