/**
 * What IT can check from a machine on the site's network for one requirement, independent of
 * the shell: connect to a TCP port, fetch a URL, resolve a name, query NTP. UDP cannot be proven
 * this way, inbound and LAN rules cannot be tested from inside at all: those become notes and
 * instructions. The renderers (manual.ts, scripts.ts) turn these steps into commands.
 */
import type { Destination, Product, Requirement } from '../data/schema';
import { rangeToCidrs, sampleAddress, toCidr } from './cidr';
import { addressSetById, type ItData } from './context';
import { defaultPort, hostPatternOf, isWildcard, parseUrl, representativeHost } from './hosts';
import { formatSpan, formatSpans, spansOf, type Span } from './ports';
import { destinationText, isRisky, riskFlags } from './risk';

/** Why a concrete address stands where the data names something wider. */
export interface Stand {
	/** the CIDR, range or set entry this sample address comes from */
	sampleOf?: string;
	/** the wildcard this host stands in for */
	representativeOf?: string;
}

export type Step =
	| ({ kind: 'tcp'; host: string; port: number; range?: Span } & Stand)
	| ({ kind: 'http'; url: string } & Stand)
	/** resolve `name`, through `server` when the rule names the resolver */
	| ({ kind: 'dns'; name: string; server?: string } & Stand)
	| ({ kind: 'ntp'; host: string } & Stand)
	/** UDP: listed, never claimed as tested */
	| ({ kind: 'udp'; host?: string; ports: string } & Stand)
	/** a test IT must complete: the data gives no concrete host */
	| {
			kind: 'fill-in';
			test: 'tcp' | 'ntp' | 'dns';
			placeholder: string;
			port?: number;
			range?: Span;
			why: string;
	  }
	| { kind: 'info'; text: string }
	/** a destination flagged as a security risk: listed, never tested unless asked */
	| { kind: 'not-allowed'; destination: string; reason: string };

type Target =
	| ({ kind: 'host'; host: string; urlPort?: number } & Stand)
	| { kind: 'url'; url: string }
	| { kind: 'fill-in'; placeholder: string; why: string; urlPort?: number }
	| { kind: 'network'; name: string };

export interface PlanOptions {
	includeRisky?: boolean;
}

const MAX_DNS_NAMES = 3;

function addressTargets(d: Destination, data: ItData, seen: Set<string>, via?: string): Target[] {
	const label = (text: string) => (via ? `${text} (${via})` : text);
	switch (d.kind) {
		case 'ip':
			return [{ kind: 'host', host: d.value, ...(via ? { sampleOf: label(d.value) } : {}) }];
		case 'cidr': {
			const cidr = toCidr(d.value);
			const host = sampleAddress(cidr);
			return [{ kind: 'host', host, sampleOf: label(d.value) }];
		}
		case 'ip-range': {
			const first = rangeToCidrs(d.from, d.to)[0];
			if (!first) return [];
			return [{ kind: 'host', host: sampleAddress(first), sampleOf: label(`${d.from} - ${d.to}`) }];
		}
		case 'address-set': {
			if (seen.has(d.ref)) return [];
			const set = addressSetById(data, d.ref);
			if (!set)
				return [{ kind: 'network', name: `address set "${d.ref}" (not defined in the data)` }];
			const inner = new Set(seen).add(d.ref);
			return set.entries.flatMap((e) => addressTargets(e, data, inner, set.name));
		}
		case 'network':
			return [{ kind: 'network', name: d.value }];
		default:
			return [];
	}
}

function targetsOf(
	d: Destination,
	requirement: Requirement,
	product: Product | undefined,
	data: ItData
): Target[] {
	if (d.kind === 'url') {
		const parsed = parseUrl(d.value);
		if (!parsed) return [{ kind: 'network', name: d.value }];
		if (!isWildcard(parsed.host) && (parsed.scheme === 'http' || parsed.scheme === 'https'))
			return [{ kind: 'url', url: d.value }];
		const urlPort = parsed.port ?? defaultPort(parsed.scheme);
		return hostTargets(parsed.host, requirement, product, data, urlPort);
	}
	const pattern = hostPatternOf(d);
	if (pattern !== undefined) return hostTargets(pattern, requirement, product, data);
	return addressTargets(d, data, new Set());
}

function hostTargets(
	pattern: string,
	requirement: Requirement,
	product: Product | undefined,
	data: ItData,
	urlPort?: number
): Target[] {
	const port = urlPort === undefined ? {} : { urlPort };
	if (!isWildcard(pattern)) return [{ kind: 'host', host: pattern, ...port }];
	const rep = representativeHost(pattern, requirement, product, data.products);
	if (rep) return [{ kind: 'host', host: rep, representativeOf: pattern, ...port }];
	return [
		{
			kind: 'fill-in',
			placeholder: `<a host under ${pattern}>`,
			why: `The data names only the wildcard ${pattern}: fill in a host under it that your users reach.`,
			...port
		}
	];
}

