/**
 * Text must never become a rule or code (issue 17). Hostile text — line breaks of every kind,
 * quotes, `$(…)`, backticks, `*\/`, values starting with "-", bidi controls — is pushed through
 * every text field of the data (test/fixtures/it/hostile-data.ts), every export is built, and the
 * output is handed to what reads it:
 * - nftables: `nft -c -f` accepts it, and its rules (every line that is not a comment) are exactly
 *   the rules of the clean data;
 * - PAC: it runs in node:vm with pac-resolver's helpers, the marker the payloads set stays unset;
 * - sh: `sh -n` accepts it, and it runs (with no network tools on PATH) without the payloads'
 *   marker file appearing; the manual commands run against logging stubs, one program each;
 * - PowerShell: what is left outside strings and comments equals the clean script's;
 * - CSV, JSON, plain lists: they parse, with the same records and no extra allow-list entries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { makeCatalog } from '$lib/data/make-catalog';
import type { DataFile } from '$lib/data/schema';
import { buildExports, type ExportFile } from '$lib/it/exports';
import { manualCommands } from '$lib/it/manual';
import { otherFile, videoFile } from '../../../../test/fixtures/it/data-files';
import { payloads, poison, random, randomHostile } from '../../../../test/fixtures/it/hostile-data';
import { pacInVm } from '../../../../test/fixtures/it/pac-runtime';
import { nftCheck, psSkeleton, shCheck } from '../../../../test/fixtures/it/syntax-check';
import { hasUnsafeCharacters, oneLine, placeholder } from './text';
import { jsComment, jsString } from './javascript';
import { psQuote, psString } from './powershell';
import { shQuote, shString } from './sh';
import { listEntry } from './lists';
import {
	type RulesToOpen,
	rulesToOpen,
	rulesToOpenCsv,
	rulesToOpenNft,
	rulesToOpenTicket
} from '$lib/it/rules-to-open';
import { openResult } from '$fixtures/it/open-result';

const PRODUCTS = ['acme-video', 'acme-base', 'other-app'];
let dir: string;
let mark: string;
let stubs: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'netready-hostile-'));
	mark = join(dir, 'MARK');
	stubs = join(dir, 'bin');
	mkdirSync(stubs);
	// Stand-ins for the network tools: each logs its name and argument count, and does nothing.
	for (const tool of ['nc', 'curl', 'dig', 'getent', 'sntp', 'ntpdate'])
		writeFileSync(join(stubs, tool), `#!/bin/sh\nprintf '%s %s\\n' ${tool} "$#" >> "$LOG"\n`);
	for (const tool of ['nc', 'curl', 'dig', 'getent', 'sntp', 'ntpdate'])
		chmodSync(join(stubs, tool), 0o755);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportsFor(payload: string | undefined, includeRisky = false): Map<string, ExportFile> {
	const files =
		payload === undefined ? [videoFile, otherFile] : poison([videoFile, otherFile], payload);
	const catalog = makeCatalog(files, 'test-1');
	return new Map(buildExports(catalog, PRODUCTS, { includeRisky }).map((f) => [f.name, f]));
}

const content = (m: Map<string, ExportFile>, name: string) => m.get(name)?.content ?? '';
const rulesOf = (nft: string) =>
	nft
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#'));
const entriesOf = (list: string) => list.split('\n').filter((l) => l && !l.startsWith('#'));

function runSh(script: string, extraPath = '/nonexistent'): { status: number | null; log: string } {
	const file = join(dir, 'script.sh');
	const log = join(dir, 'log');
	writeFileSync(file, script);
	rmSync(log, { force: true });
	const r = spawnSync('/bin/sh', [file], {
		encoding: 'utf8',
		timeout: 20_000,
		env: { PATH: extraPath, LOG: log, HOME: dir },
		cwd: dir
	});
	const out = existsSync(log) ? spawnSync('cat', [log], { encoding: 'utf8' }).stdout : '';
	if (r.error) throw r.error;
	return { status: r.status, log: out };
}

/**
 * The rules to open from a result (IT's view): the data poisoned, and the result's own texts too
 * (they can come from a shared link). The nft rules are the clean ones and nft accepts the file,
 * the CSV parses to as many records, and the ticket keeps its lines: nothing starts a line of its own.
 */
