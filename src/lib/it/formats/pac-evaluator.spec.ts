/**
 * Every exported PAC file (every product and the multi-product selection) run in a real PAC
 * evaluator — pac-resolver in QuickJS — for every host the data names and a set of lookalikes
 * around each pattern: the file sends a host DIRECT exactly when the one wildcard matcher
 * ($lib/data/wildcard, shExpMatch semantics) says one of its patterns matches, or the host is an
 * address in one of its isInNet ranges. So the domain list, the rule table and the PAC file
 * agree on what "*.x" and "*turn.x" cover.
 */
import { describe, expect, it } from 'vitest';
import ipaddr from 'ipaddr.js';
import { catalog } from '$lib/data/catalog';
import { wildcardMatches } from '$lib/data/wildcard';
import { goldenFiles } from '../../../../test/fixtures/it/golden-set';
import { pacResolver } from '../../../../test/fixtures/it/pac-runtime';

const pacFiles = [...goldenFiles(catalog)].filter(([path]) => path.endsWith('proxy.pac'));

function patternsOf(text: string): string[] {
	return [...text.matchAll(/shExpMatch\(host, "([^"]+)"\)/g)].map((m) => m[1]!);
}

function networksOf(text: string): { address: string; prefix: number }[] {
	return [...text.matchAll(/isInNet\(host, "([\d.]+)", "([\d.]+)"\)/g)].map((m) => ({
		address: m[1]!,
		prefix: ipaddr.IPv4.parse(m[2]!).prefixLengthFromSubnetMask() ?? 32
	}));
}

/** Hosts around each pattern (the apex, one and two labels deeper, glued, lookalike) and the data's names. */
function candidates(patterns: readonly string[]): string[] {
	const out = new Set<string>(['www.example.com', 'example.org']);
	for (const p of patterns) {
		const rest = p.replace(/^\*\.?/, '');
		for (const h of [rest, `x.${rest}`, `a.b.${rest}`, `x${rest}`, `${rest}.evil.example`])
			out.add(h);
	}
	for (const product of catalog.products)
		for (const r of product.requirements) {
			for (const d of r.destinations) if (d.kind === 'host') out.add(d.value);
			const probes =
				r.check.kind === 'probe' ? r.check.probes : r.check.kind === 'inferred' ? r.check.from : [];
			for (const probe of probes) {
				const host = /^(?:turns?|stun):([^:?]+)|^\w+:\/\/([^/:?]+)/.exec(probe.url);
				if (host) out.add((host[1] ?? host[2])!);
			}
		}
	return [...out];
}

function addressesAround(networks: readonly { address: string; prefix: number }[]): string[] {
	const out: string[] = ['192.0.2.1'];
	for (const n of networks) {
		const start = ipaddr.IPv4.parse(n.address).toByteArray();
		const size = 2 ** (32 - n.prefix);
		const at = (offset: number) => {
			const value =
				((start[0]! << 24) >>> 0) + (start[1]! << 16) + (start[2]! << 8) + start[3]! + offset;
			return [24, 16, 8, 0].map((s) => (value >>> s) & 255).join('.');
		};
		out.push(at(0), at(size - 1), at(size), at(-1));
	}
	return out;
}

describe('exported PAC files in a real PAC evaluator (pac-resolver)', () => {
	it('cover every golden selection', () => {
		expect(pacFiles.length).toBe(catalog.products.length + 1);
	});

	for (const [path, text] of pacFiles)
		it(`${path}: DIRECT exactly where the wildcard matcher and the ranges say`, async () => {
			const find = await pacResolver(text);
			const patterns = patternsOf(text);
			const networks = networksOf(text);
			let compared = 0;
			for (const host of candidates(patterns)) {
				const direct = patterns.some((p) => wildcardMatches(p, host));
				expect(await find(`https://${host}/`), `${path}: ${host}`).toBe(
					direct ? 'DIRECT' : 'PROXY proxy.example.invalid:8080'
				);
				compared++;
			}
			for (const address of addressesAround(networks)) {
				const inside = networks.some((n) =>
					ipaddr.IPv4.parse(address).match(ipaddr.IPv4.parse(n.address), n.prefix)
				);
				expect(await find(`http://${address}/`), `${path}: ${address}`).toBe(
					inside ? 'DIRECT' : 'PROXY proxy.example.invalid:8080'
				);
				compared++;
			}
			expect(compared).toBeGreaterThan(20);
		});

	it('really evaluates: "*turn.whereby.com" takes turn.whereby.com itself (zero or more), "*.x" not x', async () => {
		const file = pacFiles.find(([p]) => p.startsWith('accurx-vc-clinician/'))![1];
		const find = await pacResolver(file);
		expect(await find('https://turn.whereby.com/')).toBe('DIRECT');
		expect(await find('https://appearin.net/')).toBe('PROXY proxy.example.invalid:8080');
		expect(await find('https://signal.appearin.net/')).toBe('DIRECT');
	});
});
