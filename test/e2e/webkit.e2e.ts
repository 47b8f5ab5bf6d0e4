/**
 * Safari's engine in the lab: Debian's WebKitGTK (MiniBrowser driven by WebKitWebDriver under
 * Xvfb, inside the lab's client namespace; test/support/webkit.ts). Debian builds it without
 * WebRTC, so it is also a real browser for the "WebRTC unavailable" path.
 *
 * - every page loads with no script error (an injected recorder; a deliberately broken page
 *   proves it catches errors thrown while a page starts and later);
 * - every lab profile: the check says plainly that video routes cannot be tested here and what to
 *   use instead, while its HTTPS and WebSocket probes give the same outcomes and statuses as
 *   Chromium on the same network (test/support/engine-diff.ts, diffWithoutWebrtc);
 * - history in IndexedDB survives a reload; the printed report renders (print media emulated);
 *   the site reopens through the service worker when its server cannot be reached;
 * - a permalink made in Chromium opens in WebKit with the same verdicts, and one made in WebKit in
 *   Chromium.
 *
 * Needs the built site (npm run build) and webkit2gtk-driver + xvfb; fails, never skips, without
 * them. docs/lab.md, "WebKit".
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import { isIceUrl } from '../../src/lib/data/probe-url';
import type { DataFile } from '../../src/lib/data/schema';
import { REPO_ROOT, type Lab } from '../lab/lab';
import type { ProfileExpectation } from '../lab/profiles/types';
import { CANNOT_TELL } from '../lab/cannot-tell';
import { NETWORK_PROFILE_NAMES } from '../lab/network-profiles';
import { readDataFiles } from '../lab/targets';
import { currentBrowser, currentLab, startLab, stopLab } from '../support/browser';
import { runCheckInPage } from '../support/check-page';
import { diffWithoutWebrtc, formatEngineDiff, type EngineRun } from '../support/engine-diff';
import { resolverAudit, resolverLogOffset } from '../support/firefox';
import {
	requireWebKitTools,
	runCheckInWebKit,
	startWebKit,
	type PageError,
	type WebKitDriver,
	type WebKitSession
} from '../support/webkit';

const modules = import.meta.glob<ProfileExpectation>('../lab/profiles/*.ts', {
	eager: true,
	import: 'default'
});
// The default lab profiles (issue 15: WebKit's row of the agreement table); the cause profiles need
// browser settings (a proxy, a trusted middlebox CA) the WebKit harness does not make.
const DEFAULT_PROFILES = new Set<string>(NETWORK_PROFILE_NAMES);
const expectations = Object.entries(modules)
	.filter(([path]) => !path.endsWith('/types.ts'))
	.filter(([, expectation]) => DEFAULT_PROFILES.has(expectation.network))
	.map(([path, expectation]) => ({
		file: path.split('/').pop()!.replace(/\.ts$/, ''),
		expectation
	}))
	.sort((a, b) => a.file.localeCompare(b.file));

const data: DataFile[] = readDataFiles(join(REPO_ROOT, 'data'));
const products = data.flatMap((f) => f.products);
const CHECK_TIMEOUT_MS = 60_000;

/** Whether a product, with every product it requires, has a STUN/TURN probe (directly or inferred). */
function usesIce(productId: string, seen = new Set<string>()): boolean {
	if (seen.has(productId)) return false;
	seen.add(productId);
	const product = products.find((p) => p.id === productId);
	if (!product) return false;
	const own = product.requirements.some((r) =>
		(r.check.kind === 'probe' ? r.check.probes : r.check.kind === 'inferred' ? r.check.from : [])
			.map((t) => t.url)
			.some(isIceUrl)
	);
	return own || (product.requires ?? []).some((id) => usesIce(id, seen));
}

let lab: Lab;
let webkit: WebKitDriver | undefined;

beforeAll(async () => {
	requireWebKitTools();
	if (
		!existsSync(join(REPO_ROOT, 'build', 'check.html')) &&
		!existsSync(join(REPO_ROOT, 'build', 'check', 'index.html'))
	)
		throw new Error('build/ has no check page: run "npm run build" before the WebKit tests');
	lab = await startLab('open');
	webkit = await startWebKit(lab);
}, 120_000);

afterAll(async () => {
	await webkit?.stop();
	await stopLab();
});

