/**
 * The third engine in the lab: Debian's WebKitGTK (the engine of Safari), driven over the W3C
 * WebDriver HTTP protocol by a small client written here with fetch, inside the lab's client
 * namespace (docs/lab.md, "WebKit").
 *
 * - startWebKit(lab) starts, inside the client namespace, Xvfb (a display for MiniBrowser),
 *   WebKitWebDriver, and test/support/webkit-in-netns.mjs, which bridges the driver's port to a
 *   Unix socket (the host has no route into the lab) and serves the site through a proxy that adds
 *   the error recorder to every page. stop() ends the three by their process ids (the driver with
 *   its process group, so MiniBrowser and its web and network processes go with it).
 * - Every newSession() is a fresh MiniBrowser (`--automation`: an ephemeral profile, nothing on
 *   disk), so no DNS cache, socket or stored state carries over; HOME and the XDG directories
 *   point into a temporary directory that stop() removes.
 * - The lab's certificates are self-signed: acceptInsecureCerts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, closeSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import { REPO_ROOT, type Lab } from '../lab/lab';
import { checkPath } from './check-page';

export const WEBKIT_DRIVER_PATH = process.env.WEBKIT_DRIVER_PATH ?? '/usr/bin/WebKitWebDriver';
export const MINIBROWSER_PATH =
	process.env.MINIBROWSER_PATH ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
export const XVFB_PATH = process.env.XVFB_PATH ?? '/usr/bin/Xvfb';
const HELPER = join(REPO_ROOT, 'test/support/webkit-in-netns.mjs');

/** Fails with what to install when a WebKit tool is missing: the WebKit tests never skip. */
export function requireWebKitTools(): void {
	const missing = [
		[WEBKIT_DRIVER_PATH, 'webkit2gtk-driver'],
		[MINIBROWSER_PATH, 'libwebkit2gtk-4.1-0'],
		[XVFB_PATH, 'xvfb']
	].filter(([path]) => !existsSync(path!));
	if (missing.length)
		throw new Error(
			`WebKit cannot run in the lab: missing ${missing.map(([p, pkg]) => `${p} (Debian package ${pkg})`).join(', ')}. ` +
				'Run "bash scripts/install-system-deps.sh" as root.'
		);
}

/** An error recorded in the page by the injected recorder (webkit-in-netns.mjs). */
export interface PageError {
	kind: 'error' | 'unhandledrejection' | 'resource' | 'csp' | 'console.error';
	message: string;
	where: string;
	url: string;
	/** ms after the page's time origin */
	t: number;
}

interface WebDriverError {
	error: string;
	message: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

/** Stops a process (and its group, if it leads one) by id: SIGTERM, then SIGKILL. */
async function stopProcess(child: ChildProcess | undefined, group: boolean): Promise<void> {
	if (!child?.pid) return;
	const target = group ? -child.pid : child.pid;
	const exited = isAlive(child)
		? new Promise<void>((r) => child.once('exit', () => r()))
		: Promise.resolve();
	try {
		process.kill(target, 'SIGTERM');
	} catch {
		// already gone
	}
	if (await Promise.race([exited.then(() => false), sleep(3000).then(() => true)])) {
		try {
			process.kill(target, 'SIGKILL');
		} catch {
			// already gone
		}
		await Promise.race([exited, sleep(2000)]);
	}
	if (group) {
		// Children of the group leader (MiniBrowser, its web and network processes) may outlive it.
		try {
			process.kill(target, 'SIGKILL');
		} catch {
			// nothing left in the group
		}
	}
}

/** Reads the first JSON line a child prints on stdout. */
function readyLine(
	child: ChildProcess,
	name: string,
	timeoutMs: number
): Promise<Record<string, unknown>> {
	return new Promise((resolve, reject) => {
		let buffer = '';
		const timer = setTimeout(
			() => reject(new Error(`webkit: ${name} did not report ready within ${timeoutMs} ms`)),
			timeoutMs
		);
		child.stdout?.on('data', (chunk: Buffer) => {
			buffer += chunk.toString();
			const line = buffer.split('\n').find((l) => l.startsWith('{'));
			if (!line) return;
			clearTimeout(timer);
			resolve(JSON.parse(line) as Record<string, unknown>);
		});
		child.once('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`webkit: ${name} exited with ${code} before it was ready`));
		});
	});
}

