/**
 * What Firefox ESR itself emits in the lab: raw RTCPeerConnection, fetch and WebSocket (the same
 * probes as ice-smoke.e2e.ts, from test/support/raw-probes.ts) under every network profile,
 * independent of the app. Asserts the measured Firefox facts the classifier relies on
 * (docs/lab.md, "Firefox ESR"): 401 for reachable TURN, 701 with an empty text, server urls written
 * without ?transport=udp, a TCP active host candidate on port 9.
 *
 * NR_RECORD=1 also writes test/lab/recorded-firefox/<profile>.json (replayed by
 * src/lib/probes/lab-recordings.spec.ts) and waits up to NR_ICE_WAIT_MS (default 30 s) per probe
 * so the recordings show when Firefox itself gives up:
 *   NR_RECORD=1 npx vitest run --config test/vitest.e2e.config.ts firefox-smoke
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page as PlaywrightPage } from 'playwright-core';
import * as prettier from 'prettier';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { expectedProbeOutcome, type OutcomeExpectation } from '../lab/expected-outcomes';
import { REPO_ROOT } from '../lab/lab';
import {
	NETWORK_PROFILE_NAMES,
	NETWORK_PROFILES,
	type NetworkProfileName
} from '../lab/network-profiles';
import { ADDR, LAB_NAMES } from '../lab/plan';
import { currentBrowser, startLab, stopLab } from '../support/browser';
import {
	closeAllFirefox,
	firefoxTrafficAudit,
	launchFirefox,
	openFirefoxPage,
	type FirefoxSession
} from '../support/firefox';
import {
	runIceProbes,
	runWebProbes,
	type IceEvent,
	type IceProbeRecord,
	type WebProbeRecord
} from '../support/raw-probes';

import {
	ICE_PROBES,
	STUN,
	TURN,
	WEB_PROBES,
	type IceProbeName,
	type WebProbeName
} from '../support/smoke-probes';

const RECORD = process.env.NR_RECORD === '1';
/** Firefox reports dropped UDP after ~4 s; the judged window leaves room for a loaded machine. */
const JUDGED_WITHIN_MS = 8_000;
const ICE_WAIT_MS = Number(process.env.NR_ICE_WAIT_MS ?? (RECORD ? 30_000 : JUDGED_WITHIN_MS));
const WEB_WAIT_MS = Number(process.env.NR_WEB_WAIT_MS ?? (RECORD ? 30_000 : 6_000));

type ErrorEvent = Extract<IceEvent, { type: 'candidate-error' }>;

/**
 * A blunt reading of a raw Firefox record, only to prove the lab and pin Firefox's behaviour:
 * a candidate or a STUN/TURN error response (300–699) first, then 701 split by how fast it came.
 */
export type FirefoxIceObservation =
	| 'srflx'
	| 'relay'
	| '401'
	/** 701 within 1 s: no request could have timed out yet (name lookup failed, connection refused) */
	| '701-fast'
	/** 701 later: Firefox gave up waiting for an answer */
	| '701-late'
	| 'complete-silent'
	| 'silent';

function observeFirefox(record: IceProbeRecord, withinMs = Infinity): FirefoxIceObservation {
	const events = record.events.filter((e) => e.t <= withinMs);
	const types = events.filter((e) => e.type === 'candidate').map((e) => e.candidateType);
	if (types.includes('relay')) return 'relay';
	if (types.includes('srflx')) return 'srflx';
	const errors = events.filter((e): e is ErrorEvent => e.type === 'candidate-error');
	if (errors.some((e) => e.errorCode === 401)) return '401';
	const first701 = errors.find((e) => e.errorCode === 701);
	if (first701) return first701.t < 1000 ? '701-fast' : '701-late';
	const completed = record.gatheringCompleteMs !== null && record.gatheringCompleteMs <= withinMs;
	return completed ? 'complete-silent' : 'silent';
}

/**
 * The lab's prediction for a probe (expected-outcomes.ts, from the profile's own rules) in
 * Firefox's words within the judged window, as measured: a reachable server answers (srflx, relay
 * with the lab's credentials, 401 with dummy ones); a refused connection and a name that does not
 * resolve both give a text-less 701 within ~150 ms; dropped packets give nothing for 8 s (Firefox
 * reports them only after 11-13 s, and an unanswered DNS query after 10 s).
 */
function firefoxWords(name: IceProbeName, expected: OutcomeExpectation): FirefoxIceObservation {
	const [first] = expected.acceptable;
	if (first === 'reachable') {
		if (name.endsWith('-auth')) return 'relay';
		return ICE_PROBES[name].server.urls.startsWith('stun:') ? 'srflx' : '401';
	}
	if (expected.acceptable.includes('timeout')) return 'silent';
	return '701-fast';
}

function webWords(expected: OutcomeExpectation, kind: WebProbeRecord['kind']) {
	const [first] = expected.acceptable;
	if (first === 'reachable') return kind === 'websocket' ? 'open' : 'response';
	return expected.acceptable.includes('timeout') ? 'timeout' : 'error';
}

afterEach(async () => {
	await closeAllFirefox();
});

afterAll(async () => {
	await closeAllFirefox();
	await stopLab();
});

