import { describe, expect, test } from 'vitest';
import { updateStep } from './sw-update';

describe('updateStep', () => {
	test('nothing is shown without a waiting version, running check or not', () => {
		for (const asked of [false, true])
			for (const checkRunning of [false, true])
				expect(updateStep({ waiting: false, asked, checkRunning })).toBe('none');
	});

	test('a waiting version is offered; while a check runs the offer waits for it', () => {
		expect(updateStep({ waiting: true, asked: false, checkRunning: false })).toBe('offer');
		expect(updateStep({ waiting: true, asked: false, checkRunning: true })).toBe('after-check');
	});

	test('once Reload is pressed, the new version loads', () => {
		expect(updateStep({ waiting: true, asked: true, checkRunning: false })).toBe('reloading');
	});
});
