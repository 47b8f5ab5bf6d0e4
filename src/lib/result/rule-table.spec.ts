import { describe, expect, it } from 'vitest';
import { fixtureCatalog } from '$fixtures/it/data-files';
import { openResult } from '$fixtures/it/open-result';
import { presentResult } from './present';
import { needsAction, nextStep, ruleCounts, ruleTable, securityRisks } from './rule-table';

const { sections } = presentResult(openResult(), fixtureCatalog);
const table = ruleTable(sections);
const byId = (id: string) => table.find((r) => r.id === id)!;

describe('IT’s rule table', () => {
	it('lists each requirement once, what needs action first', () => {
		expect(table.map((r) => r.id)).toHaveLength(new Set(table.map((r) => r.id)).size);
		expect(table.slice(0, 3).map((r) => r.id)).toEqual([
			'acme-video.web',
			'acme-video.media',
			'acme-base.support'
		]);
		expect(table.slice(3).every((r) => !r.needsAction)).toBe(true);
		expect(byId('acme-base.dns').listedUnder).toBe('acme-video');
	});

	it('needs action: failed, partly passed, inferred blocked — not inferred open or manual', () => {
		expect(needsAction(byId('acme-video.web'))).toBe(true);
		expect(needsAction(byId('acme-video.media'))).toBe(true);
		expect(needsAction(byId('acme-base.support'))).toBe(true);
		expect(needsAction(byId('acme-base.api'))).toBe(false);
		expect(needsAction(byId('acme-base.dns'))).toBe(false);
		expect(needsAction({ id: 'x', probes: [] })).toBe(false);
	});

	it('counts by status', () => {
		const counts = ruleCounts(table);
		expect(counts.total).toBe(table.length);
		expect(counts.needsAction).toBe(3);
		expect(counts.byStatus).toMatchObject({ failed: 1, partial: 1, inferred: 2, passed: 1 });
	});

	it('says what IT does next for each row', () => {
		expect(nextStep(byId('acme-video.web'))).toBe('open');
		expect(nextStep(byId('acme-base.support'))).toBe('open');
		expect(nextStep(byId('acme-base.api'))).toBe('confirm-inferred');
		expect(nextStep(byId('acme-base.dns'))).toBe('confirm-by-hand');
		expect(nextStep(byId('other-app.web'))).toBe('nothing');
		expect(nextStep({ ...byId('acme-video.web'), requirement: undefined })).toBe('unknown');
		const notRun = { ...byId('acme-video.web') };
		notRun.result = { status: 'not-run', probes: [] };
		expect(nextStep(notRun)).toBe('run-again');
	});

	it('lists each security-risk flag once', () => {
		const risks = securityRisks([...sections, ...sections]);
		expect(risks.map((r) => r.requirementId)).toEqual(['acme-video.web']);
	});
});
