/**
 * Which names and ports the lab must answer, derived from the probe targets in data/*.json, so that
 * the lab follows the data instead of a hand-kept host list.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFile, ProbeKind, ProbeTarget } from '../../src/lib/data/schema';
import { ADDR, ALWAYS_RESOLVED_VENDOR_NAMES, ICE_HOSTS, LAB_NAMES, WEB_HOSTS } from './plan';

export type LabTransport = 'udp' | 'tcp' | 'tls';

export interface ParsedProbeUrl {
	kind: ProbeKind;
	host: string;
	port: number;
	transport: LabTransport;
}

export interface LabTarget extends ParsedProbeUrl {
	url: string;
	/** products whose requirements name this url, for choosing per-vendor DNS failures */
	productIds: string[];
	requirementIds: string[];
}

/**
 * Parses the probe url forms the schema allows. Throws with the url in the message for anything
 * else, so a data typo shows up as a lab error naming the url rather than as a silent skip.
 */
export function parseProbeUrl(url: string): ParsedProbeUrl {
	const ice =
		/^(stuns?|turns?):(\[[0-9a-f:.]+\]|[^:?/]+)(?::(\d+))?(?:\?transport=(udp|tcp))?$/i.exec(url);
	if (ice) {
		const scheme = ice[1]!.toLowerCase();
		const host = ice[2]!.replace(/^\[|\]$/g, '').toLowerCase();
		const secure = scheme === 'turns' || scheme === 'stuns';
		// RFC 7064/7065 default ports: 3478 plain, 5349 over TLS
		const port = ice[3] ? Number(ice[3]) : secure ? 5349 : 3478;
		const requested = ice[4]?.toLowerCase() as 'udp' | 'tcp' | undefined;
		const transport: LabTransport = secure ? 'tls' : (requested ?? 'udp');
		const kind: ProbeKind = scheme.startsWith('stun') ? 'stun' : 'turn';
		return { kind, host, port, transport };
	}
	let parsed: URL;
	try {
		parsed = new URL(url);
	} catch {
		throw new Error(`lab: cannot parse probe url "${url}"`);
	}
	const scheme = parsed.protocol.replace(/:$/, '');
	if (scheme !== 'https' && scheme !== 'wss') {
		throw new Error(`lab: unsupported probe url scheme in "${url}"`);
	}
	return {
		kind: scheme,
		host: parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase(),
		port: parsed.port ? Number(parsed.port) : 443,
		transport: 'tls'
	};
}

function probeTargetsOf(
	check: DataFile['products'][number]['requirements'][number]['check']
): ProbeTarget[] {
	if (check.kind === 'probe') return check.probes;
	if (check.kind === 'inferred') return check.from;
	return [];
}

/** Every distinct probe url in the data, with the products and requirements that use it. */
export function labTargets(files: readonly DataFile[]): LabTarget[] {
	const byUrl = new Map<string, LabTarget>();
	for (const file of files) {
		for (const product of file.products) {
			for (const requirement of product.requirements) {
				for (const target of probeTargetsOf(requirement.check)) {
					let entry = byUrl.get(target.url);
					if (!entry) {
						entry = {
							url: target.url,
							...parseProbeUrl(target.url),
							productIds: [],
							requirementIds: []
						};
						byUrl.set(target.url, entry);
					}
					if (!entry.productIds.includes(product.id)) entry.productIds.push(product.id);
					if (!entry.requirementIds.includes(requirement.id))
						entry.requirementIds.push(requirement.id);
				}
			}
		}
	}
	return [...byUrl.values()].sort((a, b) => a.url.localeCompare(b.url));
}

/** Reads every data/*.json except meta.json. Files that are not yet valid JSON are reported, not skipped. */
export function readDataFiles(dataDir: string): DataFile[] {
	return readdirSync(dataDir)
		.filter((name) => name.endsWith('.json') && name !== 'meta.json')
		.sort()
		.map((name) => {
			const text = readFileSync(join(dataDir, name), 'utf8');
			try {
				return JSON.parse(text) as DataFile;
			} catch (error) {
				throw new Error(`lab: data/${name} is not valid JSON: ${(error as Error).message}`, {
					cause: error
				});
			}
		});
}

export function isIpLiteral(host: string): boolean {
	return /^\d{1,3}(?:\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/** True when `host` is `suffix` or a sub-domain of it. */
export function hostInDomain(host: string, suffix: string): boolean {
	const s = suffix.toLowerCase().replace(/^\*?\./, '');
	return host === s || host.endsWith(`.${s}`);
}

export interface AddressPlan {
	/** STUN/TURN name -> its coturn address */
	ice: Map<string, string>;
	/** HTTPS/WSS name -> its web server address */
	web: Map<string, string>;
	/** names used both for STUN/TURN and for HTTPS/WSS: they are served by coturn */
	conflicts: string[];
	/** probe urls whose host is an IP literal: the lab cannot answer these (see docs/lab.md) */
	ipLiterals: string[];
}

function nthAddress(range: { network: string }, n: number): string {
	if (n < 1 || n > 254) throw new Error(`lab: more than 254 host names for ${range.network}`);
	return range.network.replace(/\.0$/, `.${n}`);
}

/**
 * Where every name lives, the same for every profile: the lab's own names on the server's two
 * base addresses, every vendor name on an address of its own (sorted by name, so stable).
 */
export function addressPlan(targets: readonly LabTarget[]): AddressPlan {
	const iceHosts = new Set<string>([
		ALWAYS_RESOLVED_VENDOR_NAMES.stun,
		ALWAYS_RESOLVED_VENDOR_NAMES.turn
	]);
	const webHosts = new Set<string>();
	const ipLiterals: string[] = [];
	for (const t of targets) {
		if (isIpLiteral(t.host)) {
			ipLiterals.push(t.url);
			continue;
		}
		(t.kind === 'stun' || t.kind === 'turn' ? iceHosts : webHosts).add(t.host);
	}
	const conflicts = [...webHosts].filter((h) => iceHosts.has(h)).sort();
	for (const host of conflicts) webHosts.delete(host);
	const ice = new Map<string, string>([[LAB_NAMES.turn, ADDR.turn]]);
	[...iceHosts].sort().forEach((host, i) => ice.set(host, nthAddress(ICE_HOSTS, i + 1)));
	const web = new Map<string, string>([[LAB_NAMES.web, ADDR.web]]);
	[...webHosts].sort().forEach((host, i) => web.set(host, nthAddress(WEB_HOSTS, i + 1)));
	return { ice, web, conflicts, ipLiterals };
}

export interface DnsPlan extends AddressPlan {
	/** name -> lab address, for every name that resolves in this profile */
	records: Map<string, string>;
	/** names the profile deliberately leaves unresolved */
	nxdomain: string[];
}

/**
 * Name -> address for one profile: the address plan minus the names inside a `nxdomainDomains`
 * entry. The resolver answers NXDOMAIN for every name it has no record for.
 */
export function dnsPlan(
	targets: readonly LabTarget[],
	nxdomainDomains: readonly string[] = []
): DnsPlan {
	const addresses = addressPlan(targets);
	const records = new Map([...addresses.ice, ...addresses.web]);
	const nxdomain: string[] = [];
	for (const host of [...records.keys()]) {
		if (nxdomainDomains.some((d) => hostInDomain(host, d))) {
			records.delete(host);
			nxdomain.push(host);
		}
	}
	return { ...addresses, records, nxdomain: nxdomain.sort() };
}
