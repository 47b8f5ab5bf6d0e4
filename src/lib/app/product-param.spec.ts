import { describe, expect, it } from 'vitest';
import {
	parseSelection,
	productsQuery,
	readerFromUrl,
	serializeSelection,
	unknownMessage
} from './product-param';

const known = ['a', 'b', 'c'];

describe('product selection in the URL', () => {
	it('parses known ids in catalog order, once each', () => {
		expect(parseSelection('c,a,c', known)).toEqual({ ids: ['a', 'c'], unknown: [], unnamed: 0 });
	});
	it('names back only id-shaped unknown entries, and only a few', () => {
		expect(parseSelection('a,<script>,', known)).toEqual({ ids: ['a'], unknown: [], unnamed: 1 });
		const hostile = parseSelection(
			'Your network is compromised. Call IT on 0800,\u202etxet,zz-top,x1,x2,x3,x4,x5,x6',
			known
		);
		expect(hostile.unknown).toEqual(['zz-top', 'x1', 'x2', 'x3', 'x4']);
		expect(hostile.unnamed).toBe(4);
		const message = unknownMessage(hostile)!;
		expect(message).not.toMatch(/compromised|\u202e/);
		expect(message).toContain('zz-top');
		expect(unknownMessage(parseSelection('a', known))).toBeUndefined();
	});
	it('expands all and writes all back', () => {
		expect(parseSelection('all', known).ids).toEqual(known);
		expect(serializeSelection(['c', 'b', 'a'], known)).toBe('all');
		expect(serializeSelection(['c', 'a'], known)).toBe('a,c');
	});
	it('treats a missing parameter as nothing selected', () => {
		expect(parseSelection(null, known)).toEqual({ ids: [], unknown: [], unnamed: 0 });
	});
	it('keeps commas literal in the query, and reads who the link is for', () => {
		expect(productsQuery('a,c')).toBe('?products=a,c');
		expect(productsQuery('')).toBe('');
		expect(readerFromUrl(new URL('https://x/check/?reader=patient'))).toBe('patient');
		expect(readerFromUrl(new URL('https://x/check/?reader=<b>'))).toBeUndefined();
	});
});
