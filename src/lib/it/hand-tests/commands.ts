/**
 * One plan step as the plain commands a person types: PowerShell on Windows, POSIX sh elsewhere.
 * The scripts (formats/scripts/) wrap the same commands in PASS/FAIL helpers.
 */
import { formatSpans, type Span } from '$lib/it/destinations/ports';
import type { Protocol } from '$lib/data/schema';
import type { Step } from './steps';
import { psQuote, psString } from '$lib/it/escape/powershell';
import { shQuote } from '$lib/it/escape/sh';
import { isOperand, oneLine } from '$lib/it/escape/text';

export interface Commands {
	powershell: string[];
	posix: string[];
}

export function tcpPowerShell(host: string, port: number): string {
	return `Test-NetConnection -ComputerName ${psQuote(host)} -Port ${port}`;
}

export function tcpPosix(host: string, port: number): string {
	return `nc -vz -w 5 ${shQuote(host)} ${port}`;
}

export function httpPowerShell(url: string): string {
	return `Invoke-WebRequest -Uri ${psString(url)} -Method Head -UseBasicParsing -TimeoutSec 10`;
}

export function httpPosix(url: string): string {
	return `curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 10 ${shQuote(url)}`;
}

export function dnsPowerShell(name: string, server?: string): string {
	return `Resolve-DnsName -Name ${psQuote(name)}${server ? ` -Server ${psQuote(server)}` : ''}`;
}

export function dnsPosix(name: string, server?: string): string[] {
	if (server) return [`dig +short @${shQuote(server)} ${shQuote(name)}`];
	return [`dig +short ${shQuote(name)}`, `getent hosts ${shQuote(name)}`];
}

export function ntpPowerShell(host: string): string {
	return `w32tm /stripchart /computer:${psQuote(host)} /samples:3 /dataonly`;
}

export function ntpPosix(host: string): string[] {
	return [`sntp ${shQuote(host)}`, `ntpdate -q ${shQuote(host)}`];
}

/** "8088" or "8088-8092,8095" as Windows Firewall takes port lists. */
function firewallPorts(ports: readonly Span[]): string {
	return formatSpans(ports, ',');
}

/** The workstation's Windows Firewall rules that already cover a port (inbound, any action). */
export function firewallShowPowerShell(protocol: Protocol, ports: readonly Span[]): string {
	const first = ports[0]?.from ?? 0;
	return `Get-NetFirewallPortFilter -Protocol ${protocol.toUpperCase()} | Where-Object { $_.LocalPort -contains '${first}' } | Get-NetFirewallRule | Format-Table DisplayName, Enabled, Direction, Action`;
}

/** New-NetFirewallRule for one direction, limited to `remote` (LocalSubnet or the sites' subnets). */
export function firewallAddPowerShell(
	direction: 'Inbound' | 'Outbound',
	protocol: Protocol,
	ports: readonly Span[],
	name: string,
	remote: string
): string {
	const portParam = direction === 'Inbound' ? '-LocalPort' : '-RemotePort';
	const remoteArg = remote.startsWith('<') ? remote : psQuote(remote);
	const label = oneLine(
		`${name} (${protocol.toUpperCase()} ${firewallPorts(ports)} ${direction === 'Inbound' ? 'in' : 'out'})`
	);
	return `New-NetFirewallRule -DisplayName ${psString(label)} -Direction ${direction} -Protocol ${protocol.toUpperCase()} ${portParam} ${firewallPorts(ports)} -RemoteAddress ${remoteArg} -Action Allow`;
}

/** The data value a testing step hands to a command, if it has one. */
export function operandOf(step: Step): string | undefined {
	switch (step.kind) {
		case 'tcp':
		case 'ntp':
			return step.host;
		case 'http':
			return step.url;
		case 'dns':
			return step.name;
		default:
			return undefined;
	}
}

function usable(step: Step): boolean {
	const value = operandOf(step);
	const server = step.kind === 'dns' ? step.server : undefined;
	return (value === undefined || isOperand(value)) && (server === undefined || isOperand(server));
}

/** Placeholders such as "<a host under *.x.com>" are shown as they are: they must be replaced. */
export function stepCommands(step: Step): Commands {
	// A value that is not a usable operand (it starts with "-", or holds a control character)
	// never goes into a command: quoting cannot stop a program reading "-x" as an option.
	if (!usable(step)) return { powershell: [], posix: [] };
	switch (step.kind) {
		case 'tcp':
			return {
				powershell: [tcpPowerShell(step.host, step.port)],
				posix: [tcpPosix(step.host, step.port)]
			};
		case 'http':
			return { powershell: [httpPowerShell(step.url)], posix: [httpPosix(step.url)] };
		case 'dns':
			return {
				powershell: [dnsPowerShell(step.name, step.server)],
				posix: dnsPosix(step.name, step.server)
			};
		case 'ntp':
			return { powershell: [ntpPowerShell(step.host)], posix: ntpPosix(step.host) };
		case 'fill-in':
			if (step.test === 'tcp')
				return {
					powershell: [`Test-NetConnection -ComputerName ${step.placeholder} -Port ${step.port}`],
					posix: [`nc -vz -w 5 ${step.placeholder} ${step.port}`]
				};
			if (step.test === 'ntp')
				return {
					powershell: [`w32tm /stripchart /computer:${step.placeholder} /samples:3 /dataonly`],
					posix: [`sntp ${step.placeholder}`, `ntpdate -q ${step.placeholder}`]
				};
			return {
				powershell: [`Resolve-DnsName -Name ${step.placeholder}`],
				posix: [`dig +short ${step.placeholder}`, `getent hosts ${step.placeholder}`]
			};
		case 'firewall':
			return {
				powershell: [
					firewallShowPowerShell(step.protocol, step.ports),
					firewallAddPowerShell('Inbound', step.protocol, step.ports, step.name, step.remote),
					firewallAddPowerShell('Outbound', step.protocol, step.ports, step.name, step.remote)
				],
				posix: []
			};
		case 'udp':
		case 'ask':
		case 'info':
		case 'not-allowed':
			return { powershell: [], posix: [] };
	}
}
