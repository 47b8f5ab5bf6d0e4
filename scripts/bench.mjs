#!/usr/bin/env node
// Benchmark in the network lab (docs/lab.md). Needs root and scripts/install-system-deps.sh.
//   node scripts/bench.mjs [--runs 5] [--profiles open,all-blocked,slow-silent,slow-link]
//                          [--engines chromium,firefox] [--no-build] [--json out.json]
// Profiles (test/lab/network-profiles.ts): open; all-blocked, the silent network at the lab's
// native latency (DNS answers, every other packet dropped on the router; "silent" is accepted as
// its name); slow-silent, the same with 600 ms round trips; slow-link, everything open at 600 ms
// round trips (every probe is answered, so any time-out is one the network would have answered).
// Prints, per profile and engine (Debian Chromium, Debian Firefox ESR): median and spread of
// press-to-verdict for a check of all products, next to the time the engine itself needs to finish
// ICE gathering with the same STUN/TURN servers on the same network, and their ratio; then the gzip
// size of the JS+CSS a first visit of every route loads (scripts/page-weights.mjs, Chromium).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const args = process.argv.slice(2);
const option = (name, fallback) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const RUNS = Number(option('runs', '5'));
/** the issue's name for the native-latency silent network, which is the lab's all-blocked */
const PROFILE_ALIASES = { silent: 'all-blocked' };
const PROFILES = option('profiles', 'open,all-blocked,slow-silent,slow-link')
	.split(',')
	.map((p) => PROFILE_ALIASES[p] ?? p);
const JSON_OUT = option('json', '');
const ENGINES = option('engines', 'chromium,firefox').split(',');
if (ENGINES.some((e) => e !== 'chromium' && e !== 'firefox')) {
	console.error('--engines takes chromium, firefox or both, comma-separated');
	process.exit(2);
}
/** Chromium keeps gathering for over a minute on dropped traffic; the baseline waits at most this. */
const GATHERING_CAP_MS = Number(option('gathering-cap', '150000'));
const CHECK_TIMEOUT_MS = 90_000;