/** A fresh MiniBrowser for one test, closed whatever happens. */
async function withSession<T>(fn: (session: WebKitSession) => Promise<T>): Promise<T> {
	const session = await webkit!.newSession();
	try {
		return await fn(session);
	} finally {
		await session.close();
	}
}

const formatErrors = (errors: PageError[]) =>
	errors
		.map(
			(e) => `  ${e.kind} at ${e.t} ms in ${e.url}${e.where ? ` (${e.where})` : ''}: ${e.message}`
		)
		.join('\n');

/** Fails with every error the page's recorder saw, after a short settle for late ones. */
async function expectNoPageErrors(session: WebKitSession, what: string): Promise<void> {
	await new Promise((r) => setTimeout(r, 250));
	const errors = await session.errors();
	if (errors.length) throw new Error(`${what}: script errors in WebKit:\n${formatErrors(errors)}`);
}

describe('comparison with an engine without WebRTC (pure)', () => {
	const full = {
		format: 'netready-result',
		version: 1,
		dataVersion: 'x',
		appVersion: 'x',
		startedAt: '2026-01-01T00:00:00.000Z',
		finishedAt: '2026-01-01T00:00:01.000Z',
		browser: 'Chrome 156',
		webrtc: 'full',
		products: ['video', 'web'],
		probes: [
			{ url: 'stun:a.test:3478', kind: 'stun', outcome: 'reachable', ms: 40, evidence: {} },
			{ url: 'https://b.test/', kind: 'https', outcome: 'reachable', ms: 50, evidence: {} }
		],
		requirements: {
			'web.https': { status: 'passed', probes: ['https://b.test/'], reason: '' },
			'video.stun': { status: 'passed', probes: ['stun:a.test:3478'], reason: '' },
			'video.both': {
				status: 'passed',
				probes: ['stun:a.test:3478', 'https://b.test/'],
				reason: ''
			},
			'video.media': {
				status: 'inferred',
				inferredOutcome: 'open',
				probes: ['stun:a.test:3478'],
				reason: ''
			}
		},
		verdicts: {
			video: { verdict: 'ready', headline: 'Video calls will work', advice: [], blocking: [] },
			web: { verdict: 'ready', headline: 'Web will work', advice: [], blocking: [] }
		}
	} as unknown as CheckResult;
	const limited = structuredClone(full);
	limited.browser = 'Safari 60';
	limited.webrtc = 'unavailable';
	limited.probes[0]!.outcome = 'unsupported';
	limited.requirements['video.stun']!.status = 'not-run';
	limited.requirements['video.both']!.status = 'partial';
	limited.requirements['video.media']!.inferredOutcome = 'unknown';
	limited.verdicts.video!.verdict = 'unknown';
	const ice = (id: string) => id === 'video';
	const diff = (l: CheckResult) =>
		diffWithoutWebrtc(
			{ engine: 'Chromium', result: full },
			{ engine: 'WebKitGTK', result: l },
			ice
		);
	const decisive = (l: CheckResult) =>
		diff(l).decisive.map((d) => `${d.what} ${d.id}: ${d.values.join(' / ')}`);

	test('untestable video routes are weaker, never different: no difference', () => {
		expect(decisive(limited)).toEqual([]);
		expect(diff(limited).probes.map((d) => d.id)).toEqual(['stun:a.test:3478']);
	});

	test('a web probe, a web status, a claimed STUN/TURN result or a verdict that differs is reported', () => {
		const worse = structuredClone(limited);
		worse.probes[1]!.outcome = 'refused';
		worse.requirements['web.https']!.status = 'failed';
		expect(decisive(worse)).toEqual([
			'probe https://b.test/: reachable after 50 ms / refused after 50 ms',
			'requirement web.https: passed / failed'
		]);
		const claimed = structuredClone(limited);
		claimed.probes[0]!.outcome = 'timeout';
		claimed.requirements['video.stun']!.status = 'failed';
		claimed.requirements['video.media']!.inferredOutcome = 'blocked';
		expect(decisive(claimed)).toEqual([
			'probe stun:a.test:3478: reachable after 40 ms / timeout after 40 ms',
			'requirement video.media: inferred(open) / inferred(blocked)',
			'requirement video.stun: passed / failed'
		]);
		const verdicts = structuredClone(limited);
		verdicts.verdicts.video!.verdict = 'not-ready';
		verdicts.verdicts.web!.verdict = 'unknown';
		expect(decisive(verdicts)).toEqual([
			'verdict video: ready / not-ready',
			'verdict web: ready / unknown'
		]);
	});
});