function checkRulesToOpen(payload: string): void {
	const build = (p: string | undefined) => {
		const files = p === undefined ? [videoFile, otherFile] : poison([videoFile, otherFile], p);
		const result = openResult(
			p === undefined
				? {}
				: { appVersion: `0.1.0${p}`.slice(0, 200), browser: `Chrome${p}`.slice(0, 200) }
		);
		const open = rulesToOpen(result, makeCatalog(files, 'test-1'));
		return {
			open,
			nft: rulesToOpenNft(open),
			csv: rulesToOpenCsv(open),
			ticket: rulesToOpenTicket(open, { permalink: `https://x.example/#r=2.a${p ?? ''}` })
		};
	};
	const clean = build(undefined);
	const hostile = build(payload);
	expect(rulesOf(hostile.nft)).toEqual(rulesOf(clean.nft));
	const verdict = nftCheck(hostile.nft);
	if (verdict.ran) expect(verdict.ok, verdict.output).toBe(true);
	const rows = parse(hostile.csv, { bom: true, relax_column_count: false });
	expect(rows.length).toBe(parse(clean.csv, { bom: true }).length);
	expect(rows.length).toBe(hostile.open.rows.length + 1);

	// The ticket has the lines the same rules with tame texts give (a poisoned risk text may
	// flag more destinations than the clean one, so the clean ticket is not the measure).
	let n = 0;
	const tame = (o: RulesToOpen): RulesToOpen => ({
		...o,
		rows: o.rows.map((r) => ({
			...r,
			productName: `p${n++}`,
			requirement: `r${n++}`,
			destination: r.destination && `d${n++}`,
			addressSet: r.addressSet && `s${n++}`,
			source: r.source && `f${n++}`,
			risk: `k${n++}`,
			evidence: `e${n++}`
		})),
		unknown: o.unknown.map(() => `u${n++}`),
		products: o.products.map(() => `q${n++}`),
		selection: {
			...o.selection,
			products: o.selection.products.map((p) => ({ ...p, name: `n${n++}` }))
		},
		result: { ...o.result, appVersion: 'v', browser: 'b', dataVersion: 'dv' }
	});
	const kinds = (t: string) =>
		t
			.split('\n')
			.map((l) => /^\s*(Open:|Seen:|Only from|\d+\.|Do NOT|The result)?/.exec(l)?.[1] ?? '');
	const tameTicket = rulesToOpenTicket(tame(hostile.open), { permalink: 'https://x.example/' });
	expect(kinds(hostile.ticket)).toEqual(kinds(tameTicket));
	for (const line of hostile.ticket.split('\n'))
		expect(hasUnsafeCharacters(line), line).toBe(false);
	expect(hostile.ticket).not.toMatch(/Open: .*polyfill/);
}

function checkOne(payload: string): void {
	checkRulesToOpen(payload);
	const clean = exportsFor(undefined);
	for (const includeRisky of [false, true]) {
		const hostile = exportsFor(payload, includeRisky);
		const cleanNow = includeRisky ? exportsFor(undefined, true) : clean;
		expect([...hostile.keys()]).toEqual([...cleanNow.keys()]);

		// nftables: the same rules, and nft accepts the file.
		const nft = content(hostile, 'netready.nft');
		expect(rulesOf(nft)).toEqual(rulesOf(content(cleanNow, 'netready.nft')));
		const verdict = nftCheck(nft);
		if (verdict.ran) expect(verdict.ok, verdict.output).toBe(true);

		// PAC: compiles, and no payload ran.
		const find = pacInVm(content(hostile, 'proxy.pac'));
		for (const host of ['a.signal.example', 'turn.acme.example', 'x.example', 'pwned'])
			expect(() => find(`https://${host}/`, host)).not.toThrow();

		// sh: parses, and running it writes no marker.
		const sh = content(hostile, 'check-network.sh');
		const syntax = shCheck(sh);
		expect(syntax.ran && syntax.ok, syntax.ran ? syntax.output : syntax.why).toBe(true);
		runSh(sh);
		expect(existsSync(mark), 'the sh script ran text from the data').toBe(false);

		// PowerShell: outside strings and comments, every line is one the clean script has (a
		// poisoned host name turns a test into a TODO line, so the lines may differ in kind).
		const skeletonLines = (text: string) => new Set(psSkeleton(text).split(/\r?\n/));
		const allowed = skeletonLines(content(cleanNow, 'check-network.ps1')).add("Write-Todo ''");
		for (const line of skeletonLines(content(hostile, 'check-network.ps1')))
			expect(allowed.has(line), `PowerShell code from the data: ${line}`).toBe(true);

		// CSV: a real parser reads the same number of records, each as wide as the header.
		const rows = parse(content(hostile, 'rules.csv'), { bom: true, relax_column_count: false });
		const cleanRows = parse(content(cleanNow, 'rules.csv'), { bom: true });
		expect(rows.length).toBe(cleanRows.length);

		// JSON parses; the plain lists add no entry the clean data does not have (a poisoned value
		// that is still one safe token is that entry as the data now writes it).
		expect(() => JSON.parse(content(hostile, 'rules.json'))).not.toThrow();
		for (const list of ['domains.txt', 'ipv4.txt', 'ipv6.txt', 'ports.txt']) {
			const clean = entriesOf(content(cleanNow, list));
			// (a URL's host ends where the payload puts a "/", ":", "?" or "#": a prefix of it)
			const fromData = (entry: string) =>
				clean.some((e) => entry === e || (entry.startsWith(e) && (e + payload).startsWith(entry)));
			for (const entry of entriesOf(content(hostile, list)))
				expect(fromData(entry), `${list}: ${JSON.stringify(entry)}`).toBe(true);
		}
	}

	// The check page's manual commands: one line each, each runs exactly one program, and the
	// PowerShell ones hold no code the clean data's commands do not (strings blanked).
	const commands = (files: readonly DataFile[]) => {
		const catalog = makeCatalog(files, 'test-1');
		const posix: string[] = [];
		const ps: string[] = [];
		for (const p of catalog.products)
			for (const r of p.requirements) {
				const c = manualCommands(r, { catalog, includeRisky: true });
				// Lines with a <placeholder> are not meant to run until IT fills it in.
				posix.push(...c.posix.filter((l) => !l.includes('<')));
				ps.push(...c.powershell.filter((l) => !l.includes('<')));
			}
		return { posix, ps };
	};
	const { posix, ps } = commands(poison([videoFile, otherFile], payload));
	for (const line of [...posix, ...ps]) expect(hasUnsafeCharacters(line), line).toBe(false);
	const { log } = runSh(posix.join('\n') + '\n', stubs);
	expect(existsSync(mark), 'a manual command ran text from the data').toBe(false);
	expect(
		log
			.trim()
			.split('\n')
			.filter(Boolean)
			.map((l) => l.split(' ')[0])
	).toEqual(posix.map((l) => l.split(' ')[0]));
	// With strings blanked, a PowerShell command is one of these shapes; a bare operand is a
	// token of host-name characters only.
	const W = String.raw`(?:''|[A-Za-z0-9._:][A-Za-z0-9._:-]*)`;
	const shapes = [
		`Test-NetConnection -ComputerName ${W} -Port \\d+`,
		`Invoke-WebRequest -Uri '' -Method Head -UseBasicParsing -TimeoutSec 10`,
		`Resolve-DnsName -Name ${W}(?: -Server ${W})?`,
		`w32tm /stripchart /computer:${W} /samples:3 /dataonly`,
		`Get-NetFirewallPortFilter -Protocol (?:TCP|UDP) \\| Where-Object \\{ \\$_\\.LocalPort -contains '' \\} \\| Get-NetFirewallRule \\| Format-Table DisplayName, Enabled, Direction, Action`,
		`New-NetFirewallRule -DisplayName '' -Direction (?:Inbound|Outbound) -Protocol (?:TCP|UDP) -(?:Local|Remote)Port [\\d,-]+ -RemoteAddress ${W} -Action Allow`
	].map((p) => new RegExp(`^${p}$`));
	for (const line of ps)
		expect(
			shapes.some((re) => re.test(psSkeleton(line))),
			`PowerShell: ${line}`
		).toBe(true);
}

