/**
 * The second engine in the lab: Debian's firefox-esr, headless, driven by puppeteer-core over
 * WebDriver BiDi, running inside the lab's client namespace (docs/lab.md, "Firefox ESR").
 *
 * - puppeteer launches a wrapper (written here into a temporary directory) that starts
 *   test/support/firefox-in-netns.mjs: Firefox runs under `ip netns exec <client>`, and its BiDi
 *   socket, bound to the namespace's own 127.0.0.1, is bridged to the host over a Unix socket.
 * - It resolves through the lab's dnsmasq like every other process in the namespace (ip netns exec
 *   bind-mounts /etc/netns/<client>/resolv.conf): Firefox's own DNS-over-HTTPS is switched off, and
 *   it has no --host-resolver-rules equivalent, which the lab does not use anyway.
 * - Prefs switch off everything that phones home; puppeteer adds its own test prefs and Firefox's
 *   remote agent its "recommended" ones. firefoxTrafficAudit() proves it: no name outside the
 *   lab's plan asked of the resolver, no packet to an address outside the lab.
 * - The lab's certificates are self-signed: acceptInsecureCerts.
 * - Every launch gets a fresh profile and a fresh download directory in one temporary directory;
 *   session.close() removes it with the wrapper, and kills the process group if Firefox hangs.
 */
