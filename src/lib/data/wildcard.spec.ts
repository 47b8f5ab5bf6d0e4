/**
 * The one wildcard matcher, against the shExpMatch of a real PAC implementation (pac-resolver's
 * own helper, the one its evaluator hands to PAC files), over every wildcard of the data and a
 * set of hosts around each: the same answer for every pair. The whole exported PAC files are run
 * in a real PAC evaluator in src/lib/it/formats/pac-evaluator.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import { sandbox } from 'pac-resolver';
import { catalog } from '$lib/data/catalog';
import { wildcardMatches } from './wildcard';

const shExpMatch = sandbox.shExpMatch as (str: string, shexp: string) => boolean;

describe('wildcardMatches', () => {
	it('treats * as zero or more characters, like shExpMatch', () => {
		expect(wildcardMatches('*turn.whereby.com', 'any.turn.whereby.com')).toBe(true);
		expect(wildcardMatches('*turn.whereby.com', 'turn.whereby.com')).toBe(true);
		expect(wildcardMatches('*turn.whereby.com', 'evilturn.whereby.com')).toBe(true);
		expect(wildcardMatches('*.amwell.com', 'www.amwell.com')).toBe(true);
		expect(wildcardMatches('*.amwell.com', 'a.b.amwell.com')).toBe(true);
		expect(wildcardMatches('*.amwell.com', 'amwell.com')).toBe(false);
		expect(wildcardMatches('*.amwell.com', 'www.amwellxcom')).toBe(false);
		expect(wildcardMatches('*.amwell.com', 'www.amwell.com.evil.example')).toBe(false);
	});

	it('ignores case on both sides, as host names do', () => {
		expect(wildcardMatches('*.Amwell.COM', 'WWW.amwell.com')).toBe(true);
	});

	it('gives the same answer as pac-resolver’s shExpMatch for every data wildcard', () => {
		const patterns = new Set<string>();
		for (const p of catalog.products)
			for (const r of p.requirements)
				for (const d of r.destinations) {
					if (d.kind === 'wildcard') patterns.add(d.value.toLowerCase());
					if (d.kind === 'url') {
						const host = /^[a-z]+:\/\/([^/:]+)/i.exec(d.value)?.[1];
						if (host?.includes('*')) patterns.add(host.toLowerCase());
					}
				}
		expect(patterns.size).toBeGreaterThan(20);
		const hostsFor = (pattern: string) => {
			const rest = pattern.replace(/^\*\.?/, '');
			return [
				rest,
				`x.${rest}`,
				`a.b.${rest}`,
				`x${rest}`,
				`${rest}.evil.example`,
				`x.${rest.replace(/\./, '-')}`,
				`${rest.split('.').slice(1).join('.')}`,
				'turn.whereby.com',
				'www.amwell.com'
			];
		};
		let compared = 0;
		for (const pattern of patterns)
			for (const host of hostsFor(pattern)) {
				expect(wildcardMatches(pattern, host), `${pattern} ~ ${host}`).toBe(
					shExpMatch(host, pattern)
				);
				compared++;
			}
		expect(compared).toBeGreaterThan(150);
	});
});
