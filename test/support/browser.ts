/**
 * Test helpers: one lab and one Chromium per test process, Chromium running inside the lab's
 * client namespace. startLab(profile) builds the lab (or switches its profile) and starts a fresh
 * browser; openPage(path) opens the site in a fresh context; stopLab() removes everything.
 * The lab's own exit hook and the e2e globalSetup's sweep clean up when a test run dies.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { Lab, type LabOptions } from '../lab/lab';

/** The flags the developers' guide lists for Debian Chromium as root, plus the lab's self-signed certificates. */
export const CHROMIUM_FLAGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--ignore-certificate-errors'
];

let lab: Lab | undefined;
let browser: Browser | undefined;
const contexts = new Set<BrowserContext>();

export function currentLab(): Lab {
	if (!lab) throw new Error('startLab() has not been called');
	return lab;
}

export function currentBrowser(): Browser {
	if (!browser) throw new Error('startLab() has not been called');
	return browser;
}

/**
 * The flags for the lab's current profile: an explicit proxy where the profile has one; where a
 * middlebox presents an untrusted certificate, Chromium trusts the lab's own servers only (by their
 * public key) instead of ignoring every certificate error, so the middlebox fails as it would on a
 * device without its CA.
 */
export function chromiumFlagsFor(target: Lab): string[] {
	const flags = [...CHROMIUM_FLAGS];
	if (target.profile?.middlebox === 'untrusted-certificate') {
		flags.splice(flags.indexOf('--ignore-certificate-errors'), 1);
		flags.push(`--ignore-certificate-errors-spki-list=${target.serverSpki}`);
	}
	if (target.proxyUrl) flags.push(`--proxy-server=${target.proxyUrl}`);
	return flags;
}

/** Launches Debian's Chromium inside the lab's client namespace (playwright talks to it over a pipe). */
export async function launchChromium(target: Lab, extraArgs: string[] = []): Promise<Browser> {
	// NR_NETLOG_DIR=dir: each browser writes Chromium's net-log there (why a request failed, which
	// the page is never told), named after the profile.
	const netLogDir = process.env.NR_NETLOG_DIR;
	const netLog = netLogDir
		? [`--log-net-log=${netLogDir}/${target.profile?.name ?? 'lab'}-${Date.now()}.json`]
		: [];
	return chromium.launch({
		executablePath: target.chromiumWrapper,
		headless: true,
		args: [...chromiumFlagsFor(target), ...netLog, ...extraArgs],
		timeout: 60_000
	});
}

async function closeBrowser(): Promise<void> {
	for (const context of contexts) await context.close().catch(() => {});
	contexts.clear();
	if (browser) await browser.close().catch(() => {});
	browser = undefined;
}

/**
 * Builds the lab with this network profile (or applies it to the running lab) and starts a fresh
 * Chromium, so no DNS cache, socket or stored state carries over from a previous profile.
 */
export async function startLab(
	profile = 'open',
	options: Omit<LabOptions, 'profile'> = {}
): Promise<Lab> {
	await closeBrowser();
	if (lab) {
		await lab.applyProfile(profile);
	} else {
		lab = await Lab.start({
			...options,
			profile,
			log: options.log ?? ((m) => process.stderr.write(`${m}\n`))
		});
	}
	browser = await launchChromium(lab);
	return lab;
}

/** Opens a site path (e.g. "/check/?products=all") in a fresh browser context with downloads enabled. */
export async function openPage(path: string, options: { subPath?: boolean } = {}): Promise<Page> {
	const context = await currentBrowser().newContext({ acceptDownloads: true });
	contexts.add(context);
	context.once('close', () => contexts.delete(context));
	const page = await context.newPage();
	await page.goto(currentLab().url(path, options), { waitUntil: 'load', timeout: 30_000 });
	return page;
}

/** A page of the lab's site origin that does not depend on the built site. */
export function openBlankPage(): Promise<Page> {
	return openPage('/__lab/blank');
}

export async function stopLab(): Promise<void> {
	try {
		await closeBrowser();
	} finally {
		const running = lab;
		lab = undefined;
		await running?.stop();
	}
}
