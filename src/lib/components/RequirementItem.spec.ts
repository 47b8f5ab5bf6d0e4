/**
 * The product pages' requirement card (server render): caveats that change an outcome are shown
 * outside the folded "Technical detail", the vendor's words and netready's remarks are apart, and
 * a "select either" pair says so in its level.
 */
import { describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { requirementById } from '$lib/data/catalog';
import RequirementItem from './RequirementItem.svelte';

function card(id: string, alternatives = 0): { body: string; outside: string; folded: string } {
	const entry = requirementById(id);
	if (!entry) throw new Error(`no requirement ${id}`);
	const { body } = render(RequirementItem, {
		props: { requirement: entry.requirement, alternatives }
	});
	const at = body.indexOf('<details');
	return { body, outside: body.slice(0, at), folded: body.slice(at) };
}

describe('RequirementItem', () => {
	it('reads "Mandatory: one of two" for a select-either pair', () => {
		const { outside } = card('amwell-carepoint.stun-turn', 2);
		expect(outside).toContain('Mandatory: one of two');
		expect(outside).toContain('Fallback option');
		expect(card('amwell-carepoint.dns-53').outside).not.toContain('one of');
	});

	it('shows every flag outside the fold, the 210 cart caveat among them', () => {
		const { outside, folded } = card('amwell-carepoint.stun-turn', 2);
		expect(outside).toMatch(/210 Telemedicine cart/);
		expect(outside).toContain('Table layout problem in the source');
		expect(folded).not.toMatch(/class="flags"/);
	});

	it('keeps the vendor’s words (quoted) apart from netready’s remarks', () => {
		const { folded } = card('amwell-carepoint.stun-turn', 2);
		const vendor = folded.slice(folded.indexOf('From the vendor’s document'));
		const ours = folded.slice(folded.indexOf('netready’s remarks'));
		expect(folded.indexOf('From the vendor’s document')).toBeGreaterThan(0);
		expect(vendor).toMatch(
			/<q[^>]*>\*Fail-over in case 40000-49999 cannot establish a connection\.<\/q>/
		);
		expect(ours).toContain('No probe uses UDP 443');
		expect(ours).not.toContain('*Fail-over');
	});

	it('marks a risk the data accepts only from its sources', () => {
		const { outside } = card('emis-support-access.rdp-3389');
		expect(outside).toContain('Security risk — allow only from the sources named');
	});
});
