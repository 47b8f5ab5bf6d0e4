/**
 * The real site in the lab: for every profile file in test/lab/profiles/, open the built check page
 * in Chromium behind that network profile, run the check, export the JSON, and compare every probe
 * outcome, requirement status and product verdict with the expectation (test/lab/compare.ts).
 *
 * Needs the built site: npm run build. NR_WRITE_OBSERVED=1 also writes what the app reported to
 * test-results/lab-observed/<profile>.json, for reviewing and updating expectations.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { compareResult, formatMismatches } from '../lab/compare';
import { REPO_ROOT } from '../lab/lab';
import type { ProfileExpectation } from '../lab/profiles/types';
import { readDataFiles } from '../lab/targets';
import { startLab, stopLab } from '../support/browser';
import { runCheckInPage } from '../support/check-page';

const modules = import.meta.glob<ProfileExpectation>('../lab/profiles/*.ts', {
	eager: true,
	import: 'default'
});
const expectations = Object.entries(modules)
	.filter(([path]) => !path.endsWith('/types.ts'))
	.map(([path, expectation]) => ({
		file: path.split('/').pop()!.replace(/\.ts$/, ''),
		expectation
	}))
	.sort((a, b) => a.file.localeCompare(b.file));

const WRITE_OBSERVED = process.env.NR_WRITE_OBSERVED === '1';
/** generous: the app bounds a blocked network to seconds; this only stops a hung page */
const CHECK_TIMEOUT_MS = 60_000;

beforeAll(() => {
	if (
		!existsSync(join(REPO_ROOT, 'build', 'check.html')) &&
		!existsSync(join(REPO_ROOT, 'build', 'check', 'index.html'))
	) {
		throw new Error('build/ has no check page: run "npm run build" before the profile tests');
	}
});

afterAll(async () => {
	await stopLab();
});

describe.each(expectations)('profile $file', ({ file, expectation }) => {
	test(`${expectation.title ?? expectation.network}: probes, statuses and verdicts as the network allows`, async () => {
		const lab = await startLab(expectation.network);
		expect(lab.dataError, 'the lab could not read data/').toBeUndefined();
		const run = await runCheckInPage(expectation.products, {
			timeoutMs: CHECK_TIMEOUT_MS,
			subPath: expectation.subPath
		});
		try {
			if (WRITE_OBSERVED) {
				const dir = join(REPO_ROOT, 'test-results', 'lab-observed');
				mkdirSync(dir, { recursive: true });
				const observed = {
					network: expectation.network,
					pressToVerdictMs: Math.round(run.pressToVerdictMs),
					verdicts: Object.fromEntries(
						Object.entries(run.result.verdicts).map(([id, v]) => [
							id,
							{ verdict: v.verdict, headline: v.headline, blocking: v.blocking }
						])
					),
					requirements: Object.fromEntries(
						Object.entries(run.result.requirements).map(([id, r]) => [
							id,
							{ status: r.status, inferredOutcome: r.inferredOutcome, reason: r.reason }
						])
					),
					probes: run.result.probes.map((p) => ({
						url: p.url,
						outcome: p.outcome,
						ms: p.ms,
						evidence: p.evidence
					}))
				};
				writeFileSync(join(dir, `${file}.json`), JSON.stringify(observed, null, '\t') + '\n');
			}
			const mismatches = compareResult(
				run.result,
				expectation,
				readDataFiles(join(REPO_ROOT, 'data'))
			);
			// One readable block per difference; a structural diff of the list would only add noise.
			if (mismatches.length) {
				expect.fail(formatMismatches(`profile ${file} (${expectation.network})`, mismatches));
			}
			expect(Object.keys(run.result.verdicts).length).toBeGreaterThan(0);
		} finally {
			await run.page.context().close();
		}
	});
});