import {
	chmodSync,
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	realpathSync,
	rmSync,
	statSync,
	writeFileSync
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
// The downloaded JSON: the result's facts with the words written beside them at download time.
import type { WordedResult as CheckResult } from '../../src/lib/result/files';
import { REPO_ROOT, type Lab } from '../lab/lab';
import { checkPath } from './check-page';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const BRIDGE = join(REPO_ROOT, 'test/support/firefox-in-netns.mjs');

/** Where nothing must go: every service url points at a name that does not exist anywhere. */
const NOWHERE = 'http://no-phone-home.invalid/';

/**
 * Prefs on top of puppeteer's test profile (@puppeteer/browsers firefox.js) and Firefox's remote
 * agent's recommended prefs. Three groups: resolve like the rest of the lab, let WebRTC behave as
 * for a real user, and never contact Mozilla or anyone else.
 */
export function firefoxPrefs(
	downloadDir: string,
	options: { proxy?: { host: string; port: number } } = {}
): Record<string, string | number | boolean> {
	return {
		// -- name resolution: the system resolver (dnsmasq), never DoH, no proxy, no prefetching
		'network.trr.mode': 5,
		'network.trr.uri': NOWHERE,
		'network.trr.confirmationNS': 'skip',
		'doh-rollout.enabled': false,
		'doh-rollout.disable-heuristics': true,
		...(options.proxy
			? {
					// the profile's explicit proxy, set by hand as a user or IT would; loopback (the lab's
					// site) stays direct
					'network.proxy.type': 1,
					'network.proxy.http': options.proxy.host,
					'network.proxy.http_port': options.proxy.port,
					'network.proxy.ssl': options.proxy.host,
					'network.proxy.ssl_port': options.proxy.port,
					'network.proxy.share_proxy_settings': true,
					'network.proxy.no_proxies_on': 'localhost, 127.0.0.1',
					'network.proxy.allow_hijacking_localhost': false
				}
			: { 'network.proxy.type': 0 }),
		// navigator.onLine as a user has it: puppeteer and the remote agent set this to false, which
		// pins navigator.onLine to true whatever the network does
		'network.manage-offline-status': true,
		'network.dns.disablePrefetch': true,
		'network.prefetch-next': false,
		'network.predictor.enabled': false,
		'network.http.speculative-parallel-limit': 0,
		'network.dns.native_https_query': false,
		'network.dns.echconfig.enabled': false,
		'network.http.http3.enable': false,

		// -- WebRTC as a user gets it: the defaults (mDNS-obfuscated host candidates, no loopback).
		// Nothing to set; listed so a reader knows the defaults were kept on purpose:
		// media.peerconnection.ice.obfuscate_host_addresses, media.peerconnection.ice.loopback.

		// -- nothing phones home
		'app.update.auto': false,
		'app.update.enabled': false,
		'app.update.url': NOWHERE,
		'app.normandy.enabled': false,
		'app.shield.optoutstudies.enabled': false,
		'messaging-system.rsexperimentloader.enabled': false,
		'nimbus.rollouts.enabled': false,
		// Release builds ignore this pref unless MOZ_REMOTE_SETTINGS_DEVTOOLS=1 (set at launch); the
		// data: url is the remote agent's own "no remote settings" value.
		'services.settings.server': 'data:,#remote-settings-dummy/v1',
		'services.sync.engine.prefs': false,
		'identity.fxaccounts.enabled': false,
		'toolkit.telemetry.enabled': false,
		'toolkit.telemetry.unified': false,
		'toolkit.telemetry.archive.enabled': false,
		'toolkit.telemetry.server': NOWHERE,
		'toolkit.telemetry.newProfilePing.enabled': false,
		'toolkit.telemetry.shutdownPingSender.enabled': false,
		'toolkit.telemetry.firstShutdownPing.enabled': false,
		'toolkit.telemetry.updatePing.enabled': false,
		'toolkit.telemetry.bhrPing.enabled': false,
		'toolkit.coverage.endpoint.base': NOWHERE,
		'datareporting.healthreport.uploadEnabled': false,
		'datareporting.policy.dataSubmissionEnabled': false,
		'datareporting.usage.uploadEnabled': false,
		'browser.ping-centre.telemetry': false,
		'browser.newtabpage.activity-stream.telemetry': false,
		'browser.newtabpage.activity-stream.feeds.telemetry': false,
		'browser.newtabpage.activity-stream.feeds.section.topstories': false,
		'browser.newtabpage.activity-stream.feeds.topsites': false,
		'browser.newtabpage.activity-stream.showSponsored': false,
		'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
		'browser.topsites.contile.enabled': false,
		'browser.region.network.url': '',
		'browser.region.update.enabled': false,
		'browser.search.geoip.url': '',
		'browser.search.suggest.enabled': false,
		'browser.urlbar.quicksuggest.enabled': false,
		'browser.safebrowsing.malware.enabled': false,
		'browser.safebrowsing.phishing.enabled': false,
		'browser.safebrowsing.downloads.enabled': false,
		'browser.safebrowsing.downloads.remote.enabled': false,
		'browser.safebrowsing.blockedURIs.enabled': false,
		'browser.safebrowsing.provider.google.updateURL': '',
		'browser.safebrowsing.provider.google4.updateURL': '',
		'browser.safebrowsing.provider.mozilla.updateURL': '',
		'browser.contentblocking.report.lockwise.enabled': false,
		'extensions.update.enabled': false,
		'extensions.systemAddon.update.enabled': false,
		'extensions.systemAddon.update.url': '',
		'extensions.getAddons.cache.enabled': false,
		'extensions.blocklist.enabled': false,
		'extensions.webcompat-reporter.enabled': false,
		'media.gmp-manager.url': NOWHERE,
		'media.gmp-manager.updateEnabled': false,
		'media.gmp-gmpopenh264.autoupdate': false,
		'media.gmp-gmpopenh264.enabled': false,
		'media.gmp-widevinecdm.enabled': false,
		'network.captive-portal-service.enabled': false,
		'network.connectivity-service.enabled': false,
		'captivedetect.canonicalURL': '',
		'security.OCSP.enabled': 0,
		'security.remote_settings.crlite_filters.enabled': false,
		'security.remote_settings.intermediates.enabled': false,
		'security.certerrors.mitm.priming.enabled': false,
		'dom.push.enabled': false,
		'dom.push.connection.enabled': false,
		'dom.push.serverURL': '',
		'geo.enabled': false,
		'geo.provider.network.url': '',
		'browser.translations.enable': false,
		'browser.ml.enable': false,
		'privacy.antitracking.enableWebcompat': false,
		'network.lna.enabled': false,

		// -- downloads (the check page's JSON export) go to a fresh directory without asking
		'browser.download.folderList': 2,
		'browser.download.dir': downloadDir,
		'browser.download.useDownloadDir': true,
		'browser.download.always_ask_before_handling_new_types': false,
		'browser.download.start_downloads_in_tmp_dir': false,
		'browser.download.manager.showWhenStarting': false,
		'browser.download.alwaysOpenPanel': false,
		'browser.helperApps.neverAsk.saveToDisk': 'application/json',
		'browser.download.sanitize_non_media_extensions': false
	};
}

export interface FirefoxSession {
	browser: Browser;
	/** "Firefox 153.8.0esr" style, from the browser itself */
	version: string;
	downloadDir: string;
	/** when this Firefox was launched, for reading the lab's resolver log from that point */
	dnsLogOffset: number;
	close(): Promise<void>;
}

const sessions = new Set<FirefoxSession>();
/** what the exit hook must undo for each open session: its process group and its directory */
const leftovers = new Map<FirefoxSession, { pid?: number; work: string }>();
let exitHookInstalled = false;

/** On exit (also after the lab's signal handlers call process.exit), nothing of Firefox stays. */
function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const { pid, work } of leftovers.values()) {
			if (pid) {
				try {
					process.kill(-pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
			rmSync(work, { recursive: true, force: true });
		}
	});
}

