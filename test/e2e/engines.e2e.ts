/**
 * Two engines, one verdict: every lab profile (test/lab/profiles/) runs the real check page in
 * Debian's Chromium and in Debian's Firefox ESR, one after the other on the same lab network.
 * Each engine's exported CheckResult is compared with the profile's expectations
 * (test/lab/compare.ts), and the two with each other (test/support/engine-diff.ts): a difference
 * in any requirement's status or any product's verdict fails with both engines side by side.
 * Firefox must also stay inside the lab: every name it asked the resolver is one the lab plans.
 *
 * Also: Firefox with icecandidateerror taken away, standing for engines without the event
 * (Firefox < 150), must reach weaker conclusions, never different ones.
 *
 * Needs the built site: npm run build. docs/lab.md, "Firefox ESR".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import type { Verdict } from '../../src/lib/result/result';
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import { CANNOT_TELL } from '../lab/cannot-tell';
import { compareResult, formatMismatches } from '../lab/compare';
import { REPO_ROOT } from '../lab/lab';
import type { ProfileExpectation } from '../lab/profiles/types';
import { readDataFiles } from '../lab/targets';
import { currentBrowser, startLab, stopLab } from '../support/browser';
import { runCheckInPage } from '../support/check-page';
import { diffEngines, formatEngineDiff, type EngineRun } from '../support/engine-diff';
import {
	closeAllFirefox,
	firefoxTrafficAudit,
	launchFirefox,
	runCheckInFirefox
} from '../support/firefox';

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

/** generous: the app bounds a blocked network to seconds; this only stops a hung page */
const CHECK_TIMEOUT_MS = 60_000;

beforeAll(() => {
	if (
		!existsSync(join(REPO_ROOT, 'build', 'check.html')) &&
		!existsSync(join(REPO_ROOT, 'build', 'check', 'index.html'))
	) {
		throw new Error('build/ has no check page: run "npm run build" before the engine tests');
	}
});

afterEach(async () => {
	await closeAllFirefox();
});

afterAll(async () => {
	await closeAllFirefox();
	await stopLab();
});

describe('engine comparison (pure)', () => {
	const base: CheckResult = {
		format: 'netready-result',
		version: 1,
		dataVersion: 'x',
		appVersion: 'x',
		startedAt: '2026-01-01T00:00:00.000Z',
		finishedAt: '2026-01-01T00:00:01.000Z',
		browser: 'Chrome 156',
		webrtc: 'full',
		products: ['p'],
		probes: [{ url: 'stun:a.test', kind: 'stun', outcome: 'dns-failed', ms: 40, evidence: {} }],
		requirements: {
			r1: { status: 'failed', probes: ['stun:a.test'], reason: 'failed' },
			r2: { status: 'inferred', inferredOutcome: 'blocked', probes: [], reason: 'x' }
		},
		verdicts: {
			p: { verdict: 'not-ready', headline: 'will not work', blocking: ['r1'], alsoFailed: [] }
		}
	} as unknown as CheckResult;

	test('a failure worded differently by the engines is context, not a difference', () => {
		const other = structuredClone(base);
		other.probes[0]!.outcome = 'timeout';
		const diff = diffEngines({ engine: 'A', result: base }, { engine: 'B', result: other });
		expect(diff.decisive).toEqual([]);
		expect(diff.probes.map((d) => d.values)).toEqual([
			['dns-failed after 40 ms', 'timeout after 40 ms']
		]);
	});

	test('a status, an inference or a verdict that differs is reported with both sides', () => {
		const other = structuredClone(base);
		other.requirements.r1!.status = 'passed';
		other.requirements.r2!.inferredOutcome = 'open';
		other.verdicts.p!.verdict = 'ready';
		const diff = diffEngines(
			{ engine: 'Chromium', result: base },
			{ engine: 'Firefox', result: other }
		);
		expect(diff.decisive.map((d) => [d.what, d.id, ...d.values])).toEqual([
			['requirement', 'r1', 'failed', 'passed'],
			['requirement', 'r2', 'inferred(blocked)', 'inferred(open)'],
			['verdict', 'p', 'not-ready', 'ready']
		]);
		const text = formatEngineDiff('profile x', 'Chromium', 'Firefox', diff);
		expect(text).toContain('disagree on 3');
		expect(text).toMatch(/Chromium\s+not-ready — will not work/);
	});
});

