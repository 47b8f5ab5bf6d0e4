/**
 * Checks a data file beyond its shape: valibot (schema.ts) checks the structure, this module the
 * meaning — IPs, CIDRs and ranges with ipaddr.js, host names with the WHATWG URL parser, probe
 * urls, references between entries, and the conventions docs/data.md describes. Every issue names
 * the file and the id of the entry it is about, so a broken edit is found at once.
 *
 * No Node imports: whether source.file exists is asked through `fileExists`.
 */
import * as v from 'valibot';
import ipaddr from 'ipaddr.js';
import {
	DataFileSchema,
	type DataFile,
	type Destination,
	type ProbeTarget,
	type Product,
	type Requirement
} from './schema';
import { canonicalProbeUrl, parseProbeUrl, type ProbeScheme, type ProbeUrl } from './probe-url';

export interface DataIssue {
	file: string;
	/** the requirement, product, address set or source id the issue is about */
	id: string;
	/** what is wrong, without the file and id */
	detail: string;
	/** "file › id: detail" */
	message: string;
}

export interface ValidateOptions {
	/** product ids defined by other data files, so `requires` may point across files */
	knownProductIds?: Iterable<string>;
	/** answers whether a repository-relative path exists; when absent, source.file is not checked */
	fileExists?: (path: string) => boolean;
}

const SOURCES_DIR = 'data/sources/';

function issue(file: string, id: string, detail: string): DataIssue {
	return { file, id, detail, message: `${file} › ${id}: ${detail}` };
}

// ---------------------------------------------------------------- addresses

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Strict parse: dotted-quad IPv4 only (no "10.1" or octal forms), or IPv6. */
export function parseIp(text: string): Address | undefined {
	if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
	if (text.includes(':') && ipaddr.IPv6.isValid(text)) return ipaddr.IPv6.parse(text);
	return undefined;
}

/** Compares two addresses of one family; negative when a comes first. */
function compareAddresses(a: Address, b: Address): number {
	const x = a.toByteArray();
	const y = b.toByteArray();
	for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return (x[i] ?? 0) - (y[i] ?? 0);
	return 0;
}

export function ipProblem(text: string): string | undefined {
	return parseIp(text) ? undefined : `"${text}" is not an IP address`;
}

export function cidrProblem(text: string): string | undefined {
	const parts = text.split('/');
	if (parts.length !== 2) return `"${text}" is not a CIDR block (address/prefix)`;
	const [addressText = '', prefixText = ''] = parts;
	const address = parseIp(addressText);
	if (!address) return `"${text}" is not a CIDR block: "${addressText}" is not an IP address`;
	const max = address.kind() === 'ipv4' ? 32 : 128;
	const prefix = Number(prefixText);
	if (!/^\d{1,3}$/.test(prefixText) || prefix > max)
		return `"${text}" is not a CIDR block: the prefix must be 0-${max}`;
	const network =
		address.kind() === 'ipv4'
			? ipaddr.IPv4.networkAddressFromCIDR(text)
			: ipaddr.IPv6.networkAddressFromCIDR(text);
	if (compareAddresses(network, address) !== 0)
		return `"${text}" has host bits set: the network address of a /${prefix} is ${network.toString()}`;
	return undefined;
}

export function ipRangeProblem(from: string, to: string): string | undefined {
	const a = parseIp(from);
	const b = parseIp(to);
	if (!a) return `range start "${from}" is not an IP address`;
	if (!b) return `range end "${to}" is not an IP address`;
	if (a.kind() !== b.kind()) return `range "${from} - ${to}" mixes IPv4 and IPv6`;
	if (compareAddresses(a, b) > 0) return `range "${from} - ${to}" runs backwards`;
	return undefined;
}

// ---------------------------------------------------------------- host names

/** A DNS label as host names carry it: letters, digits, hyphens (and underscores, seen in SRV-style names). */
const LABEL = /^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?$/;