const drivers = new Set<WebKitDriver>();
let exitHookInstalled = false;

/** On exit nothing of WebKit stays: the lab's own teardown kills what is left in the namespace. */
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const driver of drivers) driver.killSync();
	});
}

export class WebKitDriver {
	/** the site through the recorder proxy: http://127.0.0.1:<port> inside the client namespace */
	readonly siteOrigin: string;
	/** pids of what runs inside the lab for this driver */
	readonly pids: { xvfb: number; driver: number; helper: number };
	private readonly endpoint: string;
	private readonly sessions = new Set<WebKitSession>();
	private stopped = false;

	constructor(
		readonly lab: Lab,
		private readonly work: string,
		private readonly processes: { xvfb: ChildProcess; driver: ChildProcess; helper: ChildProcess },
		private readonly relay: net.Server,
		sitePort: number,
		readonly display: string
	) {
		const address = relay.address() as net.AddressInfo;
		this.endpoint = `http://127.0.0.1:${address.port}`;
		this.siteOrigin = `http://127.0.0.1:${sitePort}`;
		this.pids = {
			xvfb: processes.xvfb.pid!,
			driver: processes.driver.pid!,
			helper: processes.helper.pid!
		};
	}

	/** The page URL for a site path as WebKit loads it (through the recorder proxy). */
	url(path: string, options: { subPath?: boolean } = {}): string {
		const clean = path.startsWith('/') ? path : `/${path}`;
		return `${this.siteOrigin}${options.subPath ? this.lab.subPath : ''}${clean}`;
	}

