/**
 * The concrete things a destination of the data lets IT test from inside the site: a host (with
 * the wildcard or block it stands for), a URL, a placeholder IT fills in, or a network named in
 * words only. And the words for destinations, sources and ports in the instructions.
 */
import type { Destination, Product, Requirement } from '$lib/data/schema';
import { rangeToCidrs, sampleAddress, toCidr } from '$lib/it/destinations/cidr';
import {
	defaultPort,
	hostPatternOf,
	isWildcard,
	parseUrl,
	representativeHost
} from '$lib/it/destinations/hosts';
import { formatSpans, spansOf } from '$lib/it/destinations/ports';
import { destinationText, isRisky } from '$lib/it/destinations/risk';
import type { ItCatalog } from '$lib/it/select/selection';
import type { Stand } from './steps';

/** What the hand-tests read of the catalog. */
export type PlanCatalog = Pick<ItCatalog, 'addressSetById' | 'products'>;

export type Target =
	| ({ kind: 'host'; host: string; urlPort?: number } & Stand)
	| { kind: 'url'; url: string }
	| { kind: 'fill-in'; placeholder: string; why: string; urlPort?: number }
	| { kind: 'network'; name: string };

const MAX_DNS_NAMES = 3;

function addressTargets(
	d: Destination,
	catalog: PlanCatalog,
	seen: Set<string>,
	via?: string
): Target[] {
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
			const set = catalog.addressSetById(d.ref);
			if (!set)
				return [{ kind: 'network', name: `address set "${d.ref}" (not defined in the data)` }];
			const inner = new Set(seen).add(d.ref);
			return set.entries.flatMap((e) => addressTargets(e, catalog, inner, set.name));
		}
		case 'network':
			return [{ kind: 'network', name: d.value }];
		default:
			return [];
	}
}

export function targetsOf(
	d: Destination,
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog
): Target[] {
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
	return addressTargets(d, catalog, new Set());
}

function hostTargets(
	pattern: string,
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog,
	urlPort?: number
): Target[] {
	const port = urlPort === undefined ? {} : { urlPort };
	if (!isWildcard(pattern)) return [{ kind: 'host', host: pattern, ...port }];
	const rep = representativeHost(pattern, requirement, product, catalog.products);
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

export function stand(t: Stand): Stand {
	return {
		...(t.sampleOf ? { sampleOf: t.sampleOf } : {}),
		...(t.representativeOf ? { representativeOf: t.representativeOf } : {})
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
