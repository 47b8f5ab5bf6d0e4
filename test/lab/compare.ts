/**
 * Compares an exported CheckResult with a profile's expectations and lists every difference in a
 * form a person can act on. Pure: unit-tested in compare.spec.ts.
 */
// The downloaded JSON: the result's facts with the words written beside them at download time.
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import type { DataFile, Product } from '../../src/lib/data/schema';
import { engineOf, expectedProbeOutcome, expectedRequirementStatus } from './expected-outcomes';
import { networkProfile } from './network-profiles';
import type { ProfileExpectation } from './profiles/types';
import { labTargets } from './targets';
import { CANNOT_TELL } from './cannot-tell';

/** The causes the diagnosis names must be the profile's expected ones (plus what they imply). */
function causeMismatches(result: CheckResult, network: string, engine: string): Mismatch[] {
	const profile = networkProfile(network as ProfileExpectation['network']);
	const findings = result.diagnosis?.findings;
	if (!findings)
		return [
			{
				what: 'cause',
				id: 'diagnosis',
				expected: profile.expectedCauses.join(',') || '(none)',
				actual: '(no diagnosis)',
				why: 'every check result carries a diagnosis'
			}
		];
	const named = findings.map((f) => f.cause);
	const exception = CANNOT_TELL[`${engine}/${network}`];
	const out: Mismatch[] = [];
	if (exception) {
		if (named.join(',') !== exception.names.join(','))
			out.push({
				what: 'cause',
				id: 'causes',
				expected: exception.names.join(',') || '(none)',
				actual: named.join(',') || '(none)',
				why: exception.why
			});
		if (
			exception.alternative &&
			!findings.some((f) => f.alternatives?.includes(exception.alternative as never))
		)
			out.push({
				what: 'cause',
				id: 'alternatives',
				expected: exception.alternative,
				actual: findings.flatMap((f) => f.alternatives ?? []).join(',') || '(none)',
				why: exception.why
			});
		return out;
	}
	for (const cause of profile.expectedCauses)
		if (!named.includes(cause))
			out.push({
				what: 'cause',
				id: cause,
				expected: 'named',
				actual: named.join(',') || '(none)',
				why: profile.causeNote ?? profile.description
			});
	const allowed = new Set<string>([...profile.expectedCauses, ...(profile.impliedCauses ?? [])]);
	for (const cause of named)
		if (!allowed.has(cause))
			out.push({
				what: 'cause',
				id: cause,
				expected: 'not named',
				actual: 'named',
				why: profile.causeNote ?? profile.description
			});
	return out;
}

export interface Mismatch {
	what: 'probe' | 'requirement' | 'verdict' | 'product' | 'cause';
	id: string;
	expected: string;
	actual: string;
	/** the expectation's reasoning */
	why: string;
	/** what the app said (reason, headline, evidence) */
	app?: string;
}

/** The product and every product it requires, transitively (mirrors catalog.withRequiredProducts). */
function withRequired(products: readonly Product[], ids: readonly string[]): Product[] {
	const byId = new Map(products.map((p) => [p.id, p]));
	const out: Product[] = [];
	const seen = new Set<string>();
	const visit = (id: string) => {
		if (seen.has(id)) return;
		seen.add(id);
		const p = byId.get(id);
		if (!p) return;
		out.push(p);
		(p.requires ?? []).forEach(visit);
	};
	ids.forEach(visit);
	return out;
}

