import { describe, expect, it } from 'vitest';
import { extractLinks, normalizePastedText } from './extract';

const P1 = '2.abcDEF_-0123456789abcdefXYZ';
const P2 = '2.ZZZZzzzz0000111122223333';
const P3 = '1.qqqqwwwweeeerrrrttttyyyy';

describe('extractLinks', () => {
	it('reads one link per line and names each site from the words before it', () => {
		const text = [
			`Ward 3 Wi-Fi: https://netready.example/shared/#r=${P1}`,
			`- Ward 5 — https://netready.example/shared/#r=${P2}.`,
			`https://netready.example/sub/path/shared/#r=${P3}`
		].join('\n');
		const { found, rejected } = extractLinks(text);
		expect(rejected).toEqual([]);
		expect(found.map((f) => [f.payload, f.name, f.line])).toEqual([
			[P1, 'Ward 3 Wi-Fi', 1],
			[P2, 'Ward 5', 2],
			[P3, undefined, 3]
		]);
	});

	it('picks links out of e-mail text, spreadsheets and Markdown', () => {
		const text = [
			'Hi team, results from this morning below.',
			`Ward 3\thttps://n.example/shared/#r=${P1}`,
			`See [GP Surgery Elm Road](https://n.example/shared/#r=${P2}) for the surgery.`,
			'Thanks, Sam  https://intranet.example/it/ (not a result)'
		].join('\r\n');
		const { found, rejected } = extractLinks(text);
		expect(found.map((f) => f.name)).toEqual(['Ward 3', 'GP Surgery Elm Road']);
		expect(rejected).toEqual([]);
	});

	it('undoes quoted-printable, HTML entities and Outlook Safe Links', () => {
		const half = P1.slice(0, 10);
		const rest = P1.slice(10);
		const qp = `Ward 7: https://n.example/shared/#r=3D${half}=\n${rest}`;
		const safe = `Ward 8: https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fn.example%2Fshared%2F%23r%3D${P2}&amp;data=05%7C01`;
		const { found } = extractLinks(`${qp}\n${safe}`);
		expect(found.map((f) => f.payload)).toEqual([P1, P2]);
		expect(found[0]!.name).toBe('Ward 7');
		expect(normalizePastedText('a=3Db&amp;c')).toBe('a=b&c');
	});

	it('accepts a view parameter around the result and a payload alone on a line', () => {
		const { found } = extractLinks(
			`https://n.example/shared/?view=it#r=${P1}\nhttps://n.example/shared/#view=it&r=${P2}&x=1\n  ${P3}  `
		);
		expect(found.map((f) => f.payload)).toEqual([P1, P2, P3]);
	});

	it('names damaged, hostile and foreign links with the reason, and reads repeats once', () => {
		const text = [
			`https://n.example/shared/#r=${P1}`,
			`again: https://n.example/shared/#r=${P1}`,
			'https://n.example/shared/#r=1.<img src=x onerror=alert(1)>',
			'https://n.example/shared/#r=',
			'https://elsewhere.example/page#r=2.abc',
			`https://n.example/shared/#r=2.${'A'.repeat(70_000)}`
		].join('\n');
		const { found, rejected, repeated } = extractLinks(text);
		expect(found).toHaveLength(1);
		expect(repeated).toBe(1);
		expect(rejected.map((r) => r.line)).toEqual([3, 4, 5, 6]);
		expect(rejected[0]!.reason).toMatch(/not a netready result link|cut short/);
		expect(rejected[2]!.reason).toMatch(/not a netready result link/);
		expect(rejected[3]!.reason).toMatch(/longer than any result link/);
		expect(rejected[3]!.text.length).toBeLessThanOrEqual(120);
	});

	it('finds nothing in text without links', () => {
		expect(extractLinks('Nothing to see here.\nhttps://example.com/')).toEqual({
			found: [],
			rejected: [],
			repeated: 0
		});
	});
});