function stand(t: Stand): Stand {
	return {
		...(t.sampleOf ? { sampleOf: t.sampleOf } : {}),
		...(t.representativeOf ? { representativeOf: t.representativeOf } : {})
	};
}

/** Text that ends as a sentence, whatever the data's punctuation. */
function sentence(text: string): string {
	const t = text.trim();
	return /[.!?]$/.test(t) ? t : `${t}.`;
}

/** A destination for a sentence: address sets are named and listed. */
export function describeDestination(d: Destination, data: ItData): string {
	if (d.kind !== 'address-set') return destinationText(d);
	const set = addressSetById(data, d.ref);
	if (!set) return `address set "${d.ref}" (not defined in the data)`;
	return `${set.name} (${set.entries.map(destinationText).join(', ')})`;
}

function sourcesText(requirement: Requirement, data: ItData): string {
	const sources = requirement.sources ?? [];
	return sources.length
		? sources.map((d) => describeDestination(d, data)).join(', ')
		: 'the sources the vendor names';
}

function portsText(requirement: Requirement): string {
	const parts = (['tcp', 'udp'] as const)
		.map((p) => [p, formatSpans(spansOf(requirement.ports, p))] as const)
		.filter(([, s]) => s)
		.map(([p, s]) => `${p.toUpperCase()} ${s}`);
	return parts.length ? parts.join(' and ') : `"${requirement.portsText ?? ''}" (no ports given)`;
}

function destinationsText(requirement: Requirement, data: ItData): string {
	return requirement.destinations.length
		? requirement.destinations.map((d) => describeDestination(d, data)).join(', ')
		: 'the hosts the vendor names';
}

/** Exact host names of a product that a resolver check can use (data only, risky ones left out). */
function resolvableNames(product: Product | undefined, data: ItData): string[] {
	const names: string[] = [];
	for (const r of product?.requirements ?? []) {
		if (r.direction !== 'outbound') continue;
		for (const d of r.destinations) {
			if (isRisky(d, r, product)) continue;
			for (const t of targetsOf(d, r, product, data)) {
				const host =
					t.kind === 'host' ? t.host : t.kind === 'url' ? parseUrl(t.url)?.host : undefined;
				if (host && isName(host) && !names.includes(host)) names.push(host);
			}
		}
	}
	return names.slice(0, MAX_DNS_NAMES);
}

function isName(host: string): boolean {
	return /[a-z]/i.test(host) && !host.includes(':');
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
	data: ItData,
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
		const rule = `${requirement.direction} ${portsText(requirement)} from ${sourcesText(requirement, data)} to ${destinationsText(requirement, data)}`;
		if (risks.length && !options.includeRisky) {
			const reason = [...new Set(risks.map((f) => f.text))].join(' ');
			steps.push({ kind: 'not-allowed', destination: rule, reason });
			return steps;
		}
		steps.push({
			kind: 'info',
			text:
				requirement.direction === 'inbound'
					? `Inbound rule: allow ${portsText(requirement)} from ${sourcesText(requirement, data)} ` +
						`to ${destinationsText(requirement, data)}. These connections come towards your site, so a ` +
						`test from inside proves nothing: check the rule on your firewall, or ask the vendor ` +
						`to connect from the source network.`
					: `Local network rule: allow ${portsText(requirement)} from ${sourcesText(requirement, data)} ` +
						`to ${destinationsText(requirement, data)}, in and out, on the workstations' own firewalls ` +
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
		targets.push(...targetsOf(d, requirement, product, data));
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
			: resolvableNames(product, data).map((name) => ({ name }));
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

/** The concrete address a step talks to, if any. */
export function addressOf(s: Step): string | undefined {
	if (s.kind === 'tcp' || s.kind === 'ntp' || s.kind === 'udp') return s.host;
	if (s.kind === 'dns') return s.server;
	return undefined;
}

/** Plain-language notes on the steps: samples, stand-ins, ranges, UDP, placeholders. */
export function stepNotes(steps: readonly Step[]): string[] {
	const notes: string[] = [];
	const add = (n: string) => {
		if (!notes.includes(n)) notes.push(n);
	};
	for (const s of steps) {
		const host = addressOf(s);
		if ('sampleOf' in s && s.sampleOf) {
			if (host)
				add(
					`${host} is one sample address from ${s.sampleOf}: a failure can also mean no server listens at that address.`
				);
		}
		if ('representativeOf' in s && s.representativeOf) {
			const stand = s.kind === 'dns' ? s.name : host;
			if (stand)
				add(`${stand} stands in for ${s.representativeOf} (a host the netready data probes).`);
		}
		if ((s.kind === 'tcp' || s.kind === 'fill-in') && s.range)
			add(
				`Port ${s.range.from} is one sample from the range ${formatSpan(s.range)}; the rest of the range is used only during a real call.`
			);
		if (s.kind === 'fill-in') add(`${s.why} Replace ${s.placeholder} before running.`);
		if (s.kind === 'dns')
			add(
				'Resolving a vendor name through your usual resolver shows DNS works; any vendor name will do.'
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
