/**
 * Every recorded lab result (test/lab/recorded-results/<engine>/<profile>.json: the check's own
 * export from a real run of the site in Chromium and Firefox ESR behind each lab profile) through
 * the diagnosis: the causes it names must be the profile's expected causes, plus at most the
 * facts those causes imply (docs/lab.md, test/lab/network-profiles.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ProbeResult } from '$lib/result/result';
import { CANNOT_TELL } from '../../../test/lab/cannot-tell';
import { diagnose } from './diagnosis';

const DIR = 'test/lab/recorded-results';

interface Recording {
	engine: string;
	profile: string;
	expectedCauses: string[];
	impliedCauses: string[];
	navigatorOnLine: { afterCheck: boolean };
	result: { probes: ProbeResult[] };
}

const recordings: Recording[] = readdirSync(DIR).flatMap((engine) =>
	readdirSync(join(DIR, engine))
		.filter((f) => f.endsWith('.json'))
		.map((f) => JSON.parse(readFileSync(join(DIR, engine, f), 'utf8')) as Recording)
);

describe('the diagnosis of every recorded lab run', () => {
	it('has recordings of every profile in both engines', () => {
		const engines = new Set(recordings.map((r) => r.engine));
		expect([...engines].sort()).toEqual(['chromium', 'firefox']);
		expect(recordings.length).toBeGreaterThanOrEqual(30);
	});

	for (const r of recordings)
		it(`${r.engine} / ${r.profile}: ${r.expectedCauses.join(', ') || 'no cause'}`, () => {
			const d = diagnose({
				probes: r.result.probes,
				online: r.navigatorOnLine.afterCheck,
				lookupErrorsReported: r.engine === 'chromium'
			});
			const named = d.findings.map((f) => f.cause);
			const exception = CANNOT_TELL[`${r.engine}/${r.profile}`];
			if (exception) {
				expect(named, exception.why).toEqual(exception.names);
				if (exception.alternative)
					expect(
						d.findings.flatMap((f) => f.alternatives ?? []),
						exception.why
					).toContain(exception.alternative);
				return;
			}
			for (const cause of r.expectedCauses) expect(named, `${cause} is named`).toContain(cause);
			const allowed = new Set([...r.expectedCauses, ...r.impliedCauses]);
			for (const cause of named) expect(allowed.has(cause), `${cause} is not expected`).toBe(true);
		});
});
