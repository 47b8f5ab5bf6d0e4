/**
 * How the diagnosis changes the judgement, so a verdict never blames the wrong thing:
 * - no connection at all: every product is "unknown — this device is not connected", not a
 *   product verdict and not "send to IT";
 * - a slow link: a probe that timed out proves nothing, so it does not fail a requirement;
 * - the computer's own firewall: a UDP failure the classifier read as "name did not resolve"
 *   (too fast to be anything else, in isolation) is re-read as refused, since the host resolved;
 * - a mandatory rule no browser can test, while the same kind of traffic demonstrably failed in
 *   this run: a product cannot be "will work", at most "probably" (`doubt`).
 */
import type { PortRange, Product, Requirement } from '$lib/data/schema';
import type {
	Cause,
	Diagnosis,
	ProbeResult,
	ProductResult,
	RequirementResult
} from '$lib/result/result';
import { domainFamily, hasCause } from './diagnosis';

/** Probes as the requirement rules should judge them under this diagnosis. */
export function probesToJudge(probes: readonly ProbeResult[], diagnosis: Diagnosis): ProbeResult[] {
	const slow = hasCause(diagnosis, 'slow-link');
	const local = new Set(
		diagnosis.findings.filter((f) => f.cause === 'local-firewall').flatMap((f) => f.probes)
	);
	return probes.map((p) => {
		if (slow && p.outcome === 'timeout') return { ...p, outcome: 'inconclusive' };
		if (local.has(p.url) && p.outcome === 'dns-failed') return { ...p, outcome: 'refused' };
		return p;
	});
}

/** The probes as the result keeps them: only re-readings that are facts (not the slow-link lens). */
export function probesToKeep(probes: readonly ProbeResult[], diagnosis: Diagnosis): ProbeResult[] {
	const local = new Set(
		diagnosis.findings.filter((f) => f.cause === 'local-firewall').flatMap((f) => f.probes)
	);
	return probes.map((p) =>
		local.has(p.url) && p.outcome === 'dns-failed' ? { ...p, outcome: 'refused' } : p
	);
}

/** Marks requirements whose time-outs were not counted because the link is slow. */
export function markSlow(
	requirements: Record<string, RequirementResult>,
	probes: readonly ProbeResult[],
	diagnosis: Diagnosis
): void {
	if (!hasCause(diagnosis, 'slow-link')) return;
	const timedOut = new Set(probes.filter((p) => p.outcome === 'timeout').map((p) => p.url));
	for (const r of Object.values(requirements))
		if (r.probes.some((u) => timedOut.has(u))) r.slowNotBlocked = true;
}

const anyPort = (ports: readonly PortRange[], test: (p: PortRange) => boolean) => ports.some(test);
const covers443 = (p: PortRange) => p.protocol !== 'udp' && p.from <= 443 && p.to >= 443;

/** Would traffic this rule needs meet what the finding shows this network doing? */
function affected(cause: Cause, r: Requirement, domains: readonly string[]): boolean {
	const ports = r.ports;
	switch (cause) {
		case 'tls-intercepted':
		case 'websocket-blocked':
			return anyPort(ports, covers443);
		case 'udp-blocked':
		case 'local-firewall':
			return anyPort(ports, (p) => p.protocol !== 'tcp');
		case 'only-tcp-443':
		case 'proxy':
			return anyPort(ports, (p) => !(p.protocol === 'tcp' && p.from === 443 && p.to === 443));
		case 'stun-turn-ports-blocked':
			return anyPort(
				ports,
				(p) => (p.from <= 3478 && p.to >= 3478) || (p.from <= 5349 && p.to >= 5349)
			);
		case 'dns-filtered':
			return r.destinations.some(
				(d) =>
					(d.kind === 'host' || d.kind === 'wildcard') &&
					domains.includes(domainFamily(d.value.replace(/^\*\.?/, '')))
			);
		default:
			return false;
	}
}

/** The verdicts with the diagnosis applied (offline, doubt). */
export function applyToVerdicts(
	verdicts: Record<string, ProductResult>,
	withRequired: (id: string) => readonly Product[],
	requirements: Readonly<Record<string, RequirementResult>>,
	diagnosis: Diagnosis
): void {
	const offline = hasCause(diagnosis, 'offline');
	for (const [id, v] of Object.entries(verdicts)) {
		if (offline) {
			verdicts[id] = { verdict: 'unknown', blocking: [], undecided: 'offline' };
			continue;
		}
		if (v.verdict !== 'ready') continue;
		const untested = withRequired(id)
			.flatMap((p) => p.requirements)
			.filter(
				(r) =>
					r.level === 'mandatory' &&
					['manual', 'not-run'].includes(requirements[r.id]?.status ?? '')
			);
		for (const f of diagnosis.findings) {
			if (untested.some((r) => affected(f.cause, r, f.domains ?? []))) {
				verdicts[id] = { ...v, doubt: f.cause };
				break;
			}
		}
	}
}

/** Unknown verdicts on a slow link say so, rather than "try again". */
export function explainSlow(verdicts: Record<string, ProductResult>, diagnosis: Diagnosis): void {
	if (!hasCause(diagnosis, 'slow-link')) return;
	for (const [id, v] of Object.entries(verdicts))
		if (v.verdict === 'unknown' && (v.undecided === 'inconclusive' || v.undecided === undefined))
			verdicts[id] = { ...v, undecided: 'slow-link' };
}