	/** One W3C WebDriver command; a WebDriver error becomes an exception that names the command. */
	async command<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
		const response = await fetch(this.endpoint + path, {
			method,
			headers: body === undefined ? undefined : { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
		const text = await response.text();
		let json: { value?: unknown };
		try {
			json = JSON.parse(text) as { value?: unknown };
		} catch {
			throw new Error(
				`WebDriver ${method} ${path}: HTTP ${response.status}, not JSON: ${text.slice(0, 200)}`
			);
		}
		const value = json.value as T | WebDriverError;
		if (!response.ok || (value && typeof value === 'object' && 'error' in value))
			throw new Error(
				`WebDriver ${method} ${path}: ${(value as WebDriverError).error}: ${(value as WebDriverError).message}`
			);
		return value as T;
	}

	/** A fresh MiniBrowser with an ephemeral profile. */
	async newSession(): Promise<WebKitSession> {
		const created = await this.command<{
			sessionId: string;
			capabilities: Record<string, unknown>;
		}>('POST', '/session', {
			capabilities: {
				alwaysMatch: {
					acceptInsecureCerts: true,
					pageLoadStrategy: 'normal',
					timeouts: { script: 90_000, pageLoad: 30_000, implicit: 0 },
					'webkitgtk:browserOptions': { binary: MINIBROWSER_PATH, args: ['--automation'] }
				}
			}
		});
		const session = new WebKitSession(this, created.sessionId, created.capabilities);
		this.sessions.add(session);
		return session;
	}

	/** @internal */
	forget(session: WebKitSession): void {
		this.sessions.delete(session);
	}

	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		for (const session of [...this.sessions]) await session.close().catch(() => {});
		this.relay.close();
		await stopProcess(this.processes.driver, true);
		await stopProcess(this.processes.helper, false);
		await stopProcess(this.processes.xvfb, false);
		rmSync(this.work, { recursive: true, force: true });
		drivers.delete(this);
	}

	/** Synchronous last resort for the exit hook. */
	killSync(): void {
		for (const [child, group] of [
			[this.processes.driver, true],
			[this.processes.helper, false],
			[this.processes.xvfb, false]
		] as const) {
			if (!child.pid || !isAlive(child)) continue;
			try {
				process.kill(group ? -child.pid : child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
		rmSync(this.work, { recursive: true, force: true });
	}
}

/**
 * Starts Xvfb, WebKitWebDriver and the bridge/proxy helper inside the lab's client namespace.
 * The caller must stop() it (afterAll); an exit hook kills what is left.
 */
export async function startWebKit(lab: Lab): Promise<WebKitDriver> {
	requireWebKitTools();
	installExitHook();
	const work = mkdtempSync(join(tmpdir(), 'nr-webkit-'));
	const home = join(work, 'home');
	const runtime = join(work, 'run');
	for (const dir of [
		home,
		runtime,
		join(home, '.cache'),
		join(home, '.config'),
		join(home, '.local/share')
	])
		mkdirSync(dir, { recursive: true, mode: 0o700 });
	const log = openSync(join(work, 'webkit.log'), 'a');
	const env = {
		PATH: process.env.PATH ?? '/usr/bin:/bin',
		HOME: home,
		XDG_CACHE_HOME: join(home, '.cache'),
		XDG_CONFIG_HOME: join(home, '.config'),
		XDG_DATA_HOME: join(home, '.local/share'),
		XDG_RUNTIME_DIR: runtime,
		// no accessibility bus and no dconf: there is no session bus in the lab
		NO_AT_BRIDGE: '1',
		GSETTINGS_BACKEND: 'memory',
		LANG: 'C.UTF-8'
	};
	const inLab = (
		cmd: string,
		args: string[],
		stdio: ('ignore' | 'pipe' | number)[],
		options: { display?: string; detached?: boolean } = {}
	) =>
		spawn('ip', ['netns', 'exec', lab.ns.client, cmd, ...args], {
			stdio,
			env: options.display ? { ...env, DISPLAY: options.display } : env,
			// the driver leads a process group of its own, so MiniBrowser and its helpers stop with it
			detached: options.detached ?? false
		});

	const started: Partial<Record<'xvfb' | 'driver' | 'helper', ChildProcess>> = {};
	let relay: net.Server | undefined;
	try {
		// -displayfd: Xvfb picks a free display and writes its number to fd 3.
		const xvfb = inLab(
			XVFB_PATH,
			['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'],
			['ignore', 'ignore', log, 'pipe']
		);
		started.xvfb = xvfb;
		const displayNumber = await new Promise<string>((resolve, reject) => {
			let text = '';
			const timer = setTimeout(
				() => reject(new Error('webkit: Xvfb did not start within 10 s')),
				10_000
			);
			(xvfb.stdio[3] as NodeJS.ReadableStream).on('data', (chunk: Buffer) => {
				text += chunk.toString();
				if (text.includes('\n')) {
					clearTimeout(timer);
					resolve(text.trim());
				}
			});
			xvfb.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`webkit: Xvfb exited with ${code} (see ${work}/webkit.log)`));
			});
		});
		const display = `:${displayNumber}`;

		const socketPath = join(work, 'webdriver.sock');
		const helper = inLab(
			process.execPath,
			[HELPER, socketPath, lab.siteOrigin],
			['ignore', 'pipe', log]
		);
		started.helper = helper;
		const ready = await readyLine(helper, 'webkit-in-netns.mjs', 10_000);

		const driver = inLab(
			WEBKIT_DRIVER_PATH,
			[`--port=${String(ready.driverPort)}`],
			['ignore', log, log],
			{
				display,
				detached: true
			}
		);
		started.driver = driver;

		relay = net.createServer((incoming) => {
			const outgoing = net.connect(socketPath);
			incoming.pipe(outgoing);
			outgoing.pipe(incoming);
			const end = () => {
				incoming.destroy();
				outgoing.destroy();
			};
			incoming.on('error', end);
			outgoing.on('error', end);
		});
		await new Promise<void>((r) => relay!.listen(0, '127.0.0.1', () => r()));
		const webkit = new WebKitDriver(
			lab,
			work,
			started as Required<typeof started>,
			relay,
			Number(ready.sitePort),
			display
		);
		// The driver answers /status once it listens.
		const deadline = Date.now() + 10_000;
		for (;;) {
			try {
				await webkit.command('GET', '/status');
				break;
			} catch (error) {
				if (!isAlive(driver))
					throw new Error(`webkit: WebKitWebDriver exited (see ${work}/webkit.log)`, {
						cause: error
					});
				if (Date.now() > deadline)
					throw new Error(
						`webkit: WebKitWebDriver did not answer within 10 s (see ${work}/webkit.log)`,
						{
							cause: error
						}
					);
				await sleep(100);
			}
		}
		drivers.add(webkit);
		return webkit;
	} catch (error) {
		relay?.close();
		await stopProcess(started.driver, true);
		await stopProcess(started.helper, false);
		await stopProcess(started.xvfb, false);
		throw error;
	} finally {
		closeSync(log);
	}
}

