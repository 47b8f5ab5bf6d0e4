/**
 * Links made by share version 2 keep opening exactly as they did: test/fixtures/v2/links.json holds
 * payloads written by this version (full checks with verdict facts, a diagnosis, the public address
 * opted in, a trimmed link, unknown products and orphan requirements, a product named
 * "constructor"), each with what it decoded to when it was made, and the catalog layout it was
 * written against (frozen there, so a change to data/ does not move the goal posts).
 *
 * The fixtures were written once, by this file with NETREADY_WRITE_SHARE_FIXTURES=1 and the file
 * absent; it refuses to overwrite them. A new share version gets its own test/fixtures/vN/.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { products as liveProducts } from '$lib/data/catalog';
import type { CheckResult } from '$lib/result/result';
import { encodeShare, prepareForShare, type ShareCatalog, type SharedResult } from './codec';
import { decodeShare } from './decode';
import { writeBody } from './wire';
import { evaluatedFullResult, randomResult, seededRandom } from '$fixtures/results';

const FILE = 'test/fixtures/v2/links.json';

interface Fixture {
	payload: string;
	shared: SharedResult;
}
interface FixtureFile {
	$comment: string;
	catalog: ShareCatalog;
	links: Record<string, Fixture>;
}

/** The part of the catalog the permalink layout depends on: ids and probe urls, in order. */
function frozenLayout(catalog: ShareCatalog): ShareCatalog {
	return {
		products: catalog.products.map((p) => ({
			id: p.id,
			requirements: p.requirements.map((r) => ({
				id: r.id,
				check:
					r.check.kind === 'probe'
						? { kind: 'probe' as const, probes: r.check.probes.map((t) => ({ url: t.url })) }
						: r.check.kind === 'inferred'
							? { kind: 'inferred' as const, from: r.check.from.map((t) => ({ url: t.url })) }
							: { kind: 'manual' as const }
			}))
		}))
	};
}

/** The results the fixtures were made from (only used to write them). */
function sources(): Record<
	string,
	{ result: CheckResult; includePublicAddress?: boolean; maxChars?: number }
> {
	const full = evaluatedFullResult();
	// The address a STUN server reflected, as the user may choose to include it.
	const stun = full.probes.find((p) => p.kind === 'stun' || p.kind === 'turn')!;
	stun.evidence.publicAddress = '203.0.113.7';
	const urls = full.probes.map((p) => p.url);
	const diagnosed: CheckResult = {
		...full,
		online: true,
		diagnosis: {
			rttMs: 48,
			findings: [
				{
					cause: 'udp-blocked',
					certainty: 'shown',
					probes: urls.filter((u) => u.includes('transport=udp')).slice(0, 4)
				},
				{
					cause: 'dns-filtered',
					certainty: 'likely',
					probes: urls.slice(0, 1),
					domains: ['twilio.com'],
					alternatives: ['offline']
				}
			]
		}
	};
	const ids = Object.keys(full.verdicts);
	const facts: CheckResult = structuredClone(diagnosed);
	const factList: Partial<CheckResult['verdicts'][string]>[] = [
		{ verdict: 'degraded', limit: 'relay' },
		{ verdict: 'degraded', limit: 'partial' },
		{ verdict: 'not-ready', onlyInferred: true },
		{ verdict: 'ready', manualMandatory: 3, doubt: 'udp-blocked' },
		{ verdict: 'unknown', undecided: 'no-error-events' },
		{ verdict: 'unknown', undecided: 'offline' }
	];
	ids.forEach((id, i) => {
		const extra = factList[i % factList.length]!;
		facts.verdicts[id] = { ...facts.verdicts[id]!, ...extra };
	});
	const withUnknown = randomResult({ products: liveProducts }, seededRandom(11));
	withUnknown.products = [...withUnknown.products, 'retired-product'];
	withUnknown.verdicts['retired-product'] = {
		verdict: 'not-ready',
		blocking: ['retired-product.rule']
	};
	withUnknown.requirements['retired-product.rule'] = { status: 'failed', probes: [] };
	const constructor: CheckResult = {
		...structuredClone(diagnosed),
		products: ['constructor', ...diagnosed.products],
		verdicts: {
			...structuredClone(diagnosed.verdicts),
			constructor: { verdict: 'ready' as const, blocking: [] }
		}
	};
	return {
		'full-diagnosed': { result: diagnosed },
		'verdict-facts': { result: facts },
		'public-address': { result: diagnosed, includePublicAddress: true },
		trimmed: { result: facts, maxChars: 1000 },
		'unknown-product': { result: withUnknown },
		'random-1': { result: randomResult({ products: liveProducts }, seededRandom(5)) },
		'constructor-product': { result: constructor }
	};
}

