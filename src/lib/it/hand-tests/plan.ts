/**
 * What IT can check from a machine on the site's network for one requirement: connect to a TCP
 * port, fetch a URL, resolve a name, query NTP. Only what the data says answers that way is
 * tested (see steps.ts); everything else becomes a placeholder to fill in, a question for the
 * vendor or an instruction. UDP cannot be proven this way, inbound and LAN rules cannot be tested
 * from inside at all (site-rules.ts). commands.ts and the scripts turn the steps into commands.
 */
import type { HandTest, Product, Requirement } from '$lib/data/schema';
import { probeHost, probeTcpPort } from '$lib/it/destinations/hosts';
import { formatSpan, formatSpans, spansOf, type Span } from '$lib/it/destinations/ports';
import { blockingRisks, destinationText, isRisky } from '$lib/it/destinations/risk';
import { siteRuleSteps } from './site-rules';
import {
	isName,
	resolvableNames,
	stand,
	targetsOf,
	wildcardFillIn,
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

function chosenSteps(tests: readonly HandTest[]): Step[] {
	return tests.map((t): Step =>
		t.kind === 'tcp'
			? { kind: 'tcp', host: t.host, port: t.port, chosenBecause: t.note }
			: { kind: 'http', url: t.url, chosenBecause: t.note }
	);
}

function dnsSteps(
	targets: readonly Target[],
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog
): Step[] {
	const steps: Step[] = [];
	// Names in a DNS rule are what must resolve; addresses are the resolvers to ask.
	const servers = targets.flatMap((t) => (t.kind === 'host' && !isName(t.host) ? [t] : []));
	const named = targets.flatMap((t) => (t.kind === 'host' && isName(t.host) ? [t] : []));
	const given = requirement.destinations.length > 0;
	for (const t of targets) {
		if (t.kind === 'network')
			steps.push({ kind: 'info', text: `The resolver is named in words only: ${t.name}.` });
		if (t.kind === 'fill-in' && given)
			steps.push({ kind: 'fill-in', test: 'dns', placeholder: t.placeholder, why: t.why });
		if (t.kind === 'ask') steps.push({ kind: 'ask', question: t.question });
	}
	const hasOwnNames = named.length > 0 || targets.some((t) => t.kind === 'fill-in' && given);
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
	return steps;
}

/** The TCP steps for one host target: a representative host only on the ports it is known to answer. */
function tcpSteps(t: Extract<Target, { kind: 'host' }>, spans: readonly Span[]): Step[] {
	return spans.map((span): Step => {
		const known = t.tcpPorts?.find((p) => span.from <= p && p <= span.to);
		const port = t.tcpPorts ? known : span.from;
		const range = span.from === span.to ? {} : { range: span };
		if (port !== undefined) return { kind: 'tcp', host: t.host, port, ...range, ...stand(t) };
		if (!t.representativeOf)
			return {
				kind: 'info',
				text:
					`TCP ${formatSpan(span)} to ${t.host} is not tested by hand: netready's browser probes ` +
					`reach ${t.host} ${t.tcpPorts?.length ? `on TCP ${t.tcpPorts.join(', ')} only` : 'over UDP only'}, ` +
					`so nothing in the data says it answers TCP ${formatSpan(span)}.`
			};
		const fill = wildcardFillIn(t.representativeOf, undefined, formatSpan(span));
		return {
			kind: 'fill-in',
			test: 'tcp',
			placeholder: fill.placeholder,
			why: fill.why,
			port: span.from,
			...range
		};
	});
}

/** The checks for one requirement; `product` lets wildcards borrow a host from the product's probes. */
export function planRequirement(
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog,
	options: PlanOptions = {}
): Step[] {
	const check = requirement.check;
	if (check.kind === 'manual' && check.reason === 'not-a-flow') {
		const detail = sentence(check.detail ?? requirement.description);
		return [
			{
				kind: 'info',
				text: `A setting, not a connection — ${requirement.service}: ${detail} Check it in the network, proxy or device configuration; there is nothing to connect to from here.`
			}
		];
	}
	if (requirement.direction !== 'outbound')
		return siteRuleSteps(requirement, product, catalog, options);
	if (check.kind === 'manual' && check.testWith) return chosenSteps(check.testWith);

	const steps: Step[] = [];
	const isDns =
		requirement.application === 'dns' || (check.kind === 'manual' && check.reason === 'dns');
	const isNtp =
		requirement.application === 'ntp' || (check.kind === 'manual' && check.reason === 'ntp');
	const vendor = product?.vendor ?? 'the vendor';

	const targets: Target[] = [];
	for (const d of requirement.destinations) {
		if (!options.includeRisky && isRisky(d, requirement, product)) {
			const why = blockingRisks(d, requirement, product)
				.map((f) => f.text)
				.join(' ');
			steps.push({ kind: 'not-allowed', destination: destinationText(d), reason: why });
			continue;
		}
		targets.push(...targetsOf(d, requirement, product, catalog));
	}
	if (requirement.destinations.length === 0)
		targets.push({
			kind: 'fill-in',
			placeholder: isNtp ? '<your NTP server>' : isDns ? '<your DNS resolver>' : '<destination>',
			why: 'The vendor gives no destination for this rule.'
		});

	if (isDns) return dedupe([...steps, ...dnsSteps(targets, requirement, product, catalog)]);

	const tcp = spansOf(requirement.ports, 'tcp');
	const udp = spansOf(requirement.ports, 'udp');
	// NTP servers answer on UDP 123 only: a TCP test would fail on every network.
	if (isNtp && tcp.length)
		steps.push({
			kind: 'ask',
			question:
				`${requirement.service}: the document asks for TCP ${formatSpans(tcp)} for NTP, but NTP ` +
				`servers answer on UDP 123 only, so nothing answers a TCP test. Ask ${vendor} whether ` +
				`TCP ${formatSpans(tcp)} is needed at all; the NTP query tests UDP 123.`
		});

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
		if (t.kind === 'ask') {
			steps.push({ kind: 'ask', question: t.question });
			continue;
		}
		const fromUrl = t.urlPort !== undefined && udp.length === 0;
		const tcpSpans: Span[] = tcp.length
			? tcp
			: fromUrl
				? [{ from: t.urlPort!, to: t.urlPort! }]
				: [];
		if (tcpSpans.length === 0 && udp.length === 0) portless = true;
		if (isNtp) {
			if (t.kind === 'fill-in')
				steps.push({ kind: 'fill-in', test: 'ntp', placeholder: t.placeholder, why: t.why });
			else steps.push({ kind: 'ntp', host: t.host, ...stand(t) });
			continue;
		}
		if (t.kind === 'fill-in')
			for (const span of tcpSpans)
				steps.push({
					kind: 'fill-in',
					test: 'tcp',
					placeholder: t.placeholder,
					port: span.from,
					...(span.from === span.to ? {} : { range: span }),
					why: t.why
				});
		else steps.push(...tcpSteps(t, tcpSpans));
		if (udp.length === 0) continue;
		const ports = formatSpans(udp);
		if (t.kind === 'fill-in')
			steps.push({ kind: 'udp', ports, ...(t.block ? { host: t.block } : {}) });
		else steps.push({ kind: 'udp', host: t.host, ports, ...stand(t) });
	}
	// The row's own TCP probes, as the same test from the command line (e.g. from a device VLAN):
	// their servers answer there, whatever the destination cells say.
	if (check.kind === 'probe')
		for (const p of check.probes) {
			const host = probeHost(p.url);
			const port = probeTcpPort(p);
			if (!host || port === undefined) continue;
			const covered = steps.some(
				(s) =>
					(s.kind === 'tcp' && s.host === host && s.port === port) ||
					(s.kind === 'http' && probeHost(s.url) === host)
			);
			if (covered) continue;
			steps.push({ kind: 'tcp', host, port, fromProbe: true });
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
