import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { requirementReason } from './words';
import { serviceTitle } from '$lib/data/format';

const manualRows = catalog.products.flatMap((p) =>
	p.requirements.filter((r) => r.check.kind === 'manual')
);

describe('the line for IT under a manual rule', () => {
	it.each(manualRows.map((r) => [r.id, r] as const))('%s reads as one plain sentence', (_id, r) => {
		const line = requirementReason(r, { status: 'manual', probes: [] }, []);
		// Every phrase once: a detail that restates the reason replaces it (no five words twice).
		const tokens = line.toLowerCase().split(' ');
		const runs = tokens.slice(4).map((_, i) => tokens.slice(i, i + 5).join(' '));
		expect(new Set(runs).size, line).toBe(runs.length);
		expect(line).not.toMatch(/none given/);
		expect(line).toMatch(/\.$/);
		// A destination that is a risk is never one to check and then open.
		if (r.flags?.some((f) => f.kind === 'security-risk')) expect(line).toMatch(/must not allow/);
		else expect(line).toMatch(/by hand\.$/);
	});

	it('says cdn.polyfill.io must not be allowed, once', () => {
		const polyfill = manualRows.find((x) =>
			x.destinations.some((d) => 'value' in d && d.value === 'cdn.polyfill.io')
		);
		expect(polyfill).toBeDefined();
		const line = requirementReason(polyfill!, { status: 'manual', probes: [] }, []);
		expect(line.match(/deliberately/g)).toHaveLength(1);
		expect(line).toContain('IT must not allow TCP 80, 443 outbound to cdn.polyfill.io');
	});
});

describe('serviceTitle', () => {
	it('starts a vendor’s name for a rule with a capital, and keeps the rest as written', () => {
		expect(serviceTitle('support functionality')).toBe('Support functionality');
		expect(serviceTitle('Twilio STUN/TURN Servers')).toBe('Twilio STUN/TURN Servers');
		expect(serviceTitle('eMIS')).toBe('eMIS');
		expect(serviceTitle('')).toBe('');
	});
});
