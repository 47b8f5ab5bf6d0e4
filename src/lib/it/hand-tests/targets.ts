/**
 * What a destination of the data lets IT test from inside the site, and only that: a host (the
 * document's, or one the data's probes show answering, with the ports it answers), a URL, a
 * placeholder IT fills in (an address block, a bare wildcard), a question for the vendor (a name
 * misspelt or withheld), or a network named in words only. And the words for destinations,
 * sources and ports in the instructions.
 */
import type { Destination, Product, Requirement } from '$lib/data/schema';
import { rangeToCidrs, toCidr } from '$lib/it/destinations/cidr';
import {
	defaultPort,
	hostPatternOf,
	isWildcard,
	parseUrl,
	probeHost,
	probeTcpPort,
	representativeHost
} from '$lib/it/destinations/hosts';
import { formatSpans, spansOf } from '$lib/it/destinations/ports';
import { destinationText, isRisky, typoFlags } from '$lib/it/destinations/risk';
import { placeholder } from '$lib/it/escape/text';
import type { ItCatalog } from '$lib/it/select/selection';
import type { Stand } from './steps';

/** What the hand-tests read of the catalog. */
export type PlanCatalog = Pick<ItCatalog, 'addressSetById' | 'products'>;

export type Target =
	| ({
			kind: 'host';
			host: string;
			urlPort?: number;
			/** when set, the only TCP ports this host is known to answer (a representative host) */
			tcpPorts?: number[];
	  } & Stand)
	| { kind: 'url'; url: string }
	| {
			kind: 'fill-in';
			placeholder: string;
			why: string;
			urlPort?: number;
			/** the address block the placeholder stands for, as the data writes it */
			block?: string;
	  }
	| { kind: 'ask'; question: string }
	| { kind: 'network'; name: string };

const MAX_DNS_NAMES = 3;

/** How IT finds the address a block stands for: the connections of a machine already using it. */
export function findAddressHint(block: string, vendor: string): string {
	return (
		`Find the address your clients actually use: on a machine where the application runs and is ` +
		`connected, list its connections (Windows: Get-NetTCPConnection -State Established | ` +
		`Format-Table RemoteAddress, RemotePort, OwningProcess; Linux/macOS: netstat -tn) and take ` +
		`the remote address inside ${block}, or ask ${vendor}. Then test that address.`
	);
}

function blockTarget(block: string, via: string | undefined, vendor: string): Target {
	const where = via ? `${block} (${via})` : block;
	return {
		kind: 'fill-in',
		block,
		placeholder: placeholder(`an address in ${block}`),
		why:
			`The data names the address block ${where}, not a server: nothing says which address in ` +
			`it answers, so a test of a sample address could fail on an open network. ` +
			findAddressHint(block, vendor)
	};
}

function addressTargets(
	d: Destination,
	catalog: PlanCatalog,
	vendor: string,
	seen: Set<string>,
	via?: string
): Target[] {
	switch (d.kind) {
		case 'ip':
			return [{ kind: 'host', host: d.value }];
		case 'cidr': {
			const cidr = toCidr(d.value);
			// A /32 or /128 is one address: the document names it.
			if (/\/(32|128)$/.test(cidr)) return [{ kind: 'host', host: cidr.split('/')[0] as string }];
			return [blockTarget(d.value, via, vendor)];
		}
		case 'ip-range':
			if (rangeToCidrs(d.from, d.to).length === 0) return [];
			return [blockTarget(`${d.from} - ${d.to}`, via, vendor)];
		case 'address-set': {
			if (seen.has(d.ref)) return [];
			const set = catalog.addressSetById(d.ref);
			if (!set)
				return [{ kind: 'network', name: `address set "${d.ref}" (not defined in the data)` }];
			const inner = new Set(seen).add(d.ref);
			return set.entries.flatMap((e) => addressTargets(e, catalog, vendor, inner, set.name));
		}
		case 'network':
			return [{ kind: 'network', name: d.value }];
		default:
			return [];
	}
}

/** A name the data says cannot be tested as written: misspelt (typo flag) or withheld. */
function askInstead(d: Destination, requirement: Requirement, vendor: string): Target | undefined {
	if (d.kind !== 'host' && d.kind !== 'url') return undefined;
	const typo = typoFlags(d, requirement)[0];
	const withheld = requirement.check.kind === 'manual' && requirement.check.reason === 'withheld';
	if (!typo && !withheld) return undefined;
	const tcp = formatSpans(spansOf(requirement.ports, 'tcp'));
	const why = typo
		? typo.text
		: (requirement.check.kind === 'manual' && requirement.check.detail) ||
			'netready does not contact it.';
	return {
		kind: 'ask',
		question:
			`${destinationText(d)} (${requirement.service}) is not tested: ${why} ` +
			(/\bask\b/i.test(why)
				? tcp
					? `Then test TCP ${tcp} to it.`
					: ''
				: `Ask ${vendor} for the exact name${tcp ? `, then test TCP ${tcp} to it` : ''}.`)
	};
}