describe.each(expectations)('profile $file', ({ file, expectation }) => {
	test(`${expectation.title ?? expectation.network}: Chromium and Firefox ESR reach the same statuses and verdicts`, async () => {
		const lab = await startLab(expectation.network);
		expect(lab.dataError, 'the lab could not read data/').toBeUndefined();
		const data = readDataFiles(join(REPO_ROOT, 'data'));
		const options = { timeoutMs: CHECK_TIMEOUT_MS, subPath: expectation.subPath };

		const chromiumRun = await runCheckInPage(expectation.products, options);
		const chromium: EngineRun = { engine: 'Chromium', result: chromiumRun.result };
		await chromiumRun.page.context().close();
		// Closed before Firefox starts, so the resolver log from here on is Firefox's alone; lookups
		// Chromium had already sent still arrive for a moment (later on a slow link).
		await currentBrowser().close();
		await new Promise((resolve) => setTimeout(resolve, 1500));

		const session = await launchFirefox(lab);
		const firefoxRun = await runCheckInFirefox(session, lab, expectation.products, options);
		const firefox: EngineRun = { engine: 'Firefox ESR', result: firefoxRun.result };
		const audit = firefoxTrafficAudit(session, lab);
		console.info(
			`[engines] ${file}: press-to-verdict Chromium ${Math.round(chromiumRun.pressToVerdictMs)} ms, ` +
				`Firefox ${Math.round(firefoxRun.pressToVerdictMs)} ms (${session.version})`
		);
		await session.close();

		// The runs really were the two engines, and Firefox had the full WebRTC API.
		expect(chromium.result.browser).toMatch(/^Chrome \d+/);
		expect(firefox.result.browser).toMatch(/^Firefox \d+/);
		expect(firefox.result.webrtc).toBe('full');

		const problems: string[] = [];
		for (const run of [chromium, firefox]) {
			const mismatches = compareResult(run.result, expectation, data);
			if (mismatches.length)
				problems.push(
					formatMismatches(`${run.engine}, profile ${file} (${expectation.network})`, mismatches)
				);
		}
		const diff = diffEngines(chromium, firefox);
		// Where today's statuses are load-dependent (slow-link), the engines may differ too; so they
		// may where one engine cannot tell the cause the other names (test/lab/cannot-tell.ts:
		// Firefox cannot see that DNS is dead), each compared with its own expectation above.
		const oneCannotTell = ['chromium', 'firefox'].some(
			(engine) => CANNOT_TELL[`${engine}/${expectation.network}`]?.verdictsAsToday
		);
		if (diff.decisive.length && !expectation.unassertedToday && !oneCannotTell)
			problems.push(formatEngineDiff(`profile ${file}`, chromium.engine, firefox.engine, diff));
		if (audit.strayNames.length)
			problems.push(
				`Firefox asked the lab resolver for names outside the lab's plan (phoning home?): ` +
					`${audit.strayNames.join(', ')}`
			);
		if (problems.length) expect.fail(problems.join('\n\n'));
		expect(Object.keys(firefox.result.verdicts).length).toBeGreaterThan(0);
	});
});

/** Runs in the page before the app: the event and its handler property are gone, as in Firefox < 150. */
function withoutIceCandidateErrorEvent(): void {
	const proto = RTCPeerConnection.prototype as unknown as Record<string, unknown>;
	delete proto.onicecandidateerror;
	const add = EventTarget.prototype.addEventListener;
	EventTarget.prototype.addEventListener = function (
		this: EventTarget,
		type: string,
		...rest: [EventListenerOrEventListenerObject | null, (boolean | AddEventListenerOptions)?]
	) {
		if (type === 'icecandidateerror' && this instanceof RTCPeerConnection) return;
		return add.call(this, type, ...rest);
	};
}

describe.each(['open', 'udp-blocked'])(
	'Firefox without icecandidateerror (as before Firefox 150), profile %s',
	(network) => {
		const expectation = expectations.find((e) => e.file === network)!.expectation;
		let result: CheckResult | undefined;

		beforeAll(async () => {
			const lab = await startLab(network);
			await currentBrowser().close();
			const session = await launchFirefox(lab);
			try {
				const run = await runCheckInFirefox(session, lab, expectation.products, {
					timeoutMs: CHECK_TIMEOUT_MS,
					initScript: withoutIceCandidateErrorEvent
				});
				result = run.result;
			} finally {
				await session.close();
			}
		}, 120_000);

		test('the page sees no event, every TURN probe is inconclusive and nothing claims a cause', () => {
			expect(result!.webrtc).toBe('no-error-events');
			const problems: string[] = [];
			for (const probe of result!.probes) {
				const ice = probe.kind === 'turn' || probe.kind === 'stun';
				// test credentials never get a relay, and without the 401 nothing else proves anything
				if (probe.kind === 'turn' && probe.outcome !== 'inconclusive')
					problems.push(`TURN ${probe.url}: ${probe.outcome} — ${probe.evidence.detail}`);
				// no error event, so no reason for a failure can be known
				if (ice && (probe.outcome === 'refused' || probe.outcome === 'dns-failed'))
					problems.push(`${probe.url}: ${probe.outcome} — ${probe.evidence.detail}`);
			}
			if (problems.length) expect.fail(problems.join('\n'));
		});

		test('every verdict is the full engine’s or unknown, never a different one', () => {
			const problems: string[] = [];
			for (const [id, v] of Object.entries(result!.verdicts)) {
				const full: Verdict | undefined = expectation.verdicts[id]?.verdict;
				if (v.verdict === full || v.verdict === 'unknown') continue;
				const blocking = v.blocking.map((r) => {
					const rr = result!.requirements[r];
					const status = rr?.inferredOutcome ? `${rr.status}(${rr.inferredOutcome})` : rr?.status;
					return `\n    blocking ${r}: ${status} — ${rr?.reason}`;
				});
				problems.push(
					`${id}: ${v.verdict} (“${v.headline}”) where the full engine says ${full}${blocking.join('')}`
				);
			}
			if (problems.length) expect.fail(problems.join('\n'));
		});
	}
);