describe('the error recorder', () => {
	test('catches an error and a rejection thrown while a page starts, and errors thrown later', async () => {
		await withSession(async (session) => {
			await session.goto('/__lab/blank');
			await session.addCookie('nr-lab-break', '1');
			await session.goto('/');
			await session.waitForSelector('input[type="checkbox"]');
			await expect(expectNoPageErrors(session, 'home page')).rejects.toThrow(
				/deliberate error from the lab/
			);
			const atLoad = await session.errors();
			expect(atLoad.map((e) => `${e.kind}: ${e.message.split('\n')[0]}`)).toEqual(
				expect.arrayContaining([
					'error: Error: deliberate error from the lab',
					'unhandledrejection: Error: deliberate rejection from the lab'
				])
			);
			await session.deleteCookies();

			// The same page without the cookie is clean, and an error thrown later is seen too.
			await session.goto('/');
			await session.waitForSelector('input[type="checkbox"]');
			await expectNoPageErrors(session, 'home page');
			await session.evaluate(() => {
				setTimeout(() => {
					throw new Error('thrown later');
				});
				void Promise.reject(new Error('rejected later'));
			});
			await expect
				.poll(async () => (await session.errors()).map((e) => e.message.split('\n')[0]))
				.toEqual(expect.arrayContaining(['Error: thrown later', 'Error: rejected later']));
		});
	});
});

describe('every page in WebKit', () => {
	test('home: choosing a product puts it in the URL', async () => {
		await withSession(async (session) => {
			await session.goto('/');
			await session.waitForSelector('input[value="emis-web"]', { visible: true });
			await session.click('input[value="emis-web"]');
			await session.waitFor(
				'the URL to carry the choice',
				() => new URL(location.href).searchParams.get('products') === 'emis-web'
			);
			await expectNoPageErrors(session, 'home page');
		});
	});

	test('every product page shows every requirement of the data', async () => {
		await withSession(async (session) => {
			for (const product of products) {
				await session.goto(`/products/${product.id}/`);
				const shown = await session.evaluate(() => ({
					h1: document.querySelector('h1')?.textContent ?? '',
					ids: [...document.querySelectorAll('article.requirement')].map((e) => e.id)
				}));
				expect(shown, product.id).toEqual({
					h1: product.name,
					ids: product.requirements.map((r) => r.id)
				});
				await expectNoPageErrors(session, `/products/${product.id}/`);
			}
		});
	});

	test('check, history, compare and shared pages start without a script error', async () => {
		await withSession(async (session) => {
			await session.goto('/check/?products=all');
			await session.waitFor('start-check to be enabled', () => {
				const b = document.querySelector<HTMLButtonElement>('[data-testid="start-check"]');
				return !!b && !b.disabled;
			});
			await expectNoPageErrors(session, 'check page');

			await session.goto('/history/');
			await session.waitForSelector('[data-testid="history-empty"]');
			await expectNoPageErrors(session, 'history page');

			await session.goto('/compare/');
			await session.waitFor('the compare page to read history', () =>
				document.querySelector('main')?.textContent?.includes('You need two saved checks')
			);
			await expectNoPageErrors(session, 'compare page');

			// A damaged link: a message, no exception.
			for (const hash of ['', '#r=1.AAAA', '#r=1.<img src=x onerror=alert(1)>']) {
				await session.goto(`/shared/${hash}`);
				await session.waitForSelector('[data-testid="shared-error"]');
				expect(await session.evaluate(() => document.querySelectorAll('main img').length)).toBe(0);
				await expectNoPageErrors(session, `shared page ${hash || '(no fragment)'}`);
			}
		});
	});

	test('a page that does not exist is the host’s 404, also from inside the app', async () => {
		await withSession(async (session) => {
			for (const path of ['/no-such-page/', '/products/no-such-product/']) {
				await session.goto(path);
				expect(await session.evaluate(() => document.body.textContent?.trim())).toBe('not found');
				await expectNoPageErrors(session, path);
			}
			// A link inside the app to an unknown route: the router hands it to the host. Added once
			// the page is hydrated (start-check is enabled on mount), so hydration cannot remove it.
			await session.goto('/check/?products=all');
			await session.waitFor('the check page to hydrate', () => {
				const b = document.querySelector<HTMLButtonElement>('[data-testid="start-check"]');
				return !!b && !b.disabled;
			});
			await session.evaluate(() => {
				const a = document.createElement('a');
				a.href = '../no-such-page/';
				a.id = 'lab-missing-link';
				a.textContent = 'missing';
				document.querySelector('main')!.append(a);
			});
			await session.click('#lab-missing-link');
			await session.waitFor(
				'the host’s 404',
				() => document.body.textContent?.trim() === 'not found'
			);
			await expectNoPageErrors(session, 'unknown route reached from the app');
		});
	});
});