/** A function run in the page: its source is sent, so it must not close over anything. */
type PageFunction<A extends unknown[], R> = (...args: A) => R | Promise<R>;

export class WebKitSession {
	private closed = false;

	constructor(
		readonly driver: WebKitDriver,
		readonly id: string,
		readonly capabilities: Record<string, unknown>
	) {}

	/** "MiniBrowser 2.50.6" */
	get version(): string {
		return `${String(this.capabilities.browserName)} ${String(this.capabilities.browserVersion)}`;
	}

	private command<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
		return this.driver.command<T>(method, `/session/${this.id}${path}`, body);
	}

	/** Loads a site path (through the recorder proxy) or a full URL, and waits for its load event. */
	async goto(pathOrUrl: string, options: { subPath?: boolean } = {}): Promise<void> {
		const url = /^https?:/.test(pathOrUrl) ? pathOrUrl : this.driver.url(pathOrUrl, options);
		await this.command('POST', '/url', { url });
	}

	async reload(): Promise<void> {
		await this.command('POST', '/refresh', {});
	}

	currentUrl(): Promise<string> {
		return this.command<string>('GET', '/url');
	}

	/** Runs a function in the page and returns its (JSON) result; a returned promise is awaited. */
	async evaluate<A extends unknown[], R>(fn: PageFunction<A, R>, ...args: A): Promise<R> {
		const script =
			`const done = arguments[arguments.length - 1];` +
			`Promise.resolve().then(() => (${fn.toString()}).apply(null, Array.prototype.slice.call(arguments, 0, -1)))` +
			`.then((value) => done({ ok: true, value }), (e) => done({ ok: false, error: String(e && e.stack ? e.stack : e) }));`;
		const outcome = await this.command<{ ok: boolean; value?: R; error?: string }>(
			'POST',
			'/execute/async',
			{ script, args }
		);
		if (!outcome.ok) throw new Error(`in WebKit: ${outcome.error}`);
		return outcome.value as R;
	}

	/** Polls a page function until it returns something truthy. */
	async waitFor<A extends unknown[], R>(
		what: string,
		fn: PageFunction<A, R>,
		options: { timeoutMs?: number; args?: A } = {}
	): Promise<R> {
		const deadline = Date.now() + (options.timeoutMs ?? 15_000);
		let last: unknown;
		for (;;) {
			try {
				const value = await this.evaluate(fn, ...((options.args ?? []) as A));
				if (value) return value;
				last = value;
			} catch (error) {
				// a navigation in progress replaces the document under the script
				last = error;
			}
			if (Date.now() > deadline)
				throw new Error(`WebKit: timed out waiting for ${what} (last: ${String(last)})`);
			await sleep(100);
		}
	}

	/** Waits until an element matching `selector` exists (and, with visible, has a layout box). */
	waitForSelector(selector: string, options: { timeoutMs?: number; visible?: boolean } = {}) {
		return this.waitFor(
			`${selector}${options.visible ? ' (visible)' : ''}`,
			(css: string, visible: boolean) => {
				const el = document.querySelector(css) as HTMLElement | null;
				if (!el) return false;
				return !visible || el.getClientRects().length > 0;
			},
			{ timeoutMs: options.timeoutMs, args: [selector, !!options.visible] as [string, boolean] }
		);
	}

	/** A real click through WebKitWebDriver (scrolls into view, synthesises the mouse events). */
	async click(selector: string): Promise<void> {
		const found = await this.command<Record<string, string>>('POST', '/element', {
			using: 'css selector',
			value: selector
		});
		const elementId = Object.values(found)[0]!;
		await this.command('POST', `/element/${elementId}/click`, {});
	}

	/** Types into an input through WebKitWebDriver. */
	async type(selector: string, text: string): Promise<void> {
		const found = await this.command<Record<string, string>>('POST', '/element', {
			using: 'css selector',
			value: selector
		});
		const elementId = Object.values(found)[0]!;
		await this.command('POST', `/element/${elementId}/clear`, {});
		await this.command('POST', `/element/${elementId}/value`, { text });
	}

	async addCookie(name: string, value: string): Promise<void> {
		await this.command('POST', '/cookie', { cookie: { name, value, path: '/' } });
	}

	async deleteCookies(): Promise<void> {
		await this.command('DELETE', '/cookie');
	}

	/** What the injected recorder saw in the current page; throws if the recorder is not there. */
	async errors(): Promise<PageError[]> {
		const recorded = await this.evaluate(() => {
			const list = (window as unknown as { __nrErrors?: unknown[] }).__nrErrors;
			return list ? JSON.parse(JSON.stringify(list)) : null;
		});
		if (!recorded)
			throw new Error(
				`the error recorder is not in ${await this.currentUrl()}: was it loaded through the WebKit site proxy?`
			);
		return recorded as PageError[];
	}

	/** A PNG of the viewport. */
	async screenshot(): Promise<Buffer> {
		return Buffer.from(await this.command<string>('GET', '/screenshot'), 'base64');
	}

	async close(): Promise<void> {
		if (this.closed) return;
		this.closed = true;
		this.driver.forget(this);
		await this.command('DELETE', '').catch(() => {});
	}
}

