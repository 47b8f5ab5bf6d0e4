/** Plain-language notes on hand-test steps: stand-ins, choices, ranges, UDP, placeholders. */
import { formatSpan, formatSpans } from '$lib/it/destinations/ports';
import { isOperand, oneLine } from '$lib/it/escape/text';
import { operandOf } from './commands';
import type { Step } from './steps';

/** The concrete address a step talks to, if any. */
export function addressOf(s: Step): string | undefined {
	if (s.kind === 'tcp' || s.kind === 'ntp' || s.kind === 'udp') return s.host;
	if (s.kind === 'dns') return s.server;
	return undefined;
}

/** Plain-language notes on the steps: stand-ins, choices, ranges, UDP, placeholders. */
export function stepNotes(steps: readonly Step[]): string[] {
	const notes: string[] = [];
	const add = (n: string) => {
		if (!notes.includes(n)) notes.push(n);
	};
	for (const s of steps) {
		const operand = operandOf(s);
		if (operand !== undefined && !isOperand(operand))
			add(`No command for "${oneLine(operand)}": it is not a usable host name or URL.`);
		const host = addressOf(s);
		if ('representativeOf' in s && s.representativeOf) {
			const stand = s.kind === 'dns' ? s.name : host;
			if (stand)
				add(`${stand} stands in for ${s.representativeOf} (a host the netready data probes).`);
		}
		if ('chosenBecause' in s && s.chosenBecause) add(s.chosenBecause);
		if ('fromProbe' in s && s.fromProbe && host)
			add(`${host} is the server netready's browser check probes for this rule.`);
		if ((s.kind === 'tcp' || s.kind === 'fill-in') && s.range)
			add(
				`Port ${s.range.from} is one sample from the range ${formatSpan(s.range)}; the rest of the range is used only during a real call.`
			);
		if (s.kind === 'fill-in') add(`${s.why} Replace ${s.placeholder} before running.`);
		if (s.kind === 'dns')
			add(
				'Resolving a vendor name through your usual resolver shows DNS works; any vendor name will do.'
			);
		if (s.kind === 'ask') add(`Ask the vendor: ${s.question}`);
		if (s.kind === 'firewall')
			add(
				`On each Windows workstation, allow ${s.protocol.toUpperCase()} ${formatSpans(s.ports)} in and out in Windows Firewall (the commands above, as administrator; remote addresses: ${s.remote}).`
			);
		if (s.kind === 'info') add(s.text);
		if (s.kind === 'not-allowed')
			add(`NOT ALLOWED — security risk, not tested: ${s.destination}. ${s.reason}`);
	}
	const udp = steps.flatMap((s) => (s.kind === 'udp' ? [s] : []));
	if (udp.length) {
		const ports = [...new Set(udp.map((s) => s.ports))].join('; ');
		const hosts = [...new Set(udp.flatMap((s) => (s.host ? [s.host] : [])))];
		add(
			`UDP ${ports}${hosts.length ? ` to ${hosts.join(', ')}` : ''} cannot be proven open from the command line: UDP has no handshake, so "nc -u" reports success whether or not anything arrives. The browser check tests STUN/TURN over UDP; media ports need a real call.`
		);
	}
	return notes;
}
