import { describe, expect, test } from 'vitest';
import { updateStep } from './sw-update';

describe('updateStep', () => {
	test('nothing is shown without a waiting version, running check or not', () => {
		for (const asked of [false, true])
			for (const checkRunning of [false, true])
				expect(updateStep({ waiting: false, asked, checkRunning })).toBe('none');
	});

	test('a waiting version is offered, also while a check runs', () => {
		expect(updateStep({ waiting: true, asked: false, checkRunning: false })).toBe('offer');
		expect(updateStep({ waiting: true, asked: false, checkRunning: true })).toBe('offer');
	});

	test('once asked it reloads, but never in the middle of a check', () => {
		expect(updateStep({ waiting: true, asked: true, checkRunning: false })).toBe('reload');
		expect(updateStep({ waiting: true, asked: true, checkRunning: true })).toBe('after-check');
	});
});
