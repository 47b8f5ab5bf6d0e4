/**
 * What IT can check from a machine on the site's network for one requirement: connect to a TCP
 * port, fetch a URL, resolve a name, query NTP. UDP cannot be proven this way, inbound and LAN
 * rules cannot be tested from inside at all: those become notes and instructions. commands.ts and
 * the scripts turn these steps into commands.
 */
import type { Product, Requirement } from '$lib/data/schema';
import { formatSpans, spansOf } from '$lib/it/destinations/ports';
import { destinationText, isRisky, riskFlags } from '$lib/it/destinations/risk';
import {
	destinationsText,
	isName,
	portsText,
	resolvableNames,
	sourcesText,
	stand,
	targetsOf,
	type PlanCatalog,
	type Target
} from './targets';
import type { Stand, Step } from './steps';

export interface PlanOptions {
	includeRisky?: boolean;
}

/** Text that ends as a sentence, whatever the data's punctuation. */
function sentence(text: string): string {
	const t = text.trim();
	return /[.!?]$/.test(t) ? t : `${t}.`;
}

function dedupe(steps: Step[]): Step[] {
	const seen = new Set<string>();
	return steps.filter((s) => {
		const key = JSON.stringify(s);
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}

/** The checks for one requirement; `product` lets wildcards borrow a host from the product's probes. */
export function planRequirement(
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog,
	options: PlanOptions = {}
): Step[] {
	const steps: Step[] = [];
	if (requirement.check.kind === 'manual' && requirement.check.reason === 'not-a-flow') {
		const detail = sentence(requirement.check.detail ?? requirement.purpose);
		steps.push({
			kind: 'info',
			text: `A setting, not a connection — ${requirement.service}: ${detail} Check it in the network, proxy or device configuration; there is nothing to connect to from here.`
		});
		return steps;
	}
	if (requirement.direction !== 'outbound') {
		const risks = requirement.destinations.flatMap((d) => riskFlags(d, requirement, product));
		const rule = `${requirement.direction} ${portsText(requirement)} from ${sourcesText(requirement, catalog)} to ${destinationsText(requirement, catalog)}`;
		if (risks.length && !options.includeRisky) {
			const reason = [...new Set(risks.map((f) => f.text))].join(' ');
			steps.push({ kind: 'not-allowed', destination: rule, reason });
			return steps;
		}
		steps.push({
			kind: 'info',
			text:
				requirement.direction === 'inbound'
					? `Inbound rule: allow ${portsText(requirement)} from ${sourcesText(requirement, catalog)} ` +
						`to ${destinationsText(requirement, catalog)}. These connections come towards your site, so a ` +
						`test from inside proves nothing: check the rule on your firewall, or ask the vendor ` +
						`to connect from the source network.`
					: `Local network rule: allow ${portsText(requirement)} from ${sourcesText(requirement, catalog)} ` +
						`to ${destinationsText(requirement, catalog)}, in and out, on the workstations' own firewalls ` +
						`and between sites. Test it with the application running on two machines; one machine alone cannot.`
		});
		return steps;
	}

	const manualReason = requirement.check.kind === 'manual' ? requirement.check.reason : undefined;
	const isDns = requirement.application === 'dns' || manualReason === 'dns';
	const isNtp = requirement.application === 'ntp' || manualReason === 'ntp';

	const targets: Target[] = [];
	for (const d of requirement.destinations) {
		if (!options.includeRisky && isRisky(d, requirement, product)) {
			const why = riskFlags(d, requirement, product)
				.map((f) => f.text)
				.join(' ');
			steps.push({ kind: 'not-allowed', destination: destinationText(d), reason: why });
			continue;
		}
		targets.push(...targetsOf(d, requirement, product, catalog));
	}
	if (requirement.destinations.length === 0) {
		targets.push({
			kind: 'fill-in',
			placeholder: isNtp ? '<your NTP server>' : isDns ? '<your DNS resolver>' : '<destination>',
			why: 'The vendor gives no destination for this rule.'
		});
	}

	const tcp = spansOf(requirement.ports, 'tcp');
	const udp = spansOf(requirement.ports, 'udp');

	if (isDns) {
		// Names in a DNS rule are what must resolve; addresses are the resolvers to ask.
		const servers = targets.flatMap((t) => (t.kind === 'host' && !isName(t.host) ? [t] : []));
		const named = targets.flatMap((t) => (t.kind === 'host' && isName(t.host) ? [t] : []));
		for (const t of targets) {
			if (t.kind === 'network')
				steps.push({ kind: 'info', text: `The resolver is named in words only: ${t.name}.` });
			if (t.kind === 'fill-in' && requirement.destinations.length > 0)
				steps.push({ kind: 'fill-in', test: 'dns', placeholder: t.placeholder, why: t.why });
		}
		const hasOwnNames =
			named.length > 0 ||
			targets.some((t) => t.kind === 'fill-in' && requirement.destinations.length > 0);
		const names: (Stand & { name: string })[] = hasOwnNames
			? named.map((t) => ({ name: t.host, ...stand(t) }))
			: resolvableNames(product, catalog).map((name) => ({ name }));
		for (const n of names) {
			if (servers.length === 0) steps.push({ kind: 'dns', ...n });
			for (const server of servers) steps.push({ kind: 'dns', ...n, server: server.host });
		}
		if (names.length === 0 && !hasOwnNames)
			steps.push({
				kind: 'fill-in',
				test: 'dns',
				placeholder: '<a vendor host name>',
				why: 'The data gives no exact host name to resolve.'
			});
		return dedupe(steps);
	}

	let portless = false;
	for (const t of targets) {
		if (t.kind === 'network') {
			steps.push({
				kind: 'info',
				text: `The vendor names a network, not an address: ${t.name}. Test against an address you use within it.`
			});
			continue;
		}
		if (t.kind === 'url') {
			steps.push({ kind: 'http', url: t.url });
			continue;
		}
		const fromUrl = t.urlPort !== undefined && udp.length === 0;
		const tcpSpans = tcp.length ? tcp : fromUrl ? [{ from: t.urlPort!, to: t.urlPort! }] : [];
		if (tcpSpans.length === 0 && udp.length === 0) portless = true;
		for (const span of tcpSpans) {
			const port = span.from;
			const range = span.from === span.to ? {} : { range: span };
			if (t.kind === 'fill-in')
				steps.push({
					kind: 'fill-in',
					test: 'tcp',
					placeholder: t.placeholder,
					port,
					...range,
					why: t.why
				});
			else steps.push({ kind: 'tcp', host: t.host, port, ...range, ...stand(t) });
		}
		// NTP itself runs over UDP 123: query it even where the source writes TCP only.
		if (isNtp && udp.length === 0 && t.kind === 'host')
			steps.push({ kind: 'ntp', host: t.host, ...stand(t) });
		if (udp.length === 0) continue;
		if (isNtp) {
			if (t.kind === 'fill-in')
				steps.push({ kind: 'fill-in', test: 'ntp', placeholder: t.placeholder, why: t.why });
			else steps.push({ kind: 'ntp', host: t.host, ...stand(t) });
			continue;
		}
		const ports = formatSpans(udp);
		if (t.kind === 'fill-in') steps.push({ kind: 'udp', ports });
		else steps.push({ kind: 'udp', host: t.host, ports, ...stand(t) });
	}
	if (portless) {
		const nothing =
			requirement.destinations.length === 0 ? 'neither a destination nor ports' : 'no ports';
		steps.push({
			kind: 'info',
			text: `The vendor gives ${nothing} for this rule (ports cell: "${requirement.portsText ?? ''}"): nothing to test until the vendor says which.`
		});
	}
	return dedupe(steps);
}
