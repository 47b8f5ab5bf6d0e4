/**
 * Compares the CheckResults two browser engines produced for the same check on the same network.
 * Requirement statuses (with the way an inference points) and product verdicts must agree: those
 * are what a user and IT act on. Probe outcomes may legitimately differ in wording between engines
 * (a failure both engines see as a failure), so they are listed for context, not counted. Pure.
 */
// The downloaded JSON: the result's facts with the words written beside them at download time.
import type { WordedResult as CheckResult } from '../../src/lib/result/files';

export interface EngineRun {
	/** "Chromium", "Firefox ESR" */
	engine: string;
	result: CheckResult;
}

export interface EngineDifference {
	what: 'requirement' | 'verdict' | 'probe' | 'products';
	id: string;
	/** per engine, in the order the runs were given */
	values: [string, string];
	/** what each engine said about it (reason, headline, evidence) */
	details: [string | undefined, string | undefined];
}

export interface EngineDiff {
	/** differences that fail the comparison: checked products, requirement statuses, verdicts */
	decisive: EngineDifference[];
	/** probe outcomes that differ: context for a reader, not a failure by themselves */
	probes: EngineDifference[];
}

const statusOf = (r: CheckResult['requirements'][string] | undefined) =>
	!r ? '(missing)' : r.inferredOutcome ? `${r.status}(${r.inferredOutcome})` : r.status;

export function diffEngines(a: EngineRun, b: EngineRun): EngineDiff {
	const decisive: EngineDifference[] = [];
	const probes: EngineDifference[] = [];
	const ra = a.result;
	const rb = b.result;

	const productsA = [...ra.products].sort().join(',');
	const productsB = [...rb.products].sort().join(',');
	if (productsA !== productsB)
		decisive.push({
			what: 'products',
			id: 'products',
			values: [productsA, productsB],
			details: [undefined, undefined]
		});

	const requirementIds = [
		...new Set([...Object.keys(ra.requirements), ...Object.keys(rb.requirements)])
	].sort();
	for (const id of requirementIds) {
		const x = ra.requirements[id];
		const y = rb.requirements[id];
		if (statusOf(x) !== statusOf(y))
			decisive.push({
				what: 'requirement',
				id,
				values: [statusOf(x), statusOf(y)],
				details: [x?.reason, y?.reason]
			});
	}

	const productIds = [
		...new Set([...Object.keys(ra.verdicts), ...Object.keys(rb.verdicts)])
	].sort();
	for (const id of productIds) {
		const x = ra.verdicts[id];
		const y = rb.verdicts[id];
		if (x?.verdict !== y?.verdict)
			decisive.push({
				what: 'verdict',
				id,
				values: [x?.verdict ?? '(missing)', y?.verdict ?? '(missing)'],
				details: [
					x && `${x.headline} [blocking: ${x.blocking.join(', ') || '-'}]`,
					y && `${y.headline} [blocking: ${y.blocking.join(', ') || '-'}]`
				]
			});
	}

	const probesA = new Map(ra.probes.map((p) => [p.url, p]));
	const probesB = new Map(rb.probes.map((p) => [p.url, p]));
	for (const url of [...new Set([...probesA.keys(), ...probesB.keys()])].sort()) {
		const x = probesA.get(url);
		const y = probesB.get(url);
		if (x?.outcome !== y?.outcome)
			probes.push({
				what: 'probe',
				id: url,
				values: [
					x ? `${x.outcome} after ${x.ms} ms` : '(not run)',
					y ? `${y.outcome} after ${y.ms} ms` : '(not run)'
				],
				details: [x?.evidence.detail, y?.evidence.detail]
			});
	}
	return { decisive, probes };
}

/** One block per difference, the two engines side by side. */
export function formatEngineDiff(title: string, a: string, b: string, diff: EngineDiff): string {
	const n = diff.decisive.length;
	const lines = [
		n === 0
			? `${title}: ${a} and ${b} agree on every requirement and verdict`
			: `${title}: ${a} and ${b} disagree on ${n} requirement status${n === 1 ? '' : 'es'} or verdict${n === 1 ? '' : 's'}`
	];
	const width = Math.max(a.length, b.length);
	const block = (d: EngineDifference) => {
		lines.push(`  ${d.what.padEnd(11)} ${d.id}`);
		lines.push(
			`      ${a.padEnd(width)}  ${d.values[0]}${d.details[0] ? ` — ${d.details[0]}` : ''}`
		);
		lines.push(
			`      ${b.padEnd(width)}  ${d.values[1]}${d.details[1] ? ` — ${d.details[1]}` : ''}`
		);
	};
	diff.decisive.forEach(block);
	if (diff.probes.length) {
		lines.push(`  probe outcomes that differ (${diff.probes.length}, context only):`);
		diff.probes.forEach(block);
	}
	return lines.join('\n');
}
