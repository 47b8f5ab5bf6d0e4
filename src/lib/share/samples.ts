/**
 * Results for tests: a realistic full check built from a catalog (what a real run of every product
 * produces, with the evidence texts the probes write) and seeded random results for round trips.
 * Used by the share, compare and history specs and the end-to-end tests; not imported by the app.
 */
import {
	PROBE_OUTCOMES,
	REQUIREMENT_STATUSES,
	RESULT_FORMAT,
	RESULT_VERSION,
	VERDICTS,
	type CheckResult,
	type ProbeOutcome,
	type ProbeResult,
	type RequirementResult
} from '$lib/check/result';
import { evaluate } from '$lib/check/check';
import { products, withRequiredProducts } from '$lib/data/catalog';
import type { ShareCatalog, ShareProduct } from './codec';

/** mulberry32: small, seedable, good enough to vary test data. */
export function seededRandom(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(rand: () => number, items: readonly T[]): T {
	return items[Math.floor(rand() * items.length)]!;
}

function kindOfUrl(url: string): ProbeResult['kind'] {
	if (url.startsWith('stun:')) return 'stun';
	if (url.startsWith('turn')) return 'turn';
	if (url.startsWith('wss:')) return 'wss';
	return 'https';
}

function probeUrlsOf(product: ShareProduct, index: number): string[] {
	const check = product.requirements[index]!.check;
	const targets =
		check.kind === 'probe' ? check.probes : check.kind === 'inferred' ? check.from : [];
	return [...new Set(targets.map((t) => t.url))];
}

/** What a probe of this kind writes when it ends with this outcome, as the probes do. */
export function realisticProbe(
	url: string,
	outcome: ProbeOutcome,
	rand: () => number
): ProbeResult {
	const kind = kindOfUrl(url);
	const ms =
		outcome === 'timeout' ? 4000 + Math.floor(rand() * 1000) : 15 + Math.floor(rand() * 400);
	const probe: ProbeResult = { url, kind, outcome, ms, evidence: {} };
	const family = rand() < 0.8 ? 'ipv4' : 'ipv6';
	if (kind === 'stun') {
		if (outcome === 'reachable') {
			probe.rttMs = 10 + Math.floor(rand() * 90);
			probe.evidence = {
				candidateTypes: ['srflx'],
				publicAddress: '203.0.113.' + Math.floor(rand() * 250 + 1),
				detail: `STUN binding answered in ${probe.rttMs} ms`
			};
		} else if (outcome === 'dns-failed') {
			probe.evidence = {
				iceErrors: [{ code: 701, text: 'STUN host lookup received error.', family }],
				detail: 'The STUN server name did not resolve'
			};
		} else {
			probe.evidence = { detail: `No STUN answer within ${ms} ms` };
		}
	} else if (kind === 'turn') {
		if (outcome === 'reachable') {
			probe.evidence = {
				candidateTypes: [],
				iceErrors: [{ code: 401, text: 'Unauthorized.', family }],
				detail: `TURN server answered 401 Unauthorized in ${ms} ms (reachable)`
			};
		} else if (outcome === 'refused') {
			probe.evidence = {
				iceErrors: [{ code: 701, text: 'Failed to establish connection', family }],
				detail: 'TURN connection refused'
			};
		} else {
			probe.evidence = { detail: `No TURN answer within ${ms} ms` };
		}
	} else if (kind === 'wss') {
		probe.evidence =
			outcome === 'reachable'
				? { detail: `WebSocket handshake reached the server in ${ms} ms` }
				: { detail: `WebSocket closed with code 1006 after ${ms} ms` };
	} else {
		probe.evidence =
			outcome === 'reachable'
				? { detail: `Opaque response in ${ms} ms` }
				: { detail: `Fetch failed after ${ms} ms (${outcome})` };
	}
	return probe;
}

/**
 * A complete check of every product in the catalog on a network that blocks UDP to relays
 * (a typical hospital): most TCP/TLS probes answer, some fail, evidence as real probes write it.
 */
export function realisticFullResult(catalog: ShareCatalog, seed = 1): CheckResult {
	const rand = seededRandom(seed);
	const outcomes = new Map<string, ProbeOutcome>();
	for (const product of catalog.products) {
		product.requirements.forEach((_, i) => {
			for (const url of probeUrlsOf(product, i)) {
				if (outcomes.has(url)) continue;
				const udp = url.includes('transport=udp') || url.startsWith('stun:');
				const roll = rand();
				outcomes.set(
					url,
					udp && roll < 0.4
						? 'timeout'
						: roll < 0.1
							? 'refused'
							: roll < 0.13
								? 'dns-failed'
								: 'reachable'
				);
			}
		});
	}
	const probes = [...outcomes].map(([url, outcome]) => realisticProbe(url, outcome, rand));
	const byUrl = new Map(probes.map((p) => [p.url, p]));
	const requirements: Record<string, RequirementResult> = {};
	const verdicts: CheckResult['verdicts'] = {};
	for (const product of catalog.products) {
		const blocking: string[] = [];
		product.requirements.forEach((req, i) => {
			const urls = probeUrlsOf(product, i);
			const seen = urls.map((u) => byUrl.get(u)!.outcome);
			const ok = seen.filter((o) => o === 'reachable').length;
			let status: RequirementResult['status'];
			let reason: string;
			if (req.check.kind === 'manual') {
				status = 'manual';
				reason = 'A browser cannot open this port; run the manual command below.';
			} else if (req.check.kind === 'inferred') {
				status = 'inferred';
				reason = `Inferred from ${urls.length} related probe(s): ${ok} answered.`;
			} else if (ok === urls.length) {
				status = 'passed';
				reason = `All ${urls.length} probe(s) answered.`;
			} else if (ok === 0) {
				status = 'failed';
				reason = `None of the ${urls.length} probe(s) answered.`;
				blocking.push(req.id);
			} else {
				status = 'partial';
				reason = `${ok} of ${urls.length} probe(s) answered.`;
			}
			requirements[req.id] = { status, probes: urls, reason };
		});
		const verdict =
			blocking.length === 0 ? 'ready' : blocking.length < 3 ? 'degraded' : 'not-ready';
		verdicts[product.id] = {
			verdict,
			headline: `${product.name ?? product.id}: ${verdict}`,
			advice: verdict === 'ready' ? [] : ['Send this link to IT'],
			blocking
		};
	}
	const started = Date.UTC(2026, 10, 29, 9, 30, 0, 123);
	return {
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		startedAt: new Date(started).toISOString(),
		finishedAt: new Date(started + 5321).toISOString(),
		dataVersion: '2026-11-29.1',
		appVersion: '0.1.0',
		browser: 'Chrome 156',
		webrtc: 'full',
		products: catalog.products.map((p) => p.id),
		probes,
		requirements,
		verdicts
	};
}

/**
 * A full check of every product in the real catalog as the check itself writes it: realistic
 * probe outcomes, then the check's own statuses, reasons and verdicts.
 */
export function evaluatedFullResult(seed = 3): CheckResult {
	const base = realisticFullResult({ products }, seed);
	return { ...base, ...evaluate(base.products, { withRequiredProducts }, base.probes, base) };
}

const TEXT_BITS = [
	'a',
	'é',
	'漢',
	'😀',
	' ',
	'<b>',
	'"',
	"'",
	'&',
	'\u202e',
	'\n',
	'10.0.0.1',
	'x'
];

function randomText(rand: () => number, max: number): string {
	const n = Math.floor(rand() * max);
	let out = '';
	for (let i = 0; i < n; i++) out += pick(rand, TEXT_BITS);
	return out;
}

/** A random result over a random subset of the catalog, with odd but type-correct values. */
export function randomResult(catalog: ShareCatalog, rand: () => number): CheckResult {
	const chosen = catalog.products.filter(() => rand() < 0.6);
	const allUrls = [
		...new Set(chosen.flatMap((p) => p.requirements.flatMap((_, i) => probeUrlsOf(p, i))))
	];
	const extraUrls =
		rand() < 0.3 ? ['https://extra.example.test/x', 'stun:odd.example.test:19302'] : [];
	const probes: ProbeResult[] = [...allUrls, ...extraUrls]
		.filter(() => rand() < 0.9)
		.map((url) => {
			const p = realisticProbe(url, pick(rand, PROBE_OUTCOMES), rand);
			if (rand() < 0.2) p.evidence.detail = randomText(rand, 30);
			if (rand() < 0.1) delete p.rttMs;
			if (rand() < 0.1) p.evidence.httpStatus = Math.floor(rand() * 600);
			return p;
		});
	const requirements: Record<string, RequirementResult> = {};
	for (const product of chosen) {
		product.requirements.forEach((req, i) => {
			if (rand() < 0.1) return;
			const urls = probeUrlsOf(product, i);
			const status = pick(rand, REQUIREMENT_STATUSES);
			requirements[req.id] = {
				status,
				probes: rand() < 0.15 ? [...urls].reverse().concat(extraUrls.slice(0, 1)) : urls,
				reason: randomText(rand, 20)
			};
			if (status === 'inferred' || rand() < 0.05)
				requirements[req.id]!.inferredOutcome = pick(rand, ['open', 'blocked', 'unknown'] as const);
		});
	}
	if (rand() < 0.2)
		requirements['unknown-product.req-1'] = { status: 'failed', probes: [], reason: '' };
	const verdicts: CheckResult['verdicts'] = {};
	for (const product of chosen) {
		const ids = Object.keys(requirements).filter((id) => id.startsWith(product.id));
		verdicts[product.id] = {
			verdict: pick(rand, VERDICTS),
			headline: randomText(rand, 10),
			advice: [randomText(rand, 10)],
			blocking: ids.filter(() => rand() < 0.1)
		};
		if (rand() < 0.5) verdicts[product.id]!.alsoFailed = ids.filter(() => rand() < 0.1);
	}
	const started = Math.floor(rand() * 2e12);
	return {
		format: RESULT_FORMAT,
		version: RESULT_VERSION,
		startedAt: new Date(started).toISOString(),
		finishedAt: new Date(started + Math.floor(rand() * 60000)).toISOString(),
		dataVersion: randomText(rand, 12) || '1',
		appVersion: '0.1.0',
		browser: pick(rand, ['Chrome 156', 'Firefox 153', 'Safari 19', randomText(rand, 30)]),
		webrtc: pick(rand, ['full', 'no-error-events', 'unavailable'] as const),
		products: chosen.map((p) => p.id),
		probes,
		requirements,
		verdicts
	};
}

/**
 * A catalog shaped like the real one (about 150 requirements, 40 distinct probes, long vendor
 * host names) for tests that must not depend on the current data files.
 */
export function syntheticCatalog(): ShareCatalog & { products: ShareProduct[] } {
	const vendors = ['amwell', 'accurx', 'medserve', 'emis', 'twilio'];
	const hosts = [
		'global.stun.twilio.com',
		'global.turn.twilio.com',
		'ws.xirsys.com',
		'us.xirsys.com',
		'api.amwell.com',
		'video.accurx.com',
		'turn.whereby.com',
		'srv.whereby.com',
		'openapi.emishealth.com',
		'identityservice.emishealth.com'
	];
	const urls: string[] = [];
	for (const h of hosts) {
		urls.push(
			`stun:${h}:3478`,
			`turn:${h}:3478?transport=udp`,
			`turns:${h}:443?transport=tcp`,
			`https://${h}/`
		);
	}
	const products: ShareProduct[] = [];
	let u = 0;
	for (let p = 0; p < 8; p++) {
		const id = `${vendors[p % vendors.length]}-product-${p}`;
		const requirements: ShareProduct['requirements'][number][] = [];
		for (let r = 0; r < 19; r++) {
			const roll = r % 4;
			const probesFor = [{ url: urls[u++ % urls.length]! }, { url: urls[(u * 7) % urls.length]! }];
			requirements.push({
				id: `${id}.requirement-${r}`,
				check:
					roll === 0 || roll === 1
						? { kind: 'probe', probes: probesFor }
						: roll === 2
							? { kind: 'inferred', from: probesFor.slice(0, 1) }
							: { kind: 'manual' }
			});
		}
		products.push({
			id,
			name: `Product ${p}`,
			kind: p % 2 ? 'video' : 'clinical-system',
			requirements
		});
	}
	return { products };
}