async function writeFixtures(): Promise<void> {
	if (existsSync(FILE))
		throw new Error(`${FILE} exists: fixtures of a share version are never rewritten`);
	const catalog = frozenLayout({ products: liveProducts });
	const links: Record<string, Fixture> = {};
	for (const [name, source] of Object.entries(sources())) {
		const encoded = await encodeShare(source.result, catalog, {
			includePublicAddress: source.includePublicAddress,
			maxChars: source.maxChars ?? 8000
		});
		if (!encoded.ok) throw new Error(`${name}: ${encoded.message}`);
		const decoded = await decodeShare(encoded.payload, catalog);
		if (!decoded.ok) throw new Error(`${name}: ${decoded.message}`);
		links[name] = { payload: encoded.payload, shared: JSON.parse(JSON.stringify(decoded.shared)) };
	}
	const file: FixtureFile = {
		$comment:
			'Permalinks written by share version 2 (commit after d57299a), each with what it decoded to, and the catalog layout (data 2026-11-29.1) they were written against. Never rewritten; see src/lib/share/current-links.spec.ts.',
		catalog,
		links
	};
	writeFileSync(FILE, JSON.stringify(file, null, '\t') + '\n');
}

const writing = process.env.NETREADY_WRITE_SHARE_FIXTURES === '1';

describe.runIf(writing)('writing the version-2 fixtures', () => {
	it('writes them once', writeFixtures, 60_000);
});

describe.skipIf(writing)('version-2 permalinks', () => {
	// Collected even when skipped: read the file only when it is what is being tested.
	const fixtures: FixtureFile = writing
		? { $comment: '', catalog: { products: [] }, links: {} }
		: JSON.parse(readFileSync(FILE, 'utf8'));
	const entries = Object.entries(fixtures.links);

	it('has fixtures of every kind', () => {
		expect(entries.map(([name]) => name).sort()).toEqual(
			[
				'constructor-product',
				'full-diagnosed',
				'public-address',
				'random-1',
				'trimmed',
				'unknown-product',
				'verdict-facts'
			].sort()
		);
		const all = entries.map(([, f]) => f.shared);
		expect(all.some((s) => s.result.diagnosis?.findings.length)).toBe(true);
		expect(all.some((s) => s.trim > 0)).toBe(true);
		expect(all.some((s) => s.publicAddress)).toBe(true);
		const facts = all.flatMap((s) => Object.values(s.result.verdicts));
		for (const key of ['limit', 'onlyInferred', 'manualMandatory', 'undecided', 'doubt'])
			expect(
				facts.some((v) => key in v),
				key
			).toBe(true);
	});

	for (const [name, fixture] of entries) {
		it(`${name} decodes to exactly what it did when it was made`, async () => {
			expect(fixture.payload.startsWith('2.')).toBe(true);
			const decoded = await decodeShare(fixture.payload, fixtures.catalog);
			expect(decoded.ok).toBe(true);
			if (!decoded.ok) return;
			expect(decoded.shared).toEqual(fixture.shared);
		});

		it(`${name} is written again byte for byte from what it decodes to`, async () => {
			// Every fixture that opted in to the public address holds one, so it tells the flag.
			const { result, trim, publicAddress: optIn } = fixture.shared;
			const prepared = prepareForShare(result, fixtures.catalog, {
				includePublicAddress: optIn,
				trim
			});
			// Preparing what a link decoded to changes nothing: the steps are idempotent...
			expect(prepared).toEqual(result);
			// ...and the writer puts down the very bytes the reader took up.
			const written = writeBody(prepared, fixtures.catalog, trim, optIn);
			expect([...written]).toEqual(await body(fixture.payload));
		});

		it(`${name} still opens against today's data, verdicts and their facts intact`, async () => {
			const decoded = await decodeShare(fixture.payload, { products: liveProducts });
			expect(decoded.ok).toBe(true);
			if (!decoded.ok) return;
			// A product whose requirements changed since (data/ moved on) keeps its verdict and facts;
			// the requirement ids its verdict named travel as catalog positions, so they are dropped
			// rather than misread (unmatchedProducts says so).
			const unmatched = new Set(decoded.shared.unmatchedProducts);
			const withoutIds = (v: CheckResult['verdicts'][string]) => {
				const { blocking: _b, alsoFailed: _a, ...facts } = v;
				void _b;
				void _a;
				return facts;
			};
			for (const [id, v] of Object.entries(fixture.shared.result.verdicts)) {
				const now = decoded.shared.result.verdicts[id]!;
				if (unmatched.has(id)) expect(withoutIds(now)).toEqual(withoutIds(v));
				else expect(now).toEqual(v);
			}
			expect(Object.keys(decoded.shared.result.verdicts).sort()).toEqual(
				Object.keys(fixture.shared.result.verdicts).sort()
			);
			expect(decoded.shared.result.products).toEqual(fixture.shared.result.products);
		});
	}
});

/** The body bytes of a payload: deflate output may differ between zlib builds, the body may not. */
async function body(payload: string): Promise<number[]> {
	const base64 = payload.slice(payload.indexOf('.') + 1);
	const bytes = Buffer.from(base64, 'base64url');
	const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
	return [...new Uint8Array(await new Response(stream).arrayBuffer())];
}