export function targetsOf(
	d: Destination,
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog
): Target[] {
	const vendor = product?.vendor ?? 'the vendor';
	const ask = askInstead(d, requirement, vendor);
	if (ask) return [ask];
	if (d.kind === 'url') {
		const parsed = parseUrl(d.value);
		if (!parsed) return [{ kind: 'network', name: d.value }];
		if (!isWildcard(parsed.host) && (parsed.scheme === 'http' || parsed.scheme === 'https'))
			return [{ kind: 'url', url: d.value }];
		const urlPort = parsed.port ?? defaultPort(parsed.scheme);
		return hostTargets(parsed.host, requirement, product, catalog, urlPort);
	}
	const pattern = hostPatternOf(d);
	if (pattern !== undefined) return hostTargets(pattern, requirement, product, catalog);
	return addressTargets(d, catalog, vendor, new Set());
}

function hostTargets(
	pattern: string,
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog,
	urlPort?: number
): Target[] {
	const port = urlPort === undefined ? {} : { urlPort };
	if (!isWildcard(pattern)) {
		// A host the row probes only over UDP (a STUN server) is not known to take TCP at all.
		const own = rowProbes(requirement).filter((p) => probeHost(p.url) === pattern.toLowerCase());
		const udpOnly = own.length > 0 && own.every((p) => probeTcpPort(p) === undefined);
		return [{ kind: 'host', host: pattern, ...port, ...(udpOnly ? { tcpPorts: [] } : {}) }];
	}
	const rep = representativeHost(pattern, requirement, product, catalog.products);
	if (rep)
		return [
			{
				kind: 'host',
				host: rep.host,
				tcpPorts: rep.tcpPorts,
				representativeOf: pattern,
				...port
			}
		];
	return [wildcardFillIn(pattern, urlPort)];
}

function rowProbes(r: Requirement) {
	return r.check.kind === 'probe'
		? r.check.probes
		: r.check.kind === 'inferred'
			? r.check.from
			: [];
}

export function wildcardFillIn(
	pattern: string,
	urlPort?: number,
	tcpPort?: string
): Extract<Target, { kind: 'fill-in' }> {
	return {
		kind: 'fill-in',
		placeholder: placeholder(`a host under ${pattern}`),
		why:
			`The data names only the wildcard ${pattern}` +
			(tcpPort ? ` and no host under it known to serve TCP ${tcpPort}` : '') +
			': fill in a host under it that your users reach.',
		...(urlPort === undefined ? {} : { urlPort })
	};
}

export function stand(t: Stand): Stand {
	return {
		...(t.representativeOf ? { representativeOf: t.representativeOf } : {}),
		...(t.chosenBecause ? { chosenBecause: t.chosenBecause } : {}),
		...(t.fromProbe ? { fromProbe: true } : {})
	};
}

/** A destination for a sentence: address sets are named and listed. */
export function describeDestination(d: Destination, catalog: PlanCatalog): string {
	if (d.kind !== 'address-set') return destinationText(d);
	const set = catalog.addressSetById(d.ref);
	if (!set) return `address set "${d.ref}" (not defined in the data)`;
	return `${set.name} (${set.entries.map(destinationText).join(', ')})`;
}

export function sourcesText(requirement: Requirement, catalog: PlanCatalog): string {
	const sources = requirement.sources ?? [];
	return sources.length
		? sources.map((d) => describeDestination(d, catalog)).join(', ')
		: 'the sources the vendor names';
}

export function portsText(requirement: Requirement): string {
	const parts = (['tcp', 'udp'] as const)
		.map((p) => [p, formatSpans(spansOf(requirement.ports, p))] as const)
		.filter(([, s]) => s)
		.map(([p, s]) => `${p.toUpperCase()} ${s}`);
	return parts.length ? parts.join(' and ') : `"${requirement.portsText ?? ''}" (no ports given)`;
}

export function destinationsText(requirement: Requirement, catalog: PlanCatalog): string {
	return requirement.destinations.length
		? requirement.destinations.map((d) => describeDestination(d, catalog)).join(', ')
		: 'the hosts the vendor names';
}

/** Exact host names of a product that a resolver check can use (data only, risky ones left out). */
export function resolvableNames(product: Product | undefined, catalog: PlanCatalog): string[] {
	const names: string[] = [];
	for (const r of product?.requirements ?? []) {
		if (r.direction !== 'outbound') continue;
		for (const d of r.destinations) {
			if (isRisky(d, r, product)) continue;
			for (const t of targetsOf(d, r, product, catalog)) {
				const host =
					t.kind === 'host' ? t.host : t.kind === 'url' ? parseUrl(t.url)?.host : undefined;
				if (host && isName(host) && !names.includes(host)) names.push(host);
			}
		}
	}
	return names.slice(0, MAX_DNS_NAMES);
}

export function isName(host: string): boolean {
	return /[a-z]/i.test(host) && !host.includes(':');
}
