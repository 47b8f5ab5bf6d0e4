/**
 * The test script for Windows: PowerShell 5.1 or 7, every data value a single-quoted literal,
 * UTF-8 with a byte-order mark and CRLF line ends.
 */
import { BOM } from '$lib/csv';
import { commentBlock, provenanceLines } from '$lib/it/select/provenance';
import type { Selection } from '$lib/it/select/selection';
import { psComment, psString } from '$lib/it/escape/powershell';
import { oneLine } from '$lib/it/escape/text';
import { scriptSections, type Call } from './sections';

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

# An enabled inbound Allow rule of this machine's Windows Firewall that names the port (or any port).
function Test-Firewall([string]$Protocol, [int]$Port, [string]$Add, [string]$Label) {
	$rules = @(Get-NetFirewallPortFilter -Protocol $Protocol -ErrorAction SilentlyContinue |
		Where-Object { $_.LocalPort -contains "$Port" -or $_.LocalPort -contains 'Any' } |
		Get-NetFirewallRule -ErrorAction SilentlyContinue |
		Where-Object { $_.Enabled -eq 'True' -and $_.Direction -eq 'Inbound' -and $_.Action -eq 'Allow' })
	if ($rules.Count -gt 0) { Write-Pass "firewall inbound $Protocol $Port allowed by: $(($rules | ForEach-Object { $_.DisplayName }) -join ', ') [$Label]" }
	else { Write-Todo "firewall inbound $Protocol $Port has no enabled inbound Allow rule on this machine; to add one, as administrator: $Add [$Label]" }
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
		case 'firewall':
			return `Test-Firewall -Protocol ${c.protocol.toUpperCase()} -Port ${c.port} -Add ${psString(c.add)} -Label ${psString(c.label)}`;
		case 'todo':
			return `Write-Todo ${psString(oneLine(c.text))}`;
		case 'info':
			return `Write-Info ${psString(oneLine(c.text))}`;
		case 'skip':
			return `Write-Skip ${psString(oneLine(c.text))}`;
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
		'#',
		psComment
	);
	const body: string[] = [];
	for (const s of scriptSections(selection)) {
		body.push(
			'',
			`# --- ${psComment(s.title)}`,
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
