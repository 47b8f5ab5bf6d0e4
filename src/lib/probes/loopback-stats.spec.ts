import { describe, expect, it } from 'vitest';
import { megabitsPerSecond, selectedPair } from './loopback-stats';

const chromiumReport = new Map<string, Record<string, unknown>>([
	['T01', { id: 'T01', type: 'transport', selectedCandidatePairId: 'CP2' }],
	[
		'CP1',
		{
			id: 'CP1',
			type: 'candidate-pair',
			localCandidateId: 'L1',
			remoteCandidateId: 'R1',
			state: 'failed'
		}
	],
	[
		'CP2',
		{
			id: 'CP2',
			type: 'candidate-pair',
			localCandidateId: 'L2',
			remoteCandidateId: 'R2',
			state: 'succeeded',
			currentRoundTripTime: 0.0123
		}
	],
	[
		'L1',
		{
			id: 'L1',
			type: 'local-candidate',
			candidateType: 'host',
			protocol: 'udp',
			address: '192.168.1.5'
		}
	],
	[
		'L2',
		{
			id: 'L2',
			type: 'local-candidate',
			candidateType: 'relay',
			protocol: 'udp',
			relayProtocol: 'tls',
			address: '198.51.100.4',
			url: 'turns:turn.example:443?transport=tcp'
		}
	],
	[
		'R2',
		{
			id: 'R2',
			type: 'remote-candidate',
			candidateType: 'relay',
			protocol: 'udp',
			address: '198.51.100.4'
		}
	]
]);

describe('selectedPair', () => {
	it('follows the transport to the selected pair and keeps types, protocols and RTT, not addresses', () => {
		const pair = selectedPair(chromiumReport);
		expect(pair).toEqual({
			local: {
				candidateType: 'relay',
				protocol: 'udp',
				relayProtocol: 'tls',
				url: 'turns:turn.example:443?transport=tcp'
			},
			remote: { candidateType: 'relay', protocol: 'udp' },
			rttMs: 12.3
		});
		expect(JSON.stringify(pair)).not.toMatch(/\d+\.\d+\.\d+\.\d+/);
	});

	it('uses the pair marked selected when there are no transport stats (Firefox)', () => {
		const firefox = new Map([...chromiumReport].filter(([k]) => k !== 'T01'));
		firefox.set('CP1', { ...firefox.get('CP1')!, selected: true });
		expect(selectedPair(firefox)?.local.candidateType).toBe('host');
	});

	it('is undefined before any pair is selected', () => {
		expect(selectedPair(new Map([['L1', chromiumReport.get('L1')!]]))).toBeUndefined();
	});
});

it('megabitsPerSecond', () => {
	expect(megabitsPerSecond(1_000_000, 1000)).toBe(8);
	expect(megabitsPerSecond(1024 * 1024, 250)).toBe(33.55);
	expect(megabitsPerSecond(5, 0)).toBe(0);
});