if (!Number.isInteger(RUNS) || RUNS < 1) {
	console.error('--runs must be a positive integer');
	process.exit(2);
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
if (!args.includes('--no-build')) {
	console.log('building the site (npm run build) ...');
	const build = spawnSync('npm', ['run', 'build', '--silent'], {
		cwd: repoRoot,
		stdio: ['ignore', 'ignore', 'inherit']
	});
	if (build.status !== 0) {
		console.error('build failed');
		process.exit(1);
	}
}

const { module: lab } = await runnerImport(
	fileURLToPath(new URL('../test/support/bench-api.ts', import.meta.url))
);

const median = (xs) => {
	const s = [...xs].sort((a, b) => a - b);
	const m = Math.floor(s.length / 2);
	return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const stats = (xs) => ({
	median: median(xs),
	min: Math.min(...xs),
	max: Math.max(...xs),
	runs: xs.map(Math.round)
});
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** Every STUN/TURN url the check of all products probes, with dummy credentials as the app uses. */
function iceServersFromData() {
	const targets = lab.labTargets(lab.readDataFiles(`${repoRoot}/data`));
	return targets
		.filter((t) => t.kind === 'stun' || t.kind === 'turn')
		.map((t) =>
			t.kind === 'stun' ? { urls: t.url } : { urls: t.url, username: 'bench', credential: 'bench' }
		);
}

/**
 * The engine's own gathering time with all those servers in one RTCPeerConnection: what an app that
 * waits for icegatheringstatechange "complete" would wait. The runs go in parallel in one page (each
 * its own peer connection and sockets) so the dropped-traffic baseline costs one wait, not RUNS.
 */
async function gatheringBaseline(servers, page) {
	const times = await page.evaluate(
		async ({ servers, runs, cap }) => {
			const one = () =>
				new Promise((resolve) => {
					const started = performance.now();
					const pc = new RTCPeerConnection({ iceServers: servers });
					const timer = setTimeout(() => {
						pc.close();
						resolve({ ms: performance.now() - started, capped: true });
					}, cap);
					pc.onicegatheringstatechange = () => {
						if (pc.iceGatheringState !== 'complete') return;
						clearTimeout(timer);
						pc.close();
						resolve({ ms: performance.now() - started, capped: false });
					};
					pc.createDataChannel('bench');
					pc.createOffer().then((o) => pc.setLocalDescription(o));
				});
			return Promise.all(Array.from({ length: runs }, one));
		},
		{ servers, runs: RUNS, cap: GATHERING_CAP_MS }
	);
	return { ...stats(times.map((t) => t.ms)), capped: times.some((t) => t.capped) };
}

const ENGINE_NAMES = { chromium: 'Chromium', firefox: 'Firefox ESR' };

/** RUNS full checks of all products in one engine, then that engine's own gathering baseline. */
async function benchEngine(engine, profile, servers) {
	const currentLab = lab.currentLab();
	let firefox;
	let runCheck;
	let openBlank;
	if (engine === 'firefox') {
		// Chromium idles meanwhile; closing it keeps the two cores for Firefox.
		await lab.currentBrowser().close();
		firefox = await lab.launchFirefox(currentLab);
		runCheck = () =>
			lab.runCheckInFirefox(firefox, currentLab, 'all', { timeoutMs: CHECK_TIMEOUT_MS });
		openBlank = () => lab.openFirefoxPage(firefox, currentLab, '/__lab/blank');
	} else {
		runCheck = () => lab.runCheckInPage('all', { timeoutMs: CHECK_TIMEOUT_MS });
		openBlank = () => lab.openBlankPage();
	}
	try {
		const name = ENGINE_NAMES[engine];
		console.log(
			`\n[${profile}] ${name}${firefox ? ` (${firefox.version})` : ''}: ${RUNS} full checks of all products ...`
		);
		const press = [];
		const json = [];
		const verdicts = [];
		const timeouts = [];
		for (let i = 0; i < RUNS; i++) {
			const run = await runCheck();
			press.push(run.pressToVerdictMs);
			json.push(run.resultDurationMs);
			verdicts.push(Object.values(run.result.verdicts).map((v) => v.verdict));
			timeouts.push(run.result.probes.filter((p) => p.outcome === 'timeout').length);
			await closePage(run.page);
			process.stdout.write(
				`  run ${i + 1}: ${fmt(run.pressToVerdictMs)}, ${timeouts.at(-1)} of ${run.result.probes.length} probes timed out\n`
			);
		}
		console.log(
			`[${profile}] ${name}'s own ICE gathering with the same ${servers.length} servers (${RUNS} in parallel, cap ${fmt(GATHERING_CAP_MS)}) ...`
		);
		const page = await openBlank();
		const gathering = await gatheringBaseline(servers, page);
		await closePage(page);
		const verdictCounts = {};
		for (const v of verdicts.at(-1) ?? []) verdictCounts[v] = (verdictCounts[v] ?? 0) + 1;
		return {
			browser: firefox ? firefox.version : lab.currentBrowser().version(),
			pressToVerdict: stats(press),
			resultDuration: stats(json),
			iceGatheringComplete: gathering,
			ratio: stats(press).median / gathering.median,
			lastVerdicts: verdictCounts,
			/** probes with outcome "timeout", per run */
			timeouts
		};
	} finally {
		await firefox?.close();
	}
}

/** Closes a page's context: playwright's page.context(), puppeteer's page.browserContext(). */
async function closePage(page) {
	const context =
		typeof page.browserContext === 'function' ? page.browserContext() : page.context();
	await context.close();
}

const report = { runs: RUNS, engines: ENGINES, profiles: {}, firstVisit: undefined };
try {
	const servers = iceServersFromData();
	for (const profile of PROFILES) {
		report.profiles[profile] = {};
		for (const engine of ENGINES) {
			// A fresh lab profile and Chromium per engine: no DNS cache or sockets carried over.
			await lab.startLab(profile);
			report.profiles[profile][engine] = await benchEngine(engine, profile, servers);
		}
	}
} finally {
	await lab.stopLab();
}

console.log('\n=== netready benchmark (Chromium and Firefox ESR in the network lab) ===');
console.log(`runs per profile and engine: ${RUNS}\n`);
console.log(
	'profile          engine        press-to-verdict median [min-max]   ICE gathering complete median [min-max]   ratio'
);
for (const [name, engines] of Object.entries(report.profiles)) {
	for (const [engine, p] of Object.entries(engines)) {
		const v = p.pressToVerdict;
		const g = p.iceGatheringComplete;
		console.log(
			`${name.padEnd(16)} ${ENGINE_NAMES[engine].padEnd(13)} ${fmt(v.median).padStart(8)} [${fmt(v.min)}-${fmt(v.max)}]`.padEnd(
				66
			) +
				`${(g.capped ? '>' : '') + fmt(g.median)} [${fmt(g.min)}-${fmt(g.max)}]`.padEnd(42) +
				`${p.ratio.toFixed(3)}${g.capped ? ' (gathering capped: ratio is an upper bound)' : ''}`
		);
		console.log(
			`${''.padEnd(31)}${p.browser}; result JSON finishedAt-startedAt median ${fmt(p.resultDuration.median)}; verdicts ${JSON.stringify(p.lastVerdicts)}; probes timed out per run ${JSON.stringify(p.timeouts)}`
		);
	}
}
// Every route's first visit (scripts/page-weights.mjs: the built site in Chromium, inlined CSS
// counted), printed next to the timings as issue 12 asks.
const weightsJson = join(tmpdir(), `netready-bench-weights-${process.pid}.json`);
const weights = spawnSync(
	process.execPath,
	[fileURLToPath(new URL('./page-weights.mjs', import.meta.url)), '--json', weightsJson],
	{ encoding: 'utf8' }
);
try {
	report.firstVisit = JSON.parse(readFileSync(weightsJson, 'utf8'));
	rmSync(weightsJson);
} catch {
	report.firstVisit = undefined;
}
console.log('\nfirst visit of every route, JS+CSS gzip (npm run weights):');
console.log((weights.stdout || weights.stderr || '').trimEnd());
console.log('targets (docs/lab.md): verdict <= 2 s open, <= 6 s all-blocked (medians)');
console.log('target (issue 12): every route <= 45 KB gzip on a first visit');
console.log(
	'targets (issue 12): silent (all-blocked) <= 2.5 s, slow-silent <= 8 s (medians); slow-link: no probe timed out'
);
if (JSON_OUT) writeFileSync(JSON_OUT, JSON.stringify(report, null, 2) + '\n');