describe('hostile text through every field of every export', () => {
	it('the payloads are what they claim: unescaped, they do run', () => {
		// A control: the same marker payloads pasted raw into sh and JavaScript do run.
		runSh(`# ${payloads(mark)[13]}`);
		expect(existsSync(mark)).toBe(true);
		rmSync(mark);
		const context = { pwned: false };
		new Function('ctx', `with (ctx) { // ${payloads(mark)[1]}\n }`)(context);
		expect(context.pwned).toBe(true);
	});

	for (const [i, payload] of payloads('MARK_PLACEHOLDER').entries())
		it(`payload ${i}: ${JSON.stringify(payload).slice(0, 60)}`, () => {
			checkOne(payload.replace('MARK_PLACEHOLDER', mark));
		});

	it('20 random mixes of every character class (seeded, so a failure can be replayed)', () => {
		const next = random(17);
		for (let i = 0; i < 20; i++) checkOne(randomHostile(next, mark));
	}, 120_000);
});

describe('the escaping functions', () => {
	const nasty = [
		'a\nb',
		'a\u2028b',
		'a\u2029b',
		'a\r\nb',
		'a\u0085b',
		'x */ y',
		"it's",
		'‘q’',
		'-x'
	];

	it('keep comment text on one line in every language', () => {
		for (const t of nasty) {
			expect(hasUnsafeCharacters(oneLine(t))).toBe(false);
			expect(jsComment(t)).not.toMatch(/\*\//);
		}
		expect(oneLine('a  b')).toBe('a  b');
		expect(oneLine('was s\nsee')).toBe('was s see');
	});

	it('write JavaScript strings that stay strings (U+2028/U+2029 escaped)', () => {
		for (const t of [...nasty, '"); pwned = true; ("']) {
			const literal = jsString(t);
			expect(literal).not.toMatch(/[\u2028\u2029\n\r]/);
			expect(new Function(`return ${literal};`)()).toBe(t);
		}
	});

	it('quote sh and PowerShell values, never leaving a leading "-" bare', () => {
		expect(shQuote('-x')).toBe("'-x'");
		expect(shQuote('api.acme.example')).toBe('api.acme.example');
		expect(shString("it's")).toBe(`'it'\\''s'`);
		expect(psQuote('-x')).toBe("'-x'");
		expect(psQuote('api.acme.example')).toBe('api.acme.example');
		expect(psString('‘q’')).toBe("'‘‘q’’'");
	});

	it('make placeholders and list entries from safe characters only', () => {
		expect(placeholder('a host under *.x$(id)`y`')).toBe('<a host under *.x id y>');
		expect(listEntry('*.example.com')).toBe('*.example.com');
		expect(listEntry('evil.com\n*')).toBeUndefined();
		expect(listEntry('a b')).toBeUndefined();
		expect(listEntry('-x')).toBeUndefined();
	});
});