/** The lab's dnsmasq query log (dnsmasq.conf: log-queries, log-facility in the lab directory). */
function dnsLogPath(lab: Lab): string {
	return join(lab.dir, 'dnsmasq.log');
}

function fileSize(path: string): number {
	try {
		return statSync(path).size;
	} catch {
		return 0;
	}
}

/**
 * A copy of Firefox's distribution directory with an enterprise policy that installs the lab CA;
 * firefox-in-netns.mjs mounts it over the real one for this Firefox only.
 */
function firefoxDistribution(work: string, lab: Lab): string {
	const dir = join(work, 'distribution');
	const original = join(dirname(realpathSync(FIREFOX_PATH)), 'distribution');
	if (existsSync(original)) cpSync(realpathSync(original), dir, { recursive: true });
	mkdirSync(dir, { recursive: true });
	writeFileSync(
		join(dir, 'policies.json'),
		JSON.stringify({ policies: { Certificates: { Install: [lab.certificateAuthority] } } })
	);
	return dir;
}

/** Launches firefox-esr in the lab's client namespace with a fresh profile. */
export async function launchFirefox(lab: Lab): Promise<FirefoxSession> {
	if (!existsSync(FIREFOX_PATH)) {
		throw new Error(`${FIREFOX_PATH} is missing: run "bash scripts/install-system-deps.sh"`);
	}
	installExitHook();
	const work = mkdtempSync(join(tmpdir(), 'nr-firefox-'));
	const downloadDir = join(work, 'downloads');
	// The profile lives in `work` too, so one removal cleans up everything, even after a failed start
	// (puppeteer's own temporary profile survived a launch that failed during the handshake).
	const profileDir = join(work, 'profile');
	const wrapper = join(work, 'firefox-in-netns.sh');
	await writeFile(
		wrapper,
		'#!/bin/sh\n# Written by test/support/firefox.ts: Firefox inside the lab client namespace.\n' +
			`exec '${process.execPath}' '${BRIDGE}' host '${lab.ns.client}' '${work}' '${FIREFOX_PATH}' "$@"\n`
	);
	chmodSync(wrapper, 0o755);
	mkdirSync(downloadDir, { recursive: true });
	mkdirSync(profileDir, { recursive: true });
	// Where a middlebox must fail on its untrusted certificate, Firefox checks certificates and
	// trusts the lab CA by enterprise policy, as a managed device trusts its organisation's CA.
	const checkCertificates = lab.profile?.middlebox === 'untrusted-certificate';
	const distribution = checkCertificates ? firefoxDistribution(work, lab) : undefined;
	const dnsLogOffset = fileSize(dnsLogPath(lab));
	let browser: Browser;
	try {
		browser = await puppeteer.launch({
			browser: 'firefox',
			protocol: 'webDriverBiDi',
			executablePath: wrapper,
			headless: true,
			userDataDir: profileDir,
			acceptInsecureCerts: !checkCertificates,
			env: {
				...process.env,
				MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
				...(distribution ? { NR_FIREFOX_DISTRIBUTION: distribution } : {})
			},
			extraPrefsFirefox: firefoxPrefs(downloadDir, {
				proxy: lab.proxyUrl
					? { host: new URL(lab.proxyUrl).hostname, port: Number(new URL(lab.proxyUrl).port) }
					: undefined
			}),
			// The lab owns SIGINT/SIGTERM handling (its exit hook removes the namespaces, which kills
			// Firefox with them); puppeteer's own handlers would race it.
			handleSIGINT: false,
			handleSIGTERM: false,
			handleSIGHUP: false,
			timeout: 60_000,
			protocolTimeout: 60_000
		});
	} catch (error) {
		rmSync(work, { recursive: true, force: true });
		throw error;
	}
	const version = await browser.version();
	const session: FirefoxSession = {
		browser,
		version,
		downloadDir,
		dnsLogOffset,
		close: async () => {
			sessions.delete(session);
			const child = browser.process();
			// browser.close() asks Firefox to quit over BiDi; if it hangs, kill its process group.
			await Promise.race([
				browser.close().catch(() => {}),
				new Promise((r) => setTimeout(r, 10_000))
			]);
			if (child?.pid && child.exitCode === null) {
				try {
					process.kill(-child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
			rmSync(work, { recursive: true, force: true });
			leftovers.delete(session);
		}
	};
	sessions.add(session);
	leftovers.set(session, { pid: browser.process()?.pid, work });
	return session;
}

/** Closes every Firefox still open (afterAll). */
export async function closeAllFirefox(): Promise<void> {
	await Promise.all([...sessions].map((s) => s.close()));
}

export interface FirefoxPageOptions {
	subPath?: boolean;
	/** a script to run in every document before the page's own (e.g. to take an API away) */
	initScript?: () => void;
}

/** A fresh user context (no stored state) with one page on the lab's site. */
export async function openFirefoxPage(
	session: FirefoxSession,
	lab: Lab,
	path: string,
	options: FirefoxPageOptions = {}
): Promise<Page> {
	const context = await session.browser.createBrowserContext();
	const page = await context.newPage();
	if (options.initScript) await page.evaluateOnNewDocument(options.initScript);
	await page.goto(lab.url(path, options), { waitUntil: 'load', timeout: 30_000 });
	return page;
}

export interface FirefoxCheckRun {
	result: CheckResult;
	/** ms from the click on start-check to check-done appearing, measured inside the page */
	pressToVerdictMs: number;
	resultDurationMs: number;
	/** navigator.onLine on the check page just before start-check was pressed */
	onLineBeforeCheck: boolean;
	page: Page;
}

/**
 * The check page's test contract (test/support/check-page.ts) in Firefox: press start-check, time
 * the verdict inside the page, press export-json and read the real download.
 */
export async function runCheckInFirefox(
	session: FirefoxSession,
	lab: Lab,
	productIds: readonly string[] | 'all',
	options: FirefoxPageOptions & { timeoutMs?: number } = {}
): Promise<FirefoxCheckRun> {
	const page = await openFirefoxPage(session, lab, checkPath(productIds), options);
	const start = await page.waitForSelector('[data-testid="start-check"]', {
		visible: true,
		timeout: 15_000
	});
	await page.evaluate(() => {
		const w = window as unknown as { __nrLab: { pressed?: number; done?: number } };
		w.__nrLab = {};
		document.addEventListener(
			'click',
			(e) => {
				const target = e.target as Element | null;
				if (target?.closest('[data-testid="start-check"]') && w.__nrLab.pressed === undefined) {
					w.__nrLab.pressed = performance.now();
				}
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
	const onLineBeforeCheck = await page.evaluate(() => navigator.onLine);
	await start!.click();
	await page.waitForSelector('[data-testid="check-done"]', {
		timeout: options.timeoutMs ?? 60_000
	});
	const times = await page.evaluate(
		() => (window as unknown as { __nrLab: { pressed?: number; done?: number } }).__nrLab
	);
	if (times.pressed === undefined || times.done === undefined) {
		throw new Error(
			`check page (Firefox): could not time the check (pressed=${times.pressed}, done=${times.done})`
		);
	}
	const result = await exportResultInFirefox(session, page);
	return {
		result,
		pressToVerdictMs: times.done - times.pressed,
		onLineBeforeCheck,
		resultDurationMs: Date.parse(result.finishedAt) - Date.parse(result.startedAt),
		page
	};
}

/** Clicks export-json and reads the file Firefox saved into the session's download directory. */
export async function exportResultInFirefox(
	session: FirefoxSession,
	page: Page,
	timeoutMs = 15_000
): Promise<CheckResult> {
	const before = new Set(readdirSync(session.downloadDir));
	await page.click('[data-testid="export-json"]');
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const fresh = readdirSync(session.downloadDir).filter(
			(f) => !before.has(f) && f.endsWith('.json')
		);
		// Firefox writes "<name>.part" first and renames it when the download is complete.
		if (fresh.length) {
			const text = readFileSync(join(session.downloadDir, fresh[0]!), 'utf8');
			try {
				return JSON.parse(text) as CheckResult;
			} catch (error) {
				if (Date.now() > deadline)
					throw new Error(`export-json did not download JSON (${fresh[0]}): ${String(error)}`, {
						cause: error
					});
			}
		}
		if (Date.now() > deadline)
			throw new Error(
				`export-json: no download in ${session.downloadDir} within ${timeoutMs} ms ` +
					`(found: ${readdirSync(session.downloadDir).join(', ') || 'nothing'})`
			);
		await new Promise((r) => setTimeout(r, 50));
	}
}

export interface TrafficAudit {
	/** names Firefox asked the lab resolver for that are not in the lab's plan */
	strayNames: string[];
	/** every name asked, for the report */
	askedNames: string[];
}

/**
 * What Firefox asked the lab's resolver since it was launched, against the names the lab plans
 * (vendor probe hosts, the lab's own *.netready.test names). The client namespace has no other
 * resolver and no route out of the lab, so a name outside the plan is an attempt to phone home (or
 * a probe the lab does not know). Firefox's own host name is "localhost" (firefox-in-netns.mjs),
 * answered from the lab's hosts file, so not even that reaches the resolver.
 */
export function firefoxTrafficAudit(session: FirefoxSession, lab: Lab): TrafficAudit {
	return resolverAudit(lab, session.dnsLogOffset);
}

/** Where the lab's resolver log ends now: what a browser started from here asks comes after it. */
export function resolverLogOffset(lab: Lab): number {
	return fileSize(dnsLogPath(lab));
}

/** The same audit for any browser (WebKit too) started when the log ended at `dnsLogOffset`. */
export function resolverAudit(lab: Lab, dnsLogOffset: number): TrafficAudit {
	const log = readFileSync(dnsLogPath(lab)).subarray(dnsLogOffset).toString('utf8');
	const asked = new Set<string>();
	for (const m of log.matchAll(/query\[[A-Z0-9]+\] (\S+) from /g)) asked.add(m[1]!.toLowerCase());
	const planned = new Set([...lab.addresses.ice.keys(), ...lab.addresses.web.keys()]);
	const strayNames = [...asked].filter(
		(name) => !planned.has(name) && !name.endsWith('.netready.test')
	);
	return { strayNames: strayNames.sort(), askedNames: [...asked].sort() };
}
