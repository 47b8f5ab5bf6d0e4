/** The test script for Linux and macOS: POSIX sh, every data value single-quoted. */
import { commentBlock, provenanceLines } from '$lib/it/select/provenance';
import type { Selection } from '$lib/it/select/selection';
import { shComment, shString } from '$lib/it/escape/sh';
import { oneLine } from '$lib/it/escape/text';
import { scriptSections, type Call } from './sections';

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
		case 'firewall':
			return `info ${shString(
				oneLine(
					`Windows workstations: allow ${c.protocol.toUpperCase()} ${c.port} in and out in Windows Firewall (PowerShell, as administrator: ${c.add}); check-network.ps1 tests it on a workstation [${c.label}]`
				)
			)}`;
		default:
			return `${c.fn} ${shString(oneLine(c.text))}`;
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
		'#',
		shComment
	);
	const body: string[] = [];
	for (const s of scriptSections(selection)) {
		body.push('', `# --- ${shComment(s.title)}`, `printf '\\n== %s\\n' ${shString(s.title)}`);
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
