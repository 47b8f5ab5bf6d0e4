import { describe, expect, it } from 'vitest';
import { parseSelection, serializeSelection } from './selection';

const known = ['a', 'b', 'c'];

describe('product selection in the URL', () => {
	it('parses known ids in catalog order, once each', () => {
		expect(parseSelection('c,a,c', known)).toEqual({ ids: ['a', 'c'], unknown: [] });
	});
	it('reports unknown ids without keeping them', () => {
		expect(parseSelection('a,<script>,', known)).toEqual({ ids: ['a'], unknown: ['<script>'] });
	});
	it('expands all and writes all back', () => {
		expect(parseSelection('all', known).ids).toEqual(known);
		expect(serializeSelection(['c', 'b', 'a'], known)).toBe('all');
		expect(serializeSelection(['c', 'a'], known)).toBe('a,c');
	});
	it('treats a missing parameter as nothing selected', () => {
		expect(parseSelection(null, known)).toEqual({ ids: [], unknown: [] });
	});
});
