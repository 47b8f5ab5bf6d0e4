/**
 * The exports for every product, and for one selection across vendors, must equal the reviewed
 * files under test/golden/. This test never writes them: after a deliberate change, run
 * `node test/it/regenerate-golden.mjs`, then review the diff against the vendor documents.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { catalog } from '$lib/data/catalog';
import {
	GOLDEN_DIR,
	MULTI_SELECTION,
	goldenFiles,
	goldenSelections
} from '../../../test/fixtures/it/golden-set';
import { nftCheck } from '../../../test/fixtures/it/syntax-check';

const files = goldenFiles(catalog);
const HOW = 'run `node test/it/regenerate-golden.mjs` and review the diff against the seeds';

describe('golden exports', () => {
	it('cover every product and the multi-product selection', () => {
		const names = goldenSelections(catalog).map((s) => s.name);
		expect(names).toEqual([...catalog.products.map((p) => p.id), MULTI_SELECTION.name]);
		expect(catalog.products.length).toBeGreaterThan(0);
	});

	it('has no stale golden files', () => {
		const expected = new Set(files.keys());
		if (!existsSync(GOLDEN_DIR)) throw new Error(`${GOLDEN_DIR} is missing: ${HOW}`);
		for (const dir of readdirSync(GOLDEN_DIR))
			for (const f of readdirSync(join(GOLDEN_DIR, dir)))
				expect(expected.has(`${dir}/${f}`), `unexpected ${dir}/${f}: ${HOW}`).toBe(true);
	});

	for (const [path, content] of files)
		it(`${path} matches the reviewed file`, () => {
			const file = join(GOLDEN_DIR, path);
			if (!existsSync(file)) throw new Error(`${file} is missing: ${HOW}`);
			expect(content, `${file} differs: if intended, ${HOW}`).toBe(readFileSync(file, 'utf8'));
		});

	for (const [path, content] of files)
		if (path.endsWith('.nft'))
			it(`${path} passes nft -c`, (ctx) => {
				const verdict = nftCheck(content);
				if (!verdict.ran) {
					console.warn(`${path} NOT checked with nft -c: ${verdict.why}`);
					ctx.skip(verdict.why);
					return;
				}
				expect(verdict.output).toBe('');
				expect(verdict.ok).toBe(true);
			});
});