export function compareResult(
	result: CheckResult,
	expectation: ProfileExpectation,
	data: readonly DataFile[]
): Mismatch[] {
	const profile = networkProfile(expectation.network);
	const engine = engineOf(result.browser);
	const targets = labTargets(data);
	const products = data.flatMap((f) => f.products);
	const mismatches: Mismatch[] = [];

	const wanted = expectation.products === 'all' ? products.map((p) => p.id) : expectation.products;
	const missingProducts = wanted.filter((id) => !result.products.includes(id));
	const extraProducts = result.products.filter((id) => !wanted.includes(id));
	if (missingProducts.length || extraProducts.length) {
		mismatches.push({
			what: 'product',
			id: 'products',
			expected: wanted.join(','),
			actual: result.products.join(','),
			why: `checked products differ (missing: ${missingProducts.join(',') || '-'}; unexpected: ${extraProducts.join(',') || '-'})`
		});
	}

	const checked = withRequired(products, result.products);
	const requirements = checked.flatMap((p) => p.requirements);

	const probesByUrl = new Map(result.probes.map((p) => [p.url, p]));
	const neededUrls = new Set(
		requirements.flatMap((r) =>
			(r.check.kind === 'probe'
				? r.check.probes
				: r.check.kind === 'inferred'
					? r.check.from
					: []
			).map((t) => t.url)
		)
	);
	for (const url of [...neededUrls].sort()) {
		const predicted =
			expectation.probeExceptions?.[url] ?? expectedProbeOutcome(profile, url, targets, engine);
		const tolerance = expectation.probeTolerance;
		const expected = tolerance
			? {
					acceptable: [...new Set([...predicted.acceptable, ...tolerance.also])],
					why: `${predicted.why}; also accepted today: ${tolerance.also.join('|')}, ${tolerance.why}`
				}
			: predicted;
		const actual = probesByUrl.get(url);
		if (!actual) {
			mismatches.push({
				what: 'probe',
				id: url,
				expected: expected.acceptable.join('|'),
				actual: '(no probe result)',
				why: expected.why
			});
			continue;
		}
		if (!expected.acceptable.includes(actual.outcome)) {
			const e = actual.evidence;
			const evidence = [
				e.detail,
				e.iceErrors
					?.map((x) => `${x.code} ${x.text}${x.family ? ` (${x.family})` : ''}`)
					.join('; '),
				e.candidateTypes?.length ? `candidates: ${e.candidateTypes.join(',')}` : undefined,
				e.httpStatus !== undefined ? `HTTP ${e.httpStatus}` : undefined
			]
				.filter(Boolean)
				.join(' | ');
			mismatches.push({
				what: 'probe',
				id: url,
				expected: expected.acceptable.join('|'),
				actual: `${actual.outcome} after ${actual.ms} ms`,
				why: expected.why,
				app: evidence || undefined
			});
		}
	}

	mismatches.push(...causeMismatches(result, expectation.network, engine));

	// Where the issue's intended verdicts are written down, they are what is asserted now that the
	// diagnosis decides; an engine that cannot tell the cause keeps today's.
	const intended = CANNOT_TELL[`${engine}/${expectation.network}`]?.verdictsAsToday
		? undefined
		: expectation.intended;
	if (intended) mismatches.push(...intendedMismatches(result, intended));
	if (expectation.unassertedToday) {
		mismatches.push(...intendedCoverage(result, expectation, products));
		return mismatches;
	}

	for (const requirement of requirements) {
		const expected =
			expectation.requirementExceptions?.[requirement.id] ??
			expectedRequirementStatus(profile, requirement, targets, engine);
		const actual = result.requirements[requirement.id];
		const fmt = (s: { status: string; inferredOutcome?: string }) =>
			s.inferredOutcome ? `${s.status}(${s.inferredOutcome})` : s.status;
		if (!actual) {
			mismatches.push({
				what: 'requirement',
				id: requirement.id,
				expected: fmt(expected),
				actual: '(missing)',
				why: expected.why
			});
			continue;
		}
		const sameStatus = actual.status === expected.status;
		const sameLean =
			expected.status !== 'inferred' || actual.inferredOutcome === expected.inferredOutcome;
		if (!sameStatus || !sameLean) {
			mismatches.push({
				what: 'requirement',
				id: requirement.id,
				expected: fmt(expected),
				actual: fmt(actual),
				why: expected.why,
				app: actual.reason
			});
		}
	}

	for (const id of intended ? [] : result.products) {
		const expected = expectation.verdicts[id];
		const actual = result.verdicts[id];
		if (!expected) {
			mismatches.push({
				what: 'verdict',
				id,
				expected: '(no expectation)',
				actual: actual?.verdict ?? '(missing)',
				why: 'add this product to the profile file after checking the verdict against the rules',
				app: actual?.headline
			});
			continue;
		}
		if (actual?.verdict !== expected.verdict) {
			mismatches.push({
				what: 'verdict',
				id,
				expected: expected.verdict,
				actual: actual?.verdict ?? '(missing)',
				why: expected.why,
				app: actual
					? `${actual.headline} [blocking: ${actual.blocking.join(', ') || '-'}]`
					: undefined
			});
		}
	}
	for (const [id, expected] of Object.entries(expectation.verdicts)) {
		if (!products.some((p) => p.id === id)) {
			mismatches.push({
				what: 'verdict',
				id,
				expected: expected.verdict,
				actual: '(product not in the data)',
				why: 'stale expectation: remove it'
			});
		}
	}
	return mismatches;
}