/**
 * Why `host` is not a plain host name, or undefined. The WHATWG URL parser decides what a browser
 * would read (lower case, IDNA, no stray characters); DNS limits are checked on top.
 */
export function hostNameProblem(host: string): string | undefined {
	if (host.length === 0) return 'the host name is empty';
	if (host.length > 253) return `host name "${host}" is longer than 253 characters`;
	if (parseIp(host)) return `"${host}" is an IP address, not a host name`;
	let parsed: string;
	try {
		parsed = new URL(`https://${host}`).hostname;
	} catch {
		return `"${host}" is not a valid host name`;
	}
	if (parsed !== host)
		return `"${host}" is not a host name as written (a browser reads it as "${parsed}")`;
	const labels = host.split('.');
	if (labels.length < 2) return `"${host}" has no domain part`;
	for (const label of labels) {
		if (label.length === 0) return `"${host}" has an empty label`;
		if (label.length > 63) return `"${host}" has a label longer than 63 characters`;
		if (!LABEL.test(label)) return `"${host}" has an invalid label "${label}"`;
	}
	return undefined;
}

/** A wildcard is "*" then a host name ("*.amwell.com"), or "*" glued to one ("*turn.whereby.com"). */
export function wildcardProblem(pattern: string): string | undefined {
	if (!pattern.startsWith('*')) return `wildcard "${pattern}" does not start with "*"`;
	const rest = pattern.startsWith('*.') ? pattern.slice(2) : pattern.slice(1);
	if (rest.includes('*')) return `wildcard "${pattern}" may have only one "*", at the start`;
	const problem = hostNameProblem(rest);
	return problem ? `wildcard "${pattern}": after the "*", ${problem}` : undefined;
}

/** "*" stands for one or more characters, as in a proxy's shExpMatch; "*.a.com" does not match "a.com". */
export function wildcardMatches(pattern: string, host: string): boolean {
	const source = pattern
		.split('*')
		.map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
		.join('.+');
	return new RegExp(`^${source}$`).test(host);
}

const URL_SCHEMES = ['http:', 'https:', 'ws:', 'wss:'];

export function urlProblem(text: string): string | undefined {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return `"${text}" does not parse as a URL`;
	}
	if (!URL_SCHEMES.includes(url.protocol))
		return `URL "${text}" has scheme ${url.protocol} (expected http, https, ws or wss)`;
	if (url.username || url.password) return `URL "${text}" must not carry credentials`;
	const host = url.hostname;
	const problem = host.startsWith('*') ? wildcardProblem(host) : hostNameProblem(host);
	return problem ? `URL "${text}": ${problem}` : undefined;
}

// ---------------------------------------------------------------- probe urls

const PROBE_SCHEME_FOR_KIND: Record<ProbeTarget['kind'], readonly ProbeScheme[]> = {
	stun: ['stun'],
	turn: ['turn', 'turns'],
	https: ['https'],
	wss: ['wss']
};

/**
 * A data probe url read with the one grammar (probe-url.ts), insisting on its canonical spelling
 * (explicit port, exactly one transport) so equal probes have equal urls. A string is the problem.
 */
