/**
 * Proves the lab: raw RTCPeerConnection, fetch and WebSocket from Chromium in the client namespace,
 * against coturn and the HTTPS/WSS server, under every network profile. Independent of the app.
 *
 * NR_RECORD=1 also writes what Chromium emitted to test/lab/recorded/<profile>.json (the app's
 * classifier tests use these) and waits up to 90 s per probe so the recordings show when Chromium
 * itself gives up:  NR_RECORD=1 npx vitest run --config test/vitest.e2e.config.ts ice-smoke
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../lab/lab';
import {
	NETWORK_PROFILE_NAMES,
	NETWORK_PROFILES,
	type NetworkProfileName
} from '../lab/network-profiles';
import { ADDR, LAB_NAMES } from '../lab/plan';
import { currentBrowser, openBlankPage, startLab, stopLab } from '../support/browser';
import { observe, type IceObservation } from '../support/ice-classify';
import { iceSummary, runIceProbes, runWebProbes, type WebProbeRecord } from '../support/raw-probes';

import {
	ICE_PROBES,
	STUN,
	TURN,
	WEB_PROBES,
	type IceProbeName,
	type WebProbeName
} from '../support/smoke-probes';

const RECORD = process.env.NR_RECORD === '1';
/** the window the expectations describe; recordings wait longer but are judged within it */
const JUDGED_WITHIN_MS = 8_000;
const ICE_WAIT_MS = Number(process.env.NR_ICE_WAIT_MS ?? (RECORD ? 90_000 : JUDGED_WITHIN_MS));
const WEB_WAIT_MS = Number(process.env.NR_WEB_WAIT_MS ?? (RECORD ? 30_000 : 6_000));

type WebObservation = WebProbeRecord['outcome'];
interface Expectation {
	ice: Record<IceProbeName, IceObservation>;
	web: Record<WebProbeName, WebObservation>;
}

const ICE_REACHABLE: Expectation['ice'] = {
	'stun-udp-3478': 'srflx',
	'turn-udp-3478': '401',
	'turn-tcp-3478': '401',
	'turns-tls-5349': '401',
	'turns-tls-443': '401',
	'turn-tcp-443': '401',
	'turn-udp-443': '401',
	'lab-turn-udp-3478': '401',
	'lab-turn-udp-3478-auth': 'relay',
	'missing-turn-udp': 'lookup-error',
	'missing-turn-tcp': 'connect-failed'
};
const WEB_REACHABLE: Expectation['web'] = {
	'https-no-cors': 'response',
	'https-cors-204': 'response',
	'https-8443': 'response',
	wss: 'open',
	'missing-https': 'error',
	'missing-wss': 'error'
};
/** Names that do not resolve fail the same way in every profile where DNS answers. */
const NAME_FAILURES = {
	'missing-turn-udp': 'lookup-error',
	'missing-turn-tcp': 'connect-failed'
} as const;
const DROPPED_ICE: Expectation['ice'] = {
	...(Object.fromEntries(Object.keys(ICE_PROBES).map((k) => [k, 'silent'])) as Expectation['ice']),
	...NAME_FAILURES
};

/**
 * What each profile must show. Every value is a consequence of the profile's rules, e.g.
 * udp-blocked: nothing over UDP answers, everything over TCP/TLS does.
 */
const EXPECTED: Record<NetworkProfileName, Expectation> = {
	open: { ice: ICE_REACHABLE, web: WEB_REACHABLE },
	// The reflexive address equals the host address; Chromium 156 still emits the srflx candidate
	// (its host candidate is an mDNS name, so the two are not deduplicated).
	'no-nat': { ice: ICE_REACHABLE, web: WEB_REACHABLE },
	'udp-blocked': {
		ice: {
			...ICE_REACHABLE,
			'stun-udp-3478': 'silent',
			'turn-udp-3478': 'silent',
			'turn-udp-443': 'silent',
			'lab-turn-udp-3478': 'silent',
			'lab-turn-udp-3478-auth': 'silent'
		},
		web: WEB_REACHABLE
	},
	'only-tcp-443': {
		ice: { ...DROPPED_ICE, 'turns-tls-443': '401', 'turn-tcp-443': '401' },
		web: { ...WEB_REACHABLE, 'https-8443': 'timeout' }
	},
	'stun-turn-ports-blocked': {
		ice: {
			...DROPPED_ICE,
			'turns-tls-443': '401',
			'turn-tcp-443': '401',
			'turn-udp-443': '401'
		},
		web: WEB_REACHABLE
	},
	'web-only': { ice: DROPPED_ICE, web: { ...WEB_REACHABLE, 'https-8443': 'timeout' } },
	'dns-failure-twilio': {
		ice: {
			...ICE_REACHABLE,
			'stun-udp-3478': 'lookup-error',
			'turn-udp-3478': 'lookup-error',
			'turn-udp-443': 'lookup-error',
			'turn-tcp-3478': 'connect-failed',
			'turns-tls-5349': 'connect-failed',
			'turns-tls-443': 'connect-failed',
			'turn-tcp-443': 'connect-failed'
		},
		web: WEB_REACHABLE
	},
	'all-rejected': {
		ice: {
			...DROPPED_ICE,
			'turn-tcp-3478': 'connect-failed',
			'turns-tls-5349': 'connect-failed',
			'turns-tls-443': 'connect-failed',
			'turn-tcp-443': 'connect-failed'
		},
		web: {
			'https-no-cors': 'error',
			'https-cors-204': 'error',
			'https-8443': 'error',
			wss: 'error',
			'missing-https': 'error',
			'missing-wss': 'error'
		}
	},
	'all-blocked': {
		ice: DROPPED_ICE,
		web: {
			'https-no-cors': 'timeout',
			'https-cors-204': 'timeout',
			'https-8443': 'timeout',
			wss: 'timeout',
			'missing-https': 'error',
			'missing-wss': 'error'
		}
	},
	// Unanswered DNS: Chromium's resolver gives up after ~13 s (lookup errors), TURN over TCP/TLS
	// reports "Failed to establish connection" after ~26 s: within the window, silence everywhere.
	offline: {
		ice: Object.fromEntries(
			Object.keys(ICE_PROBES).map((k) => [k, 'silent'])
		) as Expectation['ice'],
		web: {
			'https-no-cors': 'timeout',
			'https-cors-204': 'timeout',
			'https-8443': 'timeout',
			wss: 'timeout',
			'missing-https': 'timeout',
			'missing-wss': 'timeout'
		}
	}
};

