/**
 * Recorded check results: the JSON the check page exports (CheckResult), from a real run of the
 * built site in one engine behind one lab profile, kept under test/lab/recorded-results/<engine>/
 * <profile>.json with what the lab knew about the network. The diagnosis module's unit tests read
 * them (issue 11). Written by test/e2e/causes.e2e.ts with NR_RECORD_RESULTS=1.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as prettier from 'prettier';
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import type { LabEngine } from '../lab/expected-outcomes';
import { REPO_ROOT } from '../lab/lab';
import type { NetworkProfile } from '../lab/network-profiles';
import { ADDR } from '../lab/plan';

export const RECORDED_RESULTS_DIR = join(REPO_ROOT, 'test/lab/recorded-results');

export interface RecordedResult {
	$comment: string;
	engine: LabEngine;
	/** the browser as it reports itself ("Chromium 156.0…", "Firefox 153.8.0esr") */
	browserVersion: string;
	profile: string;
	description: string;
	/** what a correct diagnosis says about this network (test/lab/network-profiles.ts) */
	expectedCauses: NetworkProfile['expectedCauses'];
	impliedCauses: NonNullable<NetworkProfile['impliedCauses']>;
	causeNote: string | null;
	lab: {
		/** one-way delay added on the router, ms (the round trip grows by twice this) */
		delayMs: number;
		/** the client's address as servers see it: the srflx address */
		natAddress: string;
		proxy: string | null;
		middlebox: NetworkProfile['middlebox'] | null;
		client: NetworkProfile['client'] | null;
	};
	/** navigator.onLine on the check page, just before the check started and when it was done */
	navigatorOnLine: { beforeCheck: boolean; afterCheck: boolean };
	/** click on start-check to the first frame with check-done, measured in the page */
	pressToVerdictMs: number;
	/** the exported JSON, as downloaded */
	result: CheckResult;
}

export function recordedResult(options: {
	engine: LabEngine;
	browserVersion: string;
	profile: NetworkProfile;
	proxyUrl: string | undefined;
	navigatorOnLine: RecordedResult['navigatorOnLine'];
	pressToVerdictMs: number;
	result: CheckResult;
}): RecordedResult {
	const { profile } = options;
	return {
		$comment:
			'Recorded by test/e2e/causes.e2e.ts with NR_RECORD_RESULTS=1: the built site opened at ' +
			'/check/?products=all in this engine inside the network lab (docs/lab.md) behind this profile, ' +
			'start-check pressed, the export-json download kept verbatim in "result". Every address is ' +
			'a lab address (10.211.0.0/16); the browser never reports host candidates.',
		engine: options.engine,
		browserVersion: options.browserVersion,
		profile: profile.name,
		description: profile.description,
		expectedCauses: profile.expectedCauses,
		impliedCauses: profile.impliedCauses ?? [],
		causeNote: profile.causeNote ?? null,
		lab: {
			delayMs: profile.delayMs ?? 0,
			natAddress: profile.nat ? ADDR.routerServerSide : ADDR.client,
			proxy: options.proxyUrl ?? null,
			middlebox: profile.middlebox ?? null,
			client: profile.client ?? null
		},
		navigatorOnLine: options.navigatorOnLine,
		pressToVerdictMs: Math.round(options.pressToVerdictMs),
		result: options.result
	};
}

/**
 * Every IPv4 address in what the browser observed (the probes and their evidence) that is not the
 * lab's (10.211.0.0/16) or an obfuscated socket address (0.0.0.x): a host address must never be
 * recorded. Requirement reasons and verdicts are left out: they quote the vendors' published
 * address ranges from data/.
 */
export function foreignAddresses(recording: RecordedResult): string[] {
	const text = JSON.stringify({ ...recording, result: { probes: recording.result.probes } });
	const found = text.match(/\b\d{1,3}(?:\.\d{1,3}){3}\b/g) ?? [];
	return [...new Set(found)].filter((a) => !a.startsWith('10.211.') && !a.startsWith('0.0.0.'));
}

/** Writes the recording, formatted as the repository's prettier config wants (lint stays clean). */
export async function writeRecordedResult(recording: RecordedResult): Promise<string> {
	const file = join(RECORDED_RESULTS_DIR, recording.engine, `${recording.profile}.json`);
	mkdirSync(dirname(file), { recursive: true });
	const options = (await prettier.resolveConfig(file)) ?? {};
	writeFileSync(
		file,
		await prettier.format(JSON.stringify(recording), { ...options, filepath: file })
	);
	return file;
}