export function strictProbeUrl(text: string): ProbeUrl | string {
	const scheme = /^([a-z]+):/i.exec(text)?.[1]?.toLowerCase() ?? '';
	if (scheme === 'stun' || scheme === 'turn' || scheme === 'turns') {
		const [hostPort = '', query] = text.slice(scheme.length + 1).split('?', 2);
		const colon = hostPort.lastIndexOf(':');
		if (colon < 0 || hostPort.endsWith(']'))
			return `probe url "${text}" needs an explicit port (${scheme}:host:port)`;
		const portText = hostPort.slice(colon + 1);
		if (!/^[1-9]\d{0,4}$/.test(portText) || Number(portText) > 65535)
			return `probe url "${text}" has an invalid port "${portText}"`;
		if (scheme === 'stun' && query !== undefined)
			return `probe url "${text}": a stun url takes no parameters`;
		if (scheme !== 'stun' && query !== 'transport=udp' && query !== 'transport=tcp')
			return `probe url "${text}" must end in ?transport=udp or ?transport=tcp (one probe per transport)`;
		if (scheme === 'turns' && query !== 'transport=tcp')
			return `probe url "${text}": turns (TURN over TLS) runs over TCP only`;
	} else if (scheme !== 'https' && scheme !== 'wss') {
		return `probe url "${text}" has scheme ${scheme}: (expected stun, turn, turns, https or wss)`;
	} else if (/^[a-z]+:\/\/[^/]*@/i.test(text)) {
		return `probe url "${text}" must not carry credentials`;
	}
	const parsed = parseProbeUrl(text);
	if (!parsed) return `probe url "${text}" does not parse`;
	const canonical = canonicalProbeUrl(parsed);
	if (canonical !== text)
		return `probe url "${text}" is not written the canonical way ("${canonical}")`;
	const problem = hostNameProblem(parsed.host);
	if (problem) return `probe url "${text}": ${problem}`;
	return parsed;
}

// ---------------------------------------------------------------- one file

function destinationProblems(
	d: Destination,
	addressSetIds: ReadonlySet<string>,
	inSet: boolean
): string[] {
	switch (d.kind) {
		case 'host':
			return [hostNameProblem(d.value)].filter((p): p is string => !!p);
		case 'wildcard':
			return [wildcardProblem(d.value)].filter((p): p is string => !!p);
		case 'url':
			return [urlProblem(d.value)].filter((p): p is string => !!p);
		case 'ip':
			return [ipProblem(d.value)].filter((p): p is string => !!p);
		case 'cidr':
			return [cidrProblem(d.value)].filter((p): p is string => !!p);
		case 'ip-range':
			return [ipRangeProblem(d.from, d.to)].filter((p): p is string => !!p);
		case 'address-set':
			if (inSet) return [`address set "${d.ref}" is referenced inside an address set`];
			return addressSetIds.has(d.ref) ? [] : [`unknown address set "${d.ref}"`];
		case 'network':
			return [];
	}
}

/** Host names the document itself names, in host destinations and in URLs. */
function namedHosts(file: DataFile): Set<string> {
	const out = new Set<string>();
	const add = (d: Destination) => {
		if (d.kind === 'host') out.add(d.value);
		if (d.kind === 'url') {
			try {
				const h = new URL(d.value).hostname;
				if (!h.includes('*')) out.add(h);
			} catch {
				/* reported by urlProblem */
			}
		}
	};
	for (const s of file.addressSets ?? []) s.entries.forEach(add);
	for (const p of file.products)
		for (const r of p.requirements) [...r.destinations, ...(r.sources ?? [])].forEach(add);
	return out;
}

function wildcardsOf(file: DataFile): string[] {
	const out: string[] = [];
	const add = (d: Destination) => {
		if (d.kind === 'wildcard') out.push(d.value);
		if (d.kind === 'url') {
			try {
				const h = new URL(d.value).hostname;
				if (h.startsWith('*')) out.push(h);
			} catch {
				/* reported by urlProblem */
			}
		}
	};
	for (const p of file.products)
		for (const r of p.requirements) [...r.destinations, ...(r.sources ?? [])].forEach(add);
	return out;
}

function probeTargetsOf(r: Requirement): ProbeTarget[] {
	if (r.check.kind === 'probe') return r.check.probes;
	if (r.check.kind === 'inferred') return r.check.from;
	return [];
}

