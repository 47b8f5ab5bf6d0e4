import { describe, expect, test } from 'vitest';
import { needsFullNavigation } from './offline-navigation';

const origin = 'https://netready.test';
const to = new URL('/compare/?a=1&b=2', origin);

describe('needsFullNavigation', () => {
	test('online, Kit navigates as usual', () => {
		expect(needsFullNavigation({ online: true, to, origin, type: 'link' })).toBe(false);
	});

	test('offline, a link, a goto or back/forward inside the site is a full navigation', () => {
		for (const type of ['link', 'goto', 'popstate'])
			expect(needsFullNavigation({ online: false, to, origin, type }), type).toBe(true);
	});

	test('offline, leaving the site, forms and navigations without a target are left alone', () => {
		const away = new URL('https://example.org/');
		expect(needsFullNavigation({ online: false, to: away, origin, type: 'link' })).toBe(false);
		expect(needsFullNavigation({ online: false, to: undefined, origin, type: 'leave' })).toBe(
			false
		);
		expect(needsFullNavigation({ online: false, to, origin, type: 'form' })).toBe(false);
	});
});
