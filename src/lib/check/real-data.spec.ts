/**
 * Invariants of the verdict rules over the real vendor data (whatever data/ holds now), for three
 * simulated networks. Probe outcomes are simulated; the real-browser side is the lab's e2e suite.
 */
import { describe, expect, it } from 'vitest';
import { catalog, products, withRequiredProducts } from '$lib/data/catalog';
import { parseIceUrl } from '$lib/data/probe-url';
import { evaluate } from './check';
import { planProbes } from './plan';
import type { ProbeOutcome, ProbeResult } from '$lib/result/result';
import { productHeadline } from '$lib/result/words';

const ids = products.map((p) => p.id);
const requests = planProbes(withRequiredProducts(ids));

function simulate(outcome: (url: string) => ProbeOutcome) {
	const probes: ProbeResult[] = requests.map((r) => ({
		url: r.url,
		kind: r.kind,
		outcome: outcome(r.url),
		ms: 5,
		evidence: {}
	}));
	return evaluate(ids, { withRequiredProducts }, probes, { webrtc: 'full' });
}

const isUdp = (url: string) => parseIceUrl(url)?.via === 'udp';

describe.runIf(products.length > 0)('verdicts over the real data', () => {
	const open = simulate(() => 'reachable');
	const blocked = simulate(() => 'timeout');
	const udpBlocked = simulate((u) => (isUdp(u) ? 'timeout' : 'reachable'));

	it('gives every product a verdict and every requirement a status', () => {
		for (const result of [open, blocked, udpBlocked]) {
			expect(Object.keys(result.verdicts).sort()).toEqual([...ids].sort());
			for (const p of withRequiredProducts(ids))
				for (const r of p.requirements) expect(result.requirements[r.id]).toBeDefined();
		}
	});

	it('an open network never makes a product not-ready or degraded', () => {
		for (const [id, v] of Object.entries(open.verdicts))
			expect([id, v.verdict]).toEqual([id, expect.stringMatching(/^(ready|unknown)$/)]);
	});

	it('a fully blocked network never calls a product ready', () => {
		for (const [id, v] of Object.entries(blocked.verdicts))
			expect([id, v.verdict]).toEqual([id, expect.stringMatching(/^(not-ready|unknown)$/)]);
	});

	it('with UDP blocked, no video product that uses WebRTC is called ready', () => {
		for (const p of products.filter((x) => x.kind === 'video')) {
			const urls = planProbes(withRequiredProducts([p.id])).map((r) => r.url);
			if (!urls.some(isUdp)) continue;
			expect([p.id, udpBlocked.verdicts[p.id]!.verdict]).not.toEqual([p.id, 'ready']);
		}
	});

	it('prints the verdicts for review', () => {
		const table = ids.map((id) => ({
			id,
			open: open.verdicts[id]!.verdict,
			udpBlocked: `${udpBlocked.verdicts[id]!.verdict}: ${productHeadline(catalog.productById(id), udpBlocked.verdicts[id]!, id)}`,
			blocked: blocked.verdicts[id]!.verdict
		}));
		if (process.env.SHOW_VERDICTS) console.table(table);
		expect(table.length).toBe(ids.length);
	});
});