function requirementProblems(
	r: Requirement,
	product: Product,
	addressSetIds: ReadonlySet<string>,
	hosts: ReadonlySet<string>,
	wildcards: readonly string[]
): string[] {
	const out: string[] = [];
	if (!r.id.startsWith(`${product.id}.`))
		out.push(`requirement id must start with its product id "${product.id}."`);

	const seenPorts = new Set<string>();
	for (const p of r.ports) {
		const key = `${p.protocol} ${p.from}-${p.to}`;
		if (seenPorts.has(key)) out.push(`port range ${key} is listed twice`);
		seenPorts.add(key);
	}

	r.destinations.forEach((d, i) =>
		destinationProblems(d, addressSetIds, false).forEach((p) =>
			out.push(`destinations[${i}]: ${p}`)
		)
	);
	(r.sources ?? []).forEach((d, i) =>
		destinationProblems(d, addressSetIds, false).forEach((p) => out.push(`sources[${i}]: ${p}`))
	);

	const emptyCells = (['transportText', 'portsText', 'ruleText'] as const).filter(
		(k) => r[k] === ''
	);
	if (emptyCells.length && !(r.flags ?? []).some((f) => f.kind === 'incomplete'))
		out.push(`${emptyCells.join(', ')} records an empty cell but there is no 'incomplete' flag`);

	if (r.direction !== 'outbound' && r.check.kind !== 'manual')
		out.push(`a browser cannot test ${r.direction} traffic: the check must be manual`);

	const targets = probeTargetsOf(r);
	const seenUrls = new Set<string>();
	for (const t of targets) {
		if (seenUrls.has(t.url)) out.push(`probe url "${t.url}" is listed twice`);
		seenUrls.add(t.url);
		const parsed = strictProbeUrl(t.url);
		if (typeof parsed === 'string') {
			out.push(parsed);
			continue;
		}
		if (!PROBE_SCHEME_FOR_KIND[t.kind].includes(parsed.scheme))
			out.push(`probe url "${t.url}" does not match its kind "${t.kind}"`);
		if (t.representative) {
			if (!t.note)
				out.push(`representative probe "${t.url}" needs a note saying why it was chosen`);
			if (!hosts.has(parsed.host) && !wildcards.some((w) => wildcardMatches(w, parsed.host)))
				out.push(
					`representative probe host "${parsed.host}" is neither named by the source nor under a wildcard it lists`
				);
		} else if (!hosts.has(parsed.host)) {
			out.push(
				`probe host "${parsed.host}" is not named by the source; mark the probe representative and say why it was chosen`
			);
		}
	}
	return out;
}