/** What the page shows per product: verdict and the card's text. */
function verdictCards(session: WebKitSession) {
	return session.evaluate(() =>
		Object.fromEntries(
			[...document.querySelectorAll<HTMLElement>('[data-testid^="verdict-"][data-verdict]')].map(
				(el) => [
					el.dataset.testid!.slice('verdict-'.length),
					{ verdict: el.dataset.verdict!, text: el.textContent ?? '' }
				]
			)
		)
	);
}

const pressToVerdict: string[] = [];

describe.each(expectations)('profile $file', ({ file, expectation }) => {
	test(`${expectation.title ?? expectation.network}: no WebRTC, so video is untested, and the HTTPS and WebSocket probes match Chromium`, async () => {
		await startLab(expectation.network);
		const options = { timeoutMs: CHECK_TIMEOUT_MS, subPath: expectation.subPath };
		const chromiumRun = await runCheckInPage(expectation.products, options);
		const chromium: EngineRun = { engine: 'Chromium', result: chromiumRun.result };
		await chromiumRun.page.context().close();
		// Closed before WebKit starts, so the resolver log from here on is WebKit's alone; lookups
		// Chromium had already sent still arrive for a moment (later on a slow link).
		await currentBrowser().close();
		await new Promise((resolve) => setTimeout(resolve, 1500));

		const dnsLogOffset = resolverLogOffset(lab);
		const { run, cards, meta, errors, version } = await withSession(async (session) => {
			const run = await runCheckInWebKit(session, expectation.products, options);
			return {
				run,
				cards: await verdictCards(session),
				meta: await session.evaluate(
					() => document.querySelector('[data-testid="check-done"] .meta')?.textContent ?? ''
				),
				errors: await session.errors(),
				version: session.version
			};
		});
		const audit = resolverAudit(lab, dnsLogOffset);
		const webkitRun: EngineRun = { engine: 'WebKitGTK', result: run.result };
		const verdictIds = Object.keys(run.result.verdicts);
		const same = verdictIds.filter(
			(id) => run.result.verdicts[id]!.verdict === chromium.result.verdicts[id]?.verdict
		);
		const weaker = verdictIds
			.filter((id) => !same.includes(id))
			.map(
				(id) => `${id} ${chromium.result.verdicts[id]?.verdict}→${run.result.verdicts[id]!.verdict}`
			);
		pressToVerdict.push(
			`${file}: Chromium ${Math.round(chromiumRun.pressToVerdictMs)} ms, WebKit ${Math.round(run.pressToVerdictMs)} ms (${version}); ` +
				`verdicts: ${same.length} of ${verdictIds.length} as Chromium${weaker.length ? `, ${weaker.join(', ')}` : ''}`
		);
		console.info(`[webkit] ${pressToVerdict.at(-1)}`);

		expect(run.result.browser).toMatch(/^Safari \d+/);
		expect(run.result.webrtc).toBe('unavailable');
		const problems: string[] = [];
		const diff = diffWithoutWebrtc(chromium, webkitRun, (id) => usesIce(id));
		// Chromium can see that DNS is dead (it reports WebRTC name lookups); without WebRTC WebKit
		// cannot (test/lab/cannot-tell.ts), so there each engine is held only to the probe outcomes.
		const chromiumOffline = !!chromium.result.diagnosis?.findings.some(
			(f) => f.cause === 'offline'
		);
		const webkitOffline = !!run.result.diagnosis?.findings.some((f) => f.cause === 'offline');
		const cannotTell =
			chromiumOffline !== webkitOffline && !!CANNOT_TELL[`webkit/${expectation.network}`];
		if (cannotTell) diff.decisive = diff.decisive.filter((d) => d.what === 'probe');
		if (diff.decisive.length)
			problems.push(formatEngineDiff(`profile ${file}`, chromium.engine, webkitRun.engine, diff));
		if (errors.length) problems.push(`script errors in WebKit:\n${formatErrors(errors)}`);
		if (audit.strayNames.length)
			problems.push(
				`WebKit asked the lab resolver for names outside the lab's plan: ${audit.strayNames.join(', ')}`
			);
		// Every STUN/TURN probe says why it did not run.
		for (const probe of run.result.probes.filter((p) => isIceUrl(p.url)))
			if (!/WebRTC/.test(probe.evidence.detail ?? ''))
				problems.push(`${probe.url}: no WebRTC explanation (${probe.evidence.detail})`);
		// What a person sees: a video product that could not be decided says that this browser
		// cannot test video calls and what to use instead.
		if (!/WebRTC: not available/.test(meta))
			problems.push(`result line without WebRTC status: ${meta}`);
		for (const [id, card] of Object.entries(cards)) {
			if (!usesIce(id) || card.verdict !== 'unknown') continue;
			// Not connected at all: that is the answer, whatever the browser could have tested.
			if (run.result.verdicts[id]?.undecided === 'offline') continue;
			if (
				!/video calls/i.test(card.text) ||
				!/WebRTC/.test(card.text) ||
				!/Chrome|Edge|Firefox/.test(card.text)
			)
				problems.push(
					`${id}: the card does not say video cannot be tested here and what to use: ${card.text}`
				);
		}
		if (problems.length) expect.fail(problems.join('\n\n'));
		expect(Object.keys(cards).sort()).toEqual(Object.keys(run.result.verdicts).sort());
	});
});