export interface WebKitCheckRun {
	result: CheckResult;
	/** ms from the click on start-check to check-done appearing, measured inside the page */
	pressToVerdictMs: number;
	resultDurationMs: number;
}

/**
 * The check page's test contract (test/support/check-page.ts) in WebKit: press start-check, time
 * the verdict inside the page, press export-json and read the file it makes.
 */
export async function runCheckInWebKit(
	session: WebKitSession,
	productIds: readonly string[] | 'all',
	options: { timeoutMs?: number; subPath?: boolean } = {}
): Promise<WebKitCheckRun> {
	await session.goto(checkPath(productIds), { subPath: options.subPath });
	await session.waitFor('start-check to be enabled', () => {
		const button = document.querySelector<HTMLButtonElement>('[data-testid="start-check"]');
		return !!button && !button.disabled;
	});
	await session.evaluate(() => {
		const w = window as unknown as { __nrLab: { pressed?: number; done?: number } };
		w.__nrLab = {};
		document.addEventListener(
			'click',
			(e) => {
				const target = e.target as Element | null;
				if (target?.closest('[data-testid="start-check"]') && w.__nrLab.pressed === undefined)
					w.__nrLab.pressed = performance.now();
			},
			{ capture: true }
		);
		const observer = new MutationObserver(() => {
			if (w.__nrLab.done === undefined && document.querySelector('[data-testid="check-done"]')) {
				w.__nrLab.done = performance.now();
				observer.disconnect();
			}
		});
		observer.observe(document.documentElement, {
			childList: true,
			subtree: true,
			attributes: true
		});
	});
	await session.click('[data-testid="start-check"]');
	await session.waitForSelector('[data-testid="check-done"]', {
		timeoutMs: options.timeoutMs ?? 60_000
	});
	const times = await session.evaluate(
		() => (window as unknown as { __nrLab: { pressed?: number; done?: number } }).__nrLab
	);
	if (times.pressed === undefined || times.done === undefined)
		throw new Error(
			`check page (WebKit): could not time the check (pressed=${times.pressed}, done=${times.done})`
		);
	const result = await exportResultInWebKit(session);
	return {
		result,
		pressToVerdictMs: times.done - times.pressed,
		resultDurationMs: Date.parse(result.finishedAt) - Date.parse(result.startedAt)
	};
}

/**
 * Clicks export-json and reads the file the page hands to the browser. The page builds a Blob and
 * clicks a download link to a blob: URL; the Blob is taken as URL.createObjectURL receives it
 * (MiniBrowser in automation mode has no download directory a test could read).
 */
export async function exportResultInWebKit(session: WebKitSession): Promise<CheckResult> {
	await session.evaluate(() => {
		const w = window as unknown as { __nrExport?: Promise<string> };
		const original = URL.createObjectURL;
		w.__nrExport = new Promise<string>((resolve) => {
			URL.createObjectURL = function (object: Blob | MediaSource) {
				URL.createObjectURL = original;
				if (object instanceof Blob) void object.text().then(resolve);
				return original.call(URL, object);
			};
		});
	});
	await session.click('[data-testid="export-json"]');
	const text = await session.evaluate(() =>
		Promise.race([
			(window as unknown as { __nrExport: Promise<string> }).__nrExport,
			new Promise<string>((_, reject) =>
				setTimeout(() => reject(new Error('export-json made no file within 15 s')), 15_000)
			)
		])
	);
	try {
		return JSON.parse(text) as CheckResult;
	} catch (error) {
		throw new Error(`export-json did not make JSON: ${(error as Error).message}`, { cause: error });
	}
}
