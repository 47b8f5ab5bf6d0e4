/** From probe outcomes to one status per requirement: facts only (words.ts makes the reason). */
import type { Requirement } from '$lib/data/schema';
import { probeSignal, type ProbeResult, type RequirementResult } from '$lib/result/result';
import { requirementTargets } from './plan';

export function requirementResult(
	r: Requirement,
	probes: ReadonlyMap<string, ProbeResult>
): RequirementResult {
	if (r.check.kind === 'manual') return { status: 'manual', probes: [] };
	const urls = [...new Set(requirementTargets(r).map((t) => t.url))];
	const found = urls.map((u) => probes.get(u)).filter((p): p is ProbeResult => !!p);
	const signals = found.map((p) => probeSignal(p.outcome));
	const passed = signals.filter((s) => s === 'pass').length;
	const failed = signals.filter((s) => s === 'fail').length;
	const undecided = signals.filter((s) => s === 'undecided').length;
	const missing = urls.length - found.length;

	if (r.check.kind === 'inferred') {
		// One failed route next to undecided ones proves nothing about the rest: only all-failed is blocked.
		const inferredOutcome = passed ? 'open' : failed && !undecided ? 'blocked' : 'unknown';
		return { status: 'inferred', probes: urls, inferredOutcome };
	}
	if (found.length === 0 || (passed === 0 && failed === 0))
		return { status: 'not-run', probes: urls };
	if (failed === 0 && undecided === 0 && missing === 0) return { status: 'passed', probes: urls };
	if (passed === 0) return { status: 'failed', probes: urls };
	return { status: 'partial', probes: urls };
}

/** Every requirement of the given products, keyed by id (a null-prototype map: ids index it). */
export function requirementResults(
	requirements: readonly Requirement[],
	probes: readonly ProbeResult[]
): Record<string, RequirementResult> {
	const byUrl = new Map(probes.map((p) => [p.url, p]));
	const out: Record<string, RequirementResult> = Object.create(null);
	for (const r of requirements) out[r.id] = requirementResult(r, byUrl);
	return out;
}