describe('one WebKit device: history, print, offline', () => {
	let session: WebKitSession;
	let runIds: string[] = [];
	const results: CheckResult[] = [];
	const PRODUCTS = ['emis-web-mobile', 'accurx-vc-patient'];

	beforeAll(async () => {
		await startLab('open');
		session = await webkit!.newSession();
	});
	afterAll(async () => {
		await session?.close();
	});

	test('two checks are saved in IndexedDB and survive a reload', async () => {
		for (let i = 0; i < 2; i++) {
			const run = await runCheckInWebKit(session, PRODUCTS, { timeoutMs: CHECK_TIMEOUT_MS });
			results.push(run.result);
			await session.waitForSelector('[data-testid="history-saved"]', { timeoutMs: 10_000 });
			await expectNoPageErrors(session, 'check page after a check');
		}
		await session.goto('/history/');
		const listed = () =>
			session.evaluate(() =>
				[...document.querySelectorAll<HTMLElement>('[data-testid="history-run"]')].map(
					(el) => el.dataset.runId ?? ''
				)
			);
		await session.waitFor(
			'two saved runs',
			() => document.querySelectorAll('[data-testid="history-run"]').length === 2
		);
		runIds = await listed();
		expect(runIds.every(Boolean), `run ids: ${runIds.join(', ')}`).toBe(true);
		await session.reload();
		await session.waitForSelector('[data-testid="history-run"]');
		expect(await listed()).toEqual(runIds);
		await expectNoPageErrors(session, 'history page after a reload');

		// A saved run opens with its verdicts.
		await session.goto(`/history/?run=${encodeURIComponent(runIds[0]!)}`);
		await session.waitForSelector('[data-testid^="verdict-"]');
		const shown = await verdictCards(session);
		const verdictsOf = (r: CheckResult) =>
			Object.fromEntries(Object.entries(r.verdicts).map(([id, v]) => [id, v.verdict]));
		expect(results.map(verdictsOf)).toContainEqual(
			Object.fromEntries(Object.entries(shown).map(([id, c]) => [id, c.verdict]))
		);
	});

	test('the printed report renders with print media emulated', async () => {
		await session.goto(`/history/?run=${encodeURIComponent(runIds[0]!)}`);
		await session.waitForSelector('[data-testid="print"]');
		// Classic WebDriver has no print command and no media emulation in WebKitWebDriver 2.50: turn
		// every @media print rule of the page's own stylesheets on and every screen rule off, and let
		// WebKit lay the page out with them.
		const switched = await session.evaluate(() => {
			let n = 0;
			const visit = (rules: CSSRuleList) => {
				for (const rule of [...rules]) {
					if (rule instanceof CSSMediaRule) {
						const media = rule.media.mediaText;
						if (/\bprint\b/.test(media) && !/\bscreen\b/.test(media)) {
							rule.media.mediaText = 'all';
							n++;
						} else if (/^\s*(only\s+)?screen\b/.test(media)) rule.media.mediaText = 'not all';
					}
					if ('cssRules' in rule) visit((rule as CSSGroupingRule).cssRules);
				}
			};
			for (const sheet of [...document.styleSheets]) visit(sheet.cssRules);
			return n;
		});
		expect(switched).toBeGreaterThan(0);
		const report = await session.evaluate(() => {
			const visible = (el: Element | null) => !!el && el.getClientRects().length > 0;
			const section = document.querySelector('.print-report');
			return {
				visible: visible(section),
				title: section?.querySelector('h1')?.textContent ?? '',
				text: section?.textContent ?? '',
				tables: [...(section?.querySelectorAll('table') ?? [])].map((table) =>
					[...table.querySelectorAll('tbody tr')].map((tr) =>
						[...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')
					)
				),
				hidden: ['header', '[data-testid="run-actions"]', '.screen-only', 'button']
					.flatMap((css) => [...document.querySelectorAll(css)])
					.filter(visible)
					.map((el) => el.outerHTML.slice(0, 80))
			};
		});
		const shot = await session.screenshot();
		mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
		writeFileSync(join(REPO_ROOT, 'test-results', 'webkit-print-report.png'), shot);
		expect(report.visible, 'the print report is laid out').toBe(true);
		expect(report.title).toMatch(/^netready report/);
		const [verdicts, attention = []] = report.tables;
		expect(verdicts!.map((r) => r[0]).sort()).toEqual(
			PRODUCTS.map((id) => products.find((p) => p.id === id)!.name).sort()
		);
		// IT reads why video is undecided, and a rule whose only gap is the untestable TURN probe
		// (Whereby HTTPS: 2 of 3 passed, TURN not possible) is not listed as needing attention.
		expect(report.text).toMatch(/WebRTC was not available in this browser/);
		expect(attention, 'rules listed as needing attention on an open network').toEqual([]);
		expect(report.text).toMatch(/No tested rule failed/);
		expect(report.hidden, 'interactive parts hidden in print').toEqual([]);
		await expectNoPageErrors(session, 'history page in print');
	});

	test('with the site unreachable, it reopens through the service worker with history and comparisons', async () => {
		await session.goto('/history/');
		await session.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await session.reload();
		await session.waitFor(
			'the service worker to control the page',
			() => !!navigator.serviceWorker.controller
		);
		const sitePorts = [new URL(webkit!.siteOrigin).port, new URL(lab.siteOrigin).port];
		await goOffline(lab, sitePorts);
		try {
			// Really offline: a file the service worker does not keep cannot be fetched.
			expect(
				await session.evaluate(() =>
					fetch(`/__lab/blank?${Math.random()}`).then(
						() => 'fetched',
						() => 'failed'
					)
				)
			).toBe('failed');
			await session.goto('/history/');
			await session.waitFor(
				'two runs from IndexedDB',
				() => document.querySelectorAll('[data-testid="history-run"]').length === 2
			);
			expect(await session.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
			await session.goto(
				`/compare/?a=${encodeURIComponent(runIds[1]!)}&b=${encodeURIComponent(runIds[0]!)}`
			);
			await session.waitForSelector('[data-testid="comparison-summary"]');
			await session.goto('/check/?products=all');
			await session.waitForSelector('[data-testid="start-check"]');
			// WebKitGTK in the lab keeps navigator.onLine true (docs/lab.md), so no offline notice.
			console.info(
				`[webkit] offline: navigator.onLine=${await session.evaluate(() => navigator.onLine)}`
			);
		} finally {
			await goOnline(lab);
		}
	});
});

const OFFLINE_TABLE = 'nr_webkit_offline';

/**
 * In the client namespace: the site's server refuses connections (both the WebKit proxy's port and
 * the lab's static server's) and everything leaving the client is dropped.
 */
async function goOffline(target: Lab, ports: string[]): Promise<void> {
	const file = join(target.dir, `${OFFLINE_TABLE}.nft`);
	writeFileSync(
		file,
		`table inet ${OFFLINE_TABLE} {\n` +
			'\tchain output {\n' +
			'\t\ttype filter hook output priority 0; policy accept;\n' +
			`\t\ttcp dport { ${ports.join(', ')} } reject with tcp reset\n` +
			'\t\toifname "eth0" drop\n' +
			'\t}\n}\n'
	);
	await target.exec('client', 'nft', ['-f', file]);
}

async function goOnline(target: Lab): Promise<void> {
	await target.exec('client', 'nft', ['delete', 'table', 'inet', OFFLINE_TABLE]);
}

describe('permalinks between engines', () => {
	const PRODUCTS = ['emis-web-mobile', 'accurx-vc-patient', 'amwell-home'];

	/** Clicks share on a page showing a result and returns the link. */
	async function shareInWebKit(session: WebKitSession): Promise<string> {
		await session.click('[data-testid="share"]');
		return session.waitFor(
			'the share link',
			() => document.querySelector<HTMLInputElement>('[data-testid="share-link"]')?.value ?? ''
		);
	}

	test('a link made in Chromium opens in WebKit with the same verdicts, and one made in WebKit in Chromium', async () => {
		await startLab('open');
		const chromiumRun = await runCheckInPage(PRODUCTS, { timeoutMs: CHECK_TIMEOUT_MS });
		await chromiumRun.page.getByTestId('share').click();
		const chromiumLink = await chromiumRun.page.getByTestId('share-link').inputValue();
		await chromiumRun.page.context().close();
		expect(chromiumLink.startsWith(`${currentLab().siteOrigin}/shared/#r=2.`), chromiumLink).toBe(
			true
		);

		const fromWebKit = await withSession(async (session) => {
			// The same path and fragment, on the WebKit side of the same server (the recorder proxy).
			await session.goto(chromiumLink.replace(currentLab().siteOrigin, webkit!.siteOrigin));
			await session.waitForSelector('[data-testid="shared-banner"]');
			const opened = await verdictCards(session);
			await expectNoPageErrors(session, 'shared page with a link from Chromium');
			const run = await runCheckInWebKit(session, PRODUCTS, { timeoutMs: CHECK_TIMEOUT_MS });
			await session.waitForSelector('[data-testid="share"]');
			return { opened, result: run.result, link: await shareInWebKit(session) };
		});
		const verdictsOf = (r: CheckResult) =>
			Object.fromEntries(Object.entries(r.verdicts).map(([id, v]) => [id, v.verdict]));
		expect(
			Object.fromEntries(Object.entries(fromWebKit.opened).map(([id, c]) => [id, c.verdict]))
		).toEqual(verdictsOf(chromiumRun.result));

		// WebKit's link, as it is, in Chromium.
		expect(fromWebKit.link.startsWith(`${webkit!.siteOrigin}/shared/#r=2.`), fromWebKit.link).toBe(
			true
		);
		const context = await currentBrowser().newContext();
		try {
			const page = await context.newPage();
			const pageErrors: string[] = [];
			page.on('pageerror', (e) => pageErrors.push(String(e)));
			await page.goto(fromWebKit.link, { waitUntil: 'load', timeout: 30_000 });
			await page.getByTestId('shared-banner').waitFor();
			const shown: Record<string, string | null> = {};
			for (const id of Object.keys(fromWebKit.result.verdicts))
				shown[id] = await page.getByTestId(`verdict-${id}`).getAttribute('data-verdict');
			expect(shown).toEqual(verdictsOf(fromWebKit.result));
			// The shared result says where it was made.
			expect(await page.getByTestId('shared-banner').innerText()).toMatch(/Safari \d+/);
			expect(pageErrors).toEqual([]);
		} finally {
			await context.close();
		}
	});
});

afterAll(() => {
	if (pressToVerdict.length)
		console.info(`[webkit] press-to-verdict:\n  ${pressToVerdict.join('\n  ')}`);
});
