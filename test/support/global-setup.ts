/**
 * vitest globalSetup for the e2e suite: refuses to start without the system packages, and sweeps
 * lab namespaces left by dead processes before and after the run.
 */
import { existsSync } from 'node:fs';
import { sweepStaleLabs } from '../lab/lab';

const REQUIRED = [
	process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	'/usr/bin/turnserver',
	'/usr/sbin/nft',
	'/usr/sbin/dnsmasq',
	'/usr/sbin/squid',
	'/usr/sbin/ip',
	'/usr/bin/openssl'
];

export default function setup(): () => void {
	if (process.getuid?.() !== 0) {
		throw new Error('the e2e lab needs root (network namespaces, nftables)');
	}
	const missing = REQUIRED.filter((path) => !existsSync(path));
	if (missing.length) {
		throw new Error(
			`missing ${missing.join(', ')}: run "bash scripts/install-system-deps.sh" as root`
		);
	}
	const log = (m: string) => console.warn(`[lab] ${m}`);
	sweepStaleLabs(log);
	return () => {
		sweepStaleLabs(log);
	};
}