describe.each(NETWORK_PROFILE_NAMES)('lab profile %s', (profileName: NetworkProfileName) => {
	test('Firefox ESR emits what the firewall and resolver allow, in its own words', async () => {
		const lab = await startLab(profileName);
		// Chromium is not needed here; closed, so the resolver log from here on is Firefox's alone.
		await currentBrowser().close();
		const firefox: FirefoxSession = await launchFirefox(lab);
		const page = await openFirefoxPage(firefox, lab, '/__lab/blank');
		// raw-probes.ts only calls page.evaluate(fn, arg), which puppeteer's Page has with the same shape.
		const asPage = page as unknown as PlaywrightPage;
		const iceNames = Object.keys(ICE_PROBES) as IceProbeName[];
		const webNames = Object.keys(WEB_PROBES) as WebProbeName[];
		const [ice, web] = await Promise.all([
			runIceProbes(
				asPage,
				iceNames.map((n) => ICE_PROBES[n]),
				ICE_WAIT_MS
			),
			runWebProbes(
				asPage,
				webNames.map((n) => WEB_PROBES[n]),
				WEB_WAIT_MS
			)
		]);

		// What the app's probe must conclude for each, from the profile's rules (the lab's prediction).
		const iceExpected = iceNames.map((n) =>
			expectedProbeOutcome(lab.profile, ICE_PROBES[n].server.urls, lab.targets)
		);
		const webExpected = webNames.map((n) =>
			expectedProbeOutcome(lab.profile, WEB_PROBES[n].url, lab.targets)
		);

		if (RECORD) {
			const dir = join(REPO_ROOT, 'test/lab/recorded-firefox');
			mkdirSync(dir, { recursive: true });
			const recording = {
				$comment:
					'Recorded by test/e2e/firefox-smoke.e2e.ts with NR_RECORD=1 in the network lab (docs/lab.md). ' +
					'Addresses are lab addresses; host candidates are mDNS names, replaced by "<mdns>.local".',
				browser: `Firefox ESR ${firefox.version.replace(/^firefox\//i, '')}`,
				profile: profileName,
				description: NETWORK_PROFILES[profileName].description,
				recordedAt: new Date().toISOString(),
				lab: {
					addresses: Object.fromEntries(
						[STUN, TURN, LAB_NAMES.turn, LAB_NAMES.web, LAB_NAMES.missing].map((name) => [
							name,
							lab.dns.records.get(name) ?? null
						])
					),
					relayAddress: ADDR.turn,
					natAddress: NETWORK_PROFILES[profileName].nat ? ADDR.routerServerSide : ADDR.client
				},
				iceWaitMs: ICE_WAIT_MS,
				webWaitMs: WEB_WAIT_MS,
				ice: Object.fromEntries(
					iceNames.map((n, i) => [
						n,
						{
							expected: iceExpected[i],
							observedWithin8s: observeFirefox(ice[i]!, JUDGED_WITHIN_MS),
							observedAtEnd: observeFirefox(ice[i]!),
							...ice[i]!
						}
					])
				),
				web: Object.fromEntries(
					webNames.map((n, i) => [n, { expected: webExpected[i], ...web[i]! }])
				)
			};
			// formatted as the repository's prettier config wants it, so `npm run lint` stays clean
			const file = join(dir, `${profileName}.json`);
			const options = (await prettier.resolveConfig(file)) ?? {};
			writeFileSync(
				file,
				await prettier.format(JSON.stringify(recording), { ...options, filepath: file })
			);
		}

		const details = JSON.stringify(
			iceNames.map((n, i) => ({ probe: n, events: ice[i]!.events })),
			null,
			1
		);
		const observedIce = Object.fromEntries(
			iceNames.map((n, i) => [n, observeFirefox(ice[i]!, JUDGED_WITHIN_MS)])
		);
		const predictedIce = Object.fromEntries(
			iceNames.map((n, i) => [n, firefoxWords(n, iceExpected[i]!)])
		);
		// a web probe that outlived the judged window counts as a timeout, as in a normal run
		const observedWeb = Object.fromEntries(
			webNames.map((n, i) => [
				n,
				web[i]!.outcome !== 'timeout' && web[i]!.ms > 6_000 ? 'timeout' : web[i]!.outcome
			])
		);
		const predictedWeb = Object.fromEntries(
			webNames.map((n, i) => [n, webWords(webExpected[i]!, WEB_PROBES[n].kind)])
		);
		expect({ ice: observedIce, web: observedWeb }, details).toEqual({
			ice: predictedIce,
			web: predictedWeb
		});

		// Firefox's own way of saying it (docs/lab.md): no error text at all, UDP server urls without
		// ?transport=udp, and a TCP "active" host candidate next to the UDP one.
		const errors = ice.flatMap((r) =>
			r.events.filter((e): e is ErrorEvent => e.type === 'candidate-error')
		);
		expect(errors.map((e) => e.errorText).filter(Boolean), details).toEqual([]);
		for (const e of errors) expect(e.url, details).not.toMatch(/\?transport=udp/);
		const stun = ice[iceNames.indexOf('stun-udp-3478')]!;
		const hostCandidates = stun.events.filter(
			(e): e is Extract<IceEvent, { type: 'candidate' }> =>
				e.type === 'candidate' && e.candidateType === 'host'
		);
		expect(
			hostCandidates.map((c) => `${c.protocol}${c.tcpType ? `/${c.tcpType}` : ''}`).sort()
		).toEqual(['tcp/active', 'udp']);
		if (observedIce['stun-udp-3478'] === 'srflx') {
			const srflx = stun.events.find(
				(e): e is Extract<IceEvent, { type: 'candidate' }> =>
					e.type === 'candidate' && e.candidateType === 'srflx'
			);
			expect(srflx?.address).toBe(lab.profile.nat ? ADDR.routerServerSide : ADDR.client);
		}

		const audit = firefoxTrafficAudit(firefox, lab);
		expect(audit.strayNames, `names asked: ${audit.askedNames.join(', ')}`).toEqual([]);
		await page.browserContext().close();
	});
});
