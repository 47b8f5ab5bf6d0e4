/**
 * Compares the CheckResults two browser engines produced for the same check on the same network.
 * Requirement statuses (with the way an inference points) and product verdicts must agree: those
 * are what a user and IT act on. Probe outcomes may legitimately differ in wording between engines
 * (a failure both engines see as a failure), so they are listed for context, not counted.
 * diffWithoutWebrtc compares a full engine with one that has no WebRTC at all (WebKitGTK). Pure.
 */
// The downloaded JSON: the result's facts with the words written beside them at download time.
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import { isIceUrl } from '../../src/lib/data/probe-url';

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

/**
 * A full engine's run against a run in an engine without WebRTC (WebKitGTK: no RTCPeerConnection)
 * on the same network. What must hold:
 * - every STUN/TURN probe is `unsupported` (nothing is claimed without a probe);
 * - every HTTPS/WebSocket probe has the full engine's outcome: the same fetch and WebSocket on the
 *   same network;
 * - a requirement tested only by HTTPS/WebSocket probes has the full engine's status; one tested
 *   only by STUN/TURN is `not-run` (an inference from them `inferred(unknown)`); one that mixes both
 *   rests on the web probes above and the unsupported ones, so it is not compared;
 * - a product that needs no STUN/TURN probe has the full engine's verdict; one that does has it or
 *   `unknown` (weaker, never different).
 * `usesIce(productId)` says whether the product, with the products it requires, has STUN/TURN probes.
 */
export function diffWithoutWebrtc(
	full: EngineRun,
	limited: EngineRun,
	usesIce: (productId: string) => boolean
): EngineDiff {
	const decisive: EngineDifference[] = [];
	const probes: EngineDifference[] = [];
	const rf = full.result;
	const rl = limited.result;

	const productsF = [...rf.products].sort().join(',');
	const productsL = [...rl.products].sort().join(',');
	if (productsF !== productsL)
		decisive.push({
			what: 'products',
			id: 'products',
			values: [productsF, productsL],
			details: [undefined, undefined]
		});

	const fullProbes = new Map(rf.probes.map((p) => [p.url, p]));
	const limitedProbes = new Map(rl.probes.map((p) => [p.url, p]));
	for (const url of [...new Set([...fullProbes.keys(), ...limitedProbes.keys()])].sort()) {
		const x = fullProbes.get(url);
		const y = limitedProbes.get(url);
		const values: [string, string] = [
			x ? `${x.outcome} after ${x.ms} ms` : '(not run)',
			y ? `${y.outcome} after ${y.ms} ms` : '(not run)'
		];
		const details: [string | undefined, string | undefined] = [
			x?.evidence.detail,
			y?.evidence.detail
		];
		if (isIceUrl(url)) {
			if (y?.outcome !== 'unsupported')
				decisive.push({ what: 'probe', id: url, values: [values[0], values[1]], details });
			else if (x?.outcome !== y.outcome) probes.push({ what: 'probe', id: url, values, details });
		} else if (x?.outcome !== y?.outcome)
			decisive.push({ what: 'probe', id: url, values, details });
	}

	const ids = [...new Set([...Object.keys(rf.requirements), ...Object.keys(rl.requirements)])];
	for (const id of ids.sort()) {
		const x = rf.requirements[id];
		const y = rl.requirements[id];
		const urls = (y ?? x)?.probes ?? [];
		const ice = urls.filter(isIceUrl).length;
		let expected: string;
		if (!x || !y || ice === 0) expected = statusOf(x);
		else if (ice === urls.length)
			expected = x.status === 'inferred' ? 'inferred(unknown)' : 'not-run';
		else continue; // web and STUN/TURN probes together: the probes above decide
		if (statusOf(y) !== expected)
			decisive.push({
				what: 'requirement',
				id,
				values: [statusOf(x), statusOf(y)],
				details: [x?.reason, y?.reason]
			});
	}

	for (const id of [
		...new Set([...Object.keys(rf.verdicts), ...Object.keys(rl.verdicts)])
	].sort()) {
		const x = rf.verdicts[id];
		const y = rl.verdicts[id];
		const weakerAllowed = usesIce(id) && y?.verdict === 'unknown';
		if (x?.verdict !== y?.verdict && !weakerAllowed)
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
	return { decisive, probes };
}

/** One block per difference, the two engines side by side. */
export function formatEngineDiff(title: string, a: string, b: string, diff: EngineDiff): string {
	const n = diff.decisive.length;
	const s = n === 1 ? '' : 's';
	const probesToo = diff.decisive.some((d) => d.what === 'probe');
	const lines = [
		n === 0
			? `${title}: ${a} and ${b} agree on every requirement and verdict`
			: `${title}: ${a} and ${b} disagree on ${n} ${probesToo ? `probe outcome${s}, ` : ''}requirement status${n === 1 ? '' : 'es'} or verdict${s}`
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