/** The verdicts issue 11 wants: not connected as one answer, or the allowed verdicts per product. */
function intendedMismatches(
	result: CheckResult,
	intended: NonNullable<ProfileExpectation['intended']>
): Mismatch[] {
	const out: Mismatch[] = [];
	for (const id of result.products) {
		const actual = result.verdicts[id];
		if (intended.overall === 'not-connected') {
			if (actual?.verdict !== 'unknown' || actual.undecided !== 'offline')
				out.push({
					what: 'verdict',
					id,
					expected: 'unknown (offline)',
					actual: actual
						? `${actual.verdict}${actual.undecided ? ` (${actual.undecided})` : ''}`
						: '(missing)',
					why: intended.summary,
					app: actual?.headline
				});
			continue;
		}
		const want = intended.verdicts?.[id];
		if (want && (!actual || !want.allowed.includes(actual.verdict)))
			out.push({
				what: 'verdict',
				id,
				expected: want.allowed.join('|'),
				actual: actual?.verdict ?? '(missing)',
				why: want.why,
				app: actual?.headline
			});
	}
	return out;
}

/**
 * Where today's verdicts are not asserted, the intended ones must still name every checked product
 * and nothing else, so that new data forces a review there too.
 */
function intendedCoverage(
	result: CheckResult,
	expectation: ProfileExpectation,
	products: readonly Product[]
): Mismatch[] {
	const intended = expectation.intended;
	if (intended?.overall) return [];
	const verdicts = intended?.verdicts ?? {};
	const mismatches: Mismatch[] = [];
	for (const id of result.products) {
		if (!verdicts[id])
			mismatches.push({
				what: 'verdict',
				id,
				expected: '(no intended verdict)',
				actual: result.verdicts[id]?.verdict ?? '(missing)',
				why: `today's verdicts are not asserted (${expectation.unassertedToday}), so the intended verdict must be written down`
			});
	}
	for (const id of Object.keys(verdicts)) {
		if (!products.some((p) => p.id === id))
			mismatches.push({
				what: 'verdict',
				id,
				expected: verdicts[id]!.allowed.join('|'),
				actual: '(product not in the data)',
				why: 'stale intended verdict: remove it'
			});
	}
	return mismatches;
}

/** A plain-text table, one mismatch per block, for the assertion message. */
export function formatMismatches(title: string, mismatches: readonly Mismatch[]): string {
	if (mismatches.length === 0) return `${title}: as expected`;
	const lines = [
		`${title}: ${mismatches.length} difference${mismatches.length === 1 ? '' : 's'} from the expectation`
	];
	for (const m of mismatches) {
		lines.push(`  ${m.what.padEnd(11)} ${m.id}`);
		lines.push(`      expected ${m.expected}   got ${m.actual}`);
		lines.push(`      because  ${m.why}`);
		if (m.app) lines.push(`      app says ${m.app}`);
	}
	return lines.join('\n');
}
