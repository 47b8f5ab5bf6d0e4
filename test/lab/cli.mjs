// Brings the lab up by hand for debugging, then waits for Ctrl-C (which removes everything).
//   node test/lab/cli.mjs [profile]          e.g. node test/lab/cli.mjs udp-blocked
//   node test/lab/cli.mjs --sweep            removes labs left by dead processes
// While it runs: ip netns exec <client ns> chromium ..., or inspect .lab/<id>/ (configs and logs).
import { runnerImport } from 'vite';
import { fileURLToPath } from 'node:url';

const labModule = fileURLToPath(new URL('./lab.ts', import.meta.url));
const { module: labApi } = await runnerImport(labModule);
const arg = process.argv[2] ?? 'open';

if (arg === '--sweep') {
	const swept = labApi.sweepStaleLabs(console.log);
	console.log(swept.length ? `removed ${swept.length} namespaces` : 'nothing to sweep');
	process.exit(0);
}

const lab = await labApi.Lab.start({ profile: arg, log: console.log });
console.log(
	JSON.stringify(
		{
			id: lab.id,
			namespaces: lab.ns,
			site: lab.url('/'),
			siteUnderSubPath: lab.url('/', { subPath: true }),
			chromium: lab.chromiumWrapper,
			files: lab.dir,
			names: lab.dns.records.size,
			nxdomain: lab.dns.nxdomain,
			dataError: lab.dataError ?? null
		},
		null,
		2
	)
);
console.log('lab is up; Ctrl-C to remove it');
await new Promise(() => {});
