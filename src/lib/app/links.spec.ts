import { describe, expect, it } from 'vitest';
import {
	checkThenComparePath,
	compareAfterCheckPath,
	comparePath,
	parseComparePath,
	payloadFromHash,
	productsFromUrl,
	runPath,
	sharedPath
} from './links';

const payload = '1.abcDEF-_0';

function parts(path: string) {
	const url = new URL(path, 'https://site.test');
	return { pathname: url.pathname, search: url.search, hash: url.hash };
}

describe('links', () => {
	it('puts a shared result in the fragment only', () => {
		const url = parts(sharedPath(payload));
		expect(url).toEqual({ pathname: '/shared/', search: '', hash: `#r=${payload}` });
		expect(payloadFromHash(url.hash)).toBe(payload);
		expect(payloadFromHash('#x=1')).toBe('');
	});

	it('encodes a saved run id, whatever a stored record calls itself', () => {
		expect(runPath('m3k-1a2b')).toBe('/history/?run=m3k-1a2b');
		for (const id of ['a&b=c', 'x#y', '../../etc', 'é 1', '%41']) {
			const url = new URL(runPath(id), 'https://site.test');
			expect(url.pathname).toBe('/history/');
			expect(url.hash).toBe('');
			expect([...url.searchParams.keys()]).toEqual(['run']);
			expect(url.searchParams.get('run')).toBe(id);
		}
	});

	it('round-trips comparison links with ids in the query and payloads in the fragment', () => {
		for (const [a, b] of [
			[{ id: 'm3k-1a2b' }, { id: 'm3k-ffff' }],
			[{ payload }, { id: 'm3k-ffff' }],
			[{ id: 'm3k-1a2b' }, { payload }],
			[{ payload }, { payload: '1.zz' }]
		] as const) {
			const url = parts(comparePath(a, b));
			expect(url.pathname).toBe('/compare/');
			expect(url.search).not.toContain(payload);
			expect(parseComparePath(url.search, url.hash)).toEqual({ a, b });
		}
	});

	it('ignores hostile values', () => {
		expect(parseComparePath('?a=<script>&b=../../x', '#a=javascript:alert(1)')).toEqual({
			a: undefined,
			b: undefined
		});
		expect(productsFromUrl({ search: '?products=emis-web,<b>,amwell-home,emis-web' })).toEqual([
			'emis-web',
			'amwell-home'
		]);
	});

	it('sends the check page what to compare with, and brings the user to the comparison', () => {
		const fromSaved = parts(
			checkThenComparePath(['accurx-vc-clinician', 'bad id'], { id: 'm3k-1' })
		);
		expect(fromSaved.pathname).toBe('/check/');
		expect(productsFromUrl(fromSaved)).toEqual(['accurx-vc-clinician']);
		expect(compareAfterCheckPath(fromSaved, { id: 'new-1' })).toBe('/compare/?a=m3k-1&b=new-1');

		const fromShared = parts(checkThenComparePath(['emis-web'], { payload }));
		expect(fromShared.search).toBe('?products=emis-web&compareWith=shared');
		expect(fromShared.hash).toBe(`#r=${payload}`);
		expect(compareAfterCheckPath(fromShared, { id: 'new-1' })).toBe(
			`/compare/?b=new-1#a=${payload}`
		);
		expect(compareAfterCheckPath(fromShared, { payload: '1.new' })).toBe(
			`/compare/#a=${payload}&b=1.new`
		);

		expect(compareAfterCheckPath(parts('/check/?products=emis-web'), { id: 'x' })).toBeUndefined();
	});
});
