/**
 * Node-only helpers for the tests: hand a generated file to the real tool that reads it
 * (nft -c, sh -n, pwsh's parser) and report either the tool's verdict or, when the tool cannot
 * run here, exactly why not. Never imported by the app.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export type ToolVerdict = { ran: true; ok: boolean; output: string } | { ran: false; why: string };

function run(cmd: string, args: string[], timeout = 20_000) {
	return spawnSync(cmd, args, { encoding: 'utf8', timeout });
}

export function withTempFile<T>(name: string, content: string, use: (path: string) => T): T {
	const dir = mkdtempSync(join(tmpdir(), 'netready-it-'));
	const path = join(dir, name);
	writeFileSync(path, content);
	try {
		return use(path);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function available(cmd: string, args: string[]): string | undefined {
	const probe = run(cmd, args);
	if (probe.error) return `${cmd} cannot be started: ${probe.error.message}`;
	return undefined;
}

const ENVIRONMENT =
	/Operation not permitted|Permission denied|Protocol not supported|cannot open|Could not process rule: No such file or directory/i;

/**
 * `nft -c -f` checks the rule set against the kernel without changing anything. It runs in a
 * fresh network namespace (`unshare -n`) so the check can never touch this machine's rules.
 */
export function nftCheck(ruleset: string): ToolVerdict {
	const missing = available('nft', ['--version']);
	if (missing) return { ran: false, why: `${missing} (install the Debian package nftables)` };
	return withTempFile('rules.nft', ruleset, (path) => {
		const direct = run('unshare', ['-n', 'nft', '-c', '-f', path]);
		const output = `${direct.stdout}${direct.stderr}${direct.error?.message ?? ''}`;
		if (direct.status === 0) return { ran: true, ok: true, output };
		if (direct.error || /unshare: /.test(output))
			return { ran: false, why: `cannot create a network namespace for nft -c: ${output.trim()}` };
		if (
			ENVIRONMENT.test(output) &&
			!/Error: (syntax|conflicting|Could not resolve|.*unexpected)/.test(output)
		)
			return {
				ran: false,
				why: `nft -c cannot talk to the kernel here (needs root / nf_tables): ${output.trim()}`
			};
		return { ran: true, ok: false, output };
	});
}

export function shCheck(script: string): ToolVerdict {
	const missing = available('sh', ['-c', 'true']);
	if (missing) return { ran: false, why: missing };
	return withTempFile('check.sh', script, (path) => {
		const r = run('sh', ['-n', path]);
		return { ran: true, ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
	});
}

/** PowerShell's own parser, when pwsh is installed. */
export function pwshCheck(script: string): ToolVerdict {
	const missing = available('pwsh', ['-NoProfile', '-Command', 'exit 0']);
	if (missing)
		return { ran: false, why: `${missing}; the PowerShell script was NOT syntax-checked` };
	return withTempFile('check.ps1', script, (path) => {
		const command =
			`$errors = $null; $null = [System.Management.Automation.Language.Parser]::ParseFile(` +
			`'${path.replace(/'/g, "''")}', [ref]$null, [ref]$errors); ` +
			`$errors | ForEach-Object { $_.ToString() }; exit $errors.Count`;
		const r = run('pwsh', ['-NoProfile', '-NonInteractive', '-Command', command], 60_000);
		return { ran: true, ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
	});
}
