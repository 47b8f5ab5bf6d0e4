/**
 * Every hand test netready generates tells the truth: walking the sh and PowerShell scripts of
 * every product, of the multi-product golden selection, and the check page's manual commands
 * for every requirement, no test goes to a host/port pair the data itself says cannot answer
 * that way — a misspelt or withheld name, a security risk, TCP to an NTP server, a sample address
 * of a block, a host borrowed for a port it does not serve. The oracle reads the data on its own
 * (test/fixtures/it/hand-test-oracle.ts), not through the planning code it judges.
 */
import { describe, expect, it } from 'vitest';
import { catalog } from '$lib/data/catalog';
import { posixScript } from '$lib/it/formats/scripts/posix';
import { powershellScript } from '$lib/it/formats/scripts/powershell';
import { manualCommands } from '$lib/it/manual';
import { makeSelection } from '$lib/it/select/selection';
import { goldenSelections } from '../../../../test/fixtures/it/golden-set';
import {
	buildOracle,
	commandCalls,
	scriptCalls,
	untruthful
} from '../../../../test/fixtures/it/hand-test-oracle';

const oracle = buildOracle(catalog);

describe('generated hand tests tell the truth', () => {
	const selections = goldenSelections(catalog);

	it('cover every product and the multi-product selection', () => {
		expect(selections.length).toBe(catalog.products.length + 1);
	});

	for (const s of selections)
		it(`${s.name}: sh and PowerShell test only what the data says answers`, () => {
			const selection = makeSelection(catalog, s.productIds);
			const sh = scriptCalls(posixScript(selection));
			const ps = scriptCalls(powershellScript(selection));
			expect(untruthful(sh, oracle)).toEqual([]);
			expect(untruthful(ps, oracle)).toEqual([]);
			// Both shells run the same tests.
			const shape = (c: { kind: string; target: string; port?: number }) =>
				`${c.kind} ${c.target} ${c.port ?? ''}`;
			expect(ps.map(shape)).toEqual(sh.map(shape));
		});

	it('the manual commands of every requirement test only what the data says answers', () => {
		let walked = 0;
		for (const product of catalog.products)
			for (const r of product.requirements) {
				const c = manualCommands(r);
				const calls = commandCalls([...c.powershell, ...c.posix]);
				walked += calls.length;
				expect(untruthful(calls, oracle), r.id).toEqual([]);
			}
		expect(walked).toBeGreaterThan(100);
	});

	it('the walk really reads tests: every selection has some, and they parse in both shells', () => {
		const multi = selections.at(-1)!;
		const calls = scriptCalls(posixScript(makeSelection(catalog, multi.productIds)));
		expect(calls.filter((c) => c.kind === 'tcp').length).toBeGreaterThan(40);
		expect(calls.filter((c) => c.kind === 'dns').length).toBeGreaterThan(10);
	});

	it('fails on the lies the audit found (the oracle can say no)', () => {
		const lies = [
			"check_tcp 'pool.ntp.org' 123 'medserve-cabinet.ntp-tcp-123'",
			"check_tcp 'my.caredirect.heatlhcare' 443 'medserve-cabinet.portal-https'",
			"check_dns 'my.caredirect.heatlhcare' '' 'medserve-cabinet.dns'",
			"check_tcp '10.207.112.1' 33962 'emis-web.sds-version-check-33962 (sample address)'",
			"check_tcp 'http-intake.logs.datadoghq.com' 10516 'amwell-tv-kit-200l.datadog-10516'",
			"check_tcp 'global.stun.twilio.com' 5349 'amwell-carepoint.twilio-hosts'",
			"Test-Tcp -HostName 'cdn.polyfill.io' -Port 443 -Label 'x'",
			"check_http 'https://archive.ubuntu.com/' 'x'"
		].join('\n');
		const found = untruthful(scriptCalls(lies), oracle);
		expect(found).toHaveLength(8);
		expect(found.join('\n')).toMatch(/withheld/);
		expect(found.join('\n')).toMatch(/withheld|security risk/);
	});
});
