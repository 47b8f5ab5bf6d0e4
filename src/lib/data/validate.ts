/**
 * Checks a data file beyond its shape: valibot (schema.ts) checks the structure, this module the
 * meaning — each value with validate-values.ts (IPs, CIDRs, ranges, host names, URLs, probe urls),
 * references between entries, and the conventions docs/data.md describes. Every issue names
 * the file and the id of the entry it is about, so a broken edit is found at once.
 *
 * No Node imports: whether source.file exists is asked through `fileExists`.
 */
import * as v from 'valibot';
import {
	DataFileSchema,
	type DataFile,
	type Destination,
	type ProbeTarget,
	type Product,
	type Requirement
} from './schema';
import {
	PROBE_SCHEME_FOR_KIND,
	cidrProblem,
	hostNameProblem,
	ipProblem,
	ipRangeProblem,
	strictProbeUrl,
	urlProblem,
	wildcardProblem
} from './validate-values';
import { wildcardMatches } from './wildcard';

export {
	cidrProblem,
	hostNameProblem,
	ipProblem,
	ipRangeProblem,
	parseIp,
	strictProbeUrl,
	urlProblem,
	wildcardProblem
} from './validate-values';

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
			const problem = outsideDocumentProblem(parsed.host, hosts, wildcards, t.evidence);
			if (problem) out.push(`representative probe host ${problem}`);
		} else if (!hosts.has(parsed.host)) {
			out.push(
				`probe host "${parsed.host}" is not named by the source; mark the probe representative and say why it was chosen`
			);
		}
	}
	for (const f of r.flags ?? [])
		if (f.mitigation) {
			if (f.kind !== 'security-risk')
				out.push(`a mitigation belongs to a security-risk flag, not to a ${f.kind} flag`);
			else if (!r.sources?.length)
				out.push(`mitigation "${f.mitigation}" needs the rule's sources to limit it to`);
		}

	if (r.check.kind === 'manual')
		for (const t of r.check.testWith ?? []) {
			const host = t.kind === 'tcp' ? t.host : parsedUrlHost(t.url);
			if (host === undefined) {
				out.push(`testWith url "${t.kind === 'http' ? t.url : ''}" is not an http(s) URL`);
				continue;
			}
			const problem = hostNameProblem(host);
			if (problem) out.push(`testWith: ${problem}`);
			else if (!hosts.has(host) && !wildcards.some((w) => wildcardMatches(w, host)))
				out.push(
					`testWith host "${host}" is neither named by the source nor under a wildcard it lists`
				);
		}
	return out;
}

function parsedUrlHost(url: string): string | undefined {
	try {
		const u = new URL(url);
		return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Why a chosen host may not stand in for the document's destinations, or undefined. A host the
 * document names, or one under a wildcard it lists, is fine. Otherwise it must be a sibling of a
 * host the document names (same parent domain: ws-turn1.xirsys.com beside ws.xirsys.com) and the
 * probe must cite the public material that shows the host serves this url.
 */
function outsideDocumentProblem(
	host: string,
	hosts: ReadonlySet<string>,
	wildcards: readonly string[],
	evidence: string | undefined
): string | undefined {
	if (hosts.has(host) || wildcards.some((w) => wildcardMatches(w, host))) return undefined;
	const parent = (h: string) => h.split('.').slice(1).join('.');
	const sibling = [...hosts].some((h) => parent(h).includes('.') && parent(h) === parent(host));
	if (!sibling)
		return `"${host}" is neither named by the source, nor under a wildcard it lists, nor in the domain of a host it names`;
	if (!evidence)
		return `"${host}" is not named by the source: cite the public material that shows it serves this url (evidence)`;
	return undefined;
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