/** Validates one data file; `fileName` only labels the issues. */
export function validateDataFile(
	json: unknown,
	fileName: string,
	options: ValidateOptions = {}
): DataIssue[] {
	const parsed = v.safeParse(DataFileSchema, json);
	if (!parsed.success) return parsed.issues.map((i) => structureIssue(fileName, i));
	const file = parsed.output;
	const issues: DataIssue[] = [];
	const add = (id: string, detail: string) => issues.push(issue(fileName, id, detail));

	const src = file.source;
	if (!src.file.startsWith(SOURCES_DIR))
		add(src.id, `source.file "${src.file}" must be under ${SOURCES_DIR}`);
	else if (options.fileExists && !options.fileExists(src.file))
		add(src.id, `source.file "${src.file}" does not exist`);

	const addressSetIds = new Set<string>();
	for (const s of file.addressSets ?? []) {
		if (addressSetIds.has(s.id)) add(s.id, `address set id "${s.id}" is used twice`);
		addressSetIds.add(s.id);
	}
	for (const s of file.addressSets ?? [])
		s.entries.forEach((d, i) =>
			destinationProblems(d, addressSetIds, true).forEach((p) => add(s.id, `entries[${i}]: ${p}`))
		);

	const productIds = new Set(file.products.map((p) => p.id));
	const known = new Set([...productIds, ...(options.knownProductIds ?? [])]);
	const seenProducts = new Set<string>();
	const seenRequirements = new Set<string>();
	const hosts = namedHosts(file);
	const wildcards = wildcardsOf(file);
	const groups = new Map<string, { product: string; id: string; role: string }[]>();

	for (const p of file.products) {
		if (seenProducts.has(p.id)) add(p.id, `product id "${p.id}" is used twice`);
		seenProducts.add(p.id);
		if (p.source !== src.id)
			add(p.id, `product source "${p.source}" is not this file's source "${src.id}"`);
		for (const r of p.requires ?? []) {
			if (r === p.id) add(p.id, 'a product cannot require itself');
			else if (!known.has(r)) add(p.id, `requires unknown product "${r}"`);
		}
		for (const r of p.requirements) {
			if (seenRequirements.has(r.id)) add(r.id, `requirement id "${r.id}" is used twice`);
			seenRequirements.add(r.id);
			requirementProblems(r, p, addressSetIds, hosts, wildcards).forEach((d) => add(r.id, d));
			if (r.alternative) {
				const members = groups.get(r.alternative.group) ?? [];
				members.push({ product: p.id, id: r.id, role: r.alternative.role });
				groups.set(r.alternative.group, members);
			}
		}
	}

	for (const [group, members] of groups) {
		const first = members[0]?.id ?? group;
		if (members.length < 2)
			add(first, `alternative group "${group}" has only one member; a choice needs at least two`);
		const preferred = members.filter((m) => m.role === 'preferred').length;
		if (preferred !== 1)
			add(
				first,
				`alternative group "${group}" must have exactly one preferred member (has ${preferred})`
			);
		if (new Set(members.map((m) => m.product)).size > 1)
			add(first, `alternative group "${group}" spans more than one product`);
	}
	return issues;
}

function structureIssue(fileName: string, i: v.BaseIssue<unknown>): DataIssue {
	let id = '(file)';
	const where: (string | number)[] = [];
	for (const item of i.path ?? []) {
		where.push(item.key as string | number);
		const value: unknown = item.value;
		if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'string')
			id = value.id;
	}
	return issue(fileName, id, `${where.join('.') || '(root)'}: ${i.message}`);
}

// ---------------------------------------------------------------- all files

export interface NamedJson {
	fileName: string;
	json: unknown;
}

function idsIn(json: unknown): {
	products: string[];
	requirements: string[];
	sets: string[];
	source?: string;
} {
	const out = {
		products: [] as string[],
		requirements: [] as string[],
		sets: [] as string[],
		source: undefined as string | undefined
	};
	const parsed = v.safeParse(DataFileSchema, json);
	if (!parsed.success) return out;
	out.source = parsed.output.source.id;
	for (const p of parsed.output.products) {
		out.products.push(p.id);
		for (const r of p.requirements) out.requirements.push(r.id);
	}
	for (const s of parsed.output.addressSets ?? []) out.sets.push(s.id);
	return out;
}

/** Validates every file, and that ids are unique across files and `requires` resolve across them. */
export function validateDataFiles(
	files: readonly NamedJson[],
	options: Omit<ValidateOptions, 'knownProductIds'> = {}
): DataIssue[] {
	const ids = files.map((f) => ({ fileName: f.fileName, ...idsIn(f.json) }));
	const knownProductIds = ids.flatMap((i) => i.products);
	const issues = files.flatMap((f) =>
		validateDataFile(f.json, f.fileName, { ...options, knownProductIds })
	);
	const firstSeen = new Map<string, string>();
	const once = (fileName: string, id: string) => {
		const earlier = firstSeen.get(id);
		if (earlier !== undefined && earlier !== fileName)
			issues.push(issue(fileName, id, `id "${id}" is also used in ${earlier}`));
		if (earlier === undefined) firstSeen.set(id, fileName);
	};
	for (const i of ids) {
		if (i.source) once(i.fileName, i.source);
		[...i.products, ...i.requirements, ...i.sets].forEach((id) => once(i.fileName, id));
	}
	return issues;
}