afterAll(async () => {
	await stopLab();
});

describe.each(NETWORK_PROFILE_NAMES)('lab profile %s', (profileName) => {
	test('Chromium sees exactly what the firewall and resolver allow', async () => {
		const lab = await startLab(profileName);
		const page = await openBlankPage();
		const iceNames = Object.keys(ICE_PROBES) as IceProbeName[];
		const webNames = Object.keys(WEB_PROBES) as WebProbeName[];
		const [ice, web] = await Promise.all([
			runIceProbes(
				page,
				iceNames.map((n) => ICE_PROBES[n]),
				ICE_WAIT_MS
			),
			runWebProbes(
				page,
				webNames.map((n) => WEB_PROBES[n]),
				WEB_WAIT_MS
			)
		]);

		if (RECORD) {
			const dir = join(REPO_ROOT, 'test/lab/recorded');
			mkdirSync(dir, { recursive: true });
			const recording = {
				$comment:
					'Recorded by test/e2e/ice-smoke.e2e.ts with NR_RECORD=1 in the network lab (docs/lab.md). ' +
					'Addresses are lab addresses; host candidates are mDNS names, replaced by "<mdns>.local".',
				browser: `Chromium ${currentBrowser().version()}`,
				profile: profileName,
				description: NETWORK_PROFILES[profileName].description,
				recordedAt: new Date().toISOString(),
				lab: {
					/** what the lab's resolver answers for the names probed here (absent: NXDOMAIN) */
					addresses: Object.fromEntries(
						[STUN, TURN, LAB_NAMES.turn, LAB_NAMES.web, LAB_NAMES.missing].map((name) => [
							name,
							lab.dns.records.get(name) ?? null
						])
					),
					relayAddress: ADDR.turn,
					/** the client's address as servers see it: the srflx address */
					natAddress: NETWORK_PROFILES[profileName].nat ? ADDR.routerServerSide : ADDR.client
				},
				iceWaitMs: ICE_WAIT_MS,
				webWaitMs: WEB_WAIT_MS,
				ice: Object.fromEntries(
					iceNames.map((n, i) => [
						n,
						{
							observedWithin8s: observe(ice[i]!, JUDGED_WITHIN_MS),
							observedAtEnd: observe(ice[i]!),
							...ice[i]!
						}
					])
				),
				web: Object.fromEntries(webNames.map((n, i) => [n, web[i]!]))
			};
			writeFileSync(join(dir, `${profileName}.json`), JSON.stringify(recording, null, '\t') + '\n');
		}

		const observedIce = Object.fromEntries(
			iceNames.map((n, i) => [n, observe(ice[i]!, JUDGED_WITHIN_MS)])
		);
		// a web probe that outlived the judged window counts as a timeout, as in a normal run
		const observedWeb = Object.fromEntries(
			webNames.map((n, i) => [
				n,
				web[i]!.outcome !== 'timeout' && web[i]!.ms > 6_000 ? 'timeout' : web[i]!.outcome
			])
		);
		const details = iceNames.map((n, i) => ({ probe: n, ...iceSummary(ice[i]!) }));
		expect(
			{ ice: observedIce, web: observedWeb },
			JSON.stringify({ details, web }, null, 1)
		).toEqual(EXPECTED[profileName]);

		// STUN through the NAT reflects the router's outside address, never the client's own.
		const srflx = details.find((d) => d.probe === 'stun-udp-3478')!.srflx;
		if (observedIce['stun-udp-3478'] === 'srflx')
			expect(srflx).toEqual([lab.profile.nat ? ADDR.routerServerSide : ADDR.client]);
		await page.context().close();
	});
});
