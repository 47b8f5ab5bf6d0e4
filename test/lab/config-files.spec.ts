import { describe, expect, test } from 'vitest';
import { coturnArgs, dnsmasqConfig, serverRuleset } from './config-files';
import {
	NETWORK_PROFILE_NAMES,
	NETWORK_PROFILES,
	networkProfile,
	routerRuleset
} from './network-profiles';
import { ADDR } from './plan';
import { dnsPlan } from './targets';

describe('router rule sets', () => {
	test('every profile replaces the whole rule set and lets replies back in', () => {
		for (const name of NETWORK_PROFILE_NAMES) {
			const rules = routerRuleset(networkProfile(name));
			expect(rules.startsWith('flush ruleset\n'), name).toBe(true);
			expect(rules, name).toContain('ct state established,related accept');
		}
	});

	test('NAT only where the profile asks for it', () => {
		expect(routerRuleset(NETWORK_PROFILES.open)).toContain('masquerade');
		expect(routerRuleset(NETWORK_PROFILES['no-nat'])).not.toContain('masquerade');
	});

	test('blocking rules come after the reply rule, in profile order', () => {
		const rules = routerRuleset(NETWORK_PROFILES['only-tcp-443']).split('\n');
		const established = rules.findIndex((l) => l.includes('established'));
		const allow443 = rules.findIndex((l) => l.includes('tcp dport { 443 } accept'));
		const drop = rules.findIndex((l) => l.trim() === 'iifname "c0" drop');
		expect(established).toBeGreaterThan(0);
		expect(allow443).toBeGreaterThan(established);
		expect(drop).toBeGreaterThan(allow443);
	});

	test('only the offline profile drops DNS', () => {
		const dropsDns = NETWORK_PROFILE_NAMES.filter((n) =>
			routerRuleset(networkProfile(n)).includes('th dport 53 drop')
		);
		expect(dropsDns).toEqual(['offline']);
	});

	test('at least one profile rejects (fast failure) and one drops (timeouts)', () => {
		const all = NETWORK_PROFILE_NAMES.map((n) => routerRuleset(networkProfile(n))).join('\n');
		expect(all).toContain('reject with tcp reset');
		expect(all).toMatch(/\bdrop\n/);
	});

	test('unknown profile names are an error listing the known ones', () => {
		expect(() => networkProfile('nope')).toThrow(/open, no-nat/);
	});
});

test('dnsmasq answers only planned names, never forwards, NXDOMAIN for the rest', () => {
	const text = dnsmasqConfig(dnsPlan([]), { logFile: '/tmp/x.log' });
	expect(text).toContain('no-resolv\n');
	expect(text).toContain('address=/#/\n');
	expect(text).toContain(`listen-address=${ADDR.routerClientSide}\n`);
	expect(text).toContain(`host-record=web.netready.test,${ADDR.web}\n`);
	expect(text).not.toMatch(/^server=/m);
});

test('coturn listens on every STUN/TURN address and allows lab peers', () => {
	const args = coturnArgs({
		listeningIps: [ADDR.turn, '10.211.3.1'],
		certFile: 'c',
		keyFile: 'k',
		logFile: 'l',
		dbFile: 'd',
		pidFile: 'p'
	});
	expect(args).toContain(`--listening-ip=${ADDR.turn}`);
	expect(args).toContain('--listening-ip=10.211.3.1');
	expect(args).toContain('--no-cli');
	expect(args.some((a) => a.startsWith('--user='))).toBe(true);
	expect(args.some((a) => a.startsWith('--realm='))).toBe(true);
});

test('server redirects send every other port to a real listener on the same address', () => {
	const rules = serverRuleset(['10.211.3.1', '10.211.3.2'], ['10.211.4.1']);
	expect(rules).toContain(
		'ip daddr 10.211.3.1 meta l4proto { tcp, udp } th dport != { 3478, 5349, 49152-65535 } dnat to 10.211.3.1:5349'
	);
	expect(rules).toContain('dnat to 10.211.3.2:5349');
	expect(rules).toContain('ip daddr 10.211.4.1 tcp dport != { 80, 443 } dnat to 10.211.4.1:443');
});
