import { describe, expect, it } from 'vitest';
import { CAUSES, type Finding } from './result';
import { CAUSE_FIX, causeEvidence, causeSentence } from './cause-words';
import { CAUSE_LABELS } from './words';

describe('cause words', () => {
	it('has a label, a plain sentence and a fix for every cause', () => {
		for (const cause of CAUSES) {
			const f: Finding = { cause, certainty: 'shown', probes: [] };
			expect(CAUSE_LABELS[cause]).toMatch(/\w/);
			expect(causeSentence(f)).toMatch(/\.$/);
			expect(CAUSE_FIX[cause]).toMatch(/\.$/);
		}
	});

	it('names the filtered domains and the measured round trip', () => {
		expect(
			causeSentence({
				cause: 'dns-filtered',
				certainty: 'shown',
				probes: [],
				domains: ['twilio.com', 'xirsys.com']
			})
		).toContain('twilio.com and xirsys.com');
		expect(
			causeSentence({ cause: 'slow-link', certainty: 'shown', probes: [] }, { rttMs: 1400 })
		).toContain('1,400 ms');
	});

	it('gives IT the evidence: how sure, which probes, what it cannot be told apart from', () => {
		const text = causeEvidence(
			{
				cause: 'proxy',
				certainty: 'likely',
				probes: [
					'turn:global.turn.twilio.com:3478?transport=tcp',
					'stun:global.stun.twilio.com:3478'
				],
				alternatives: ['only-tcp-443']
			},
			[
				{
					url: 'stun:global.stun.twilio.com:3478',
					kind: 'stun',
					outcome: 'timeout',
					ms: 2000,
					evidence: {}
				}
			]
		);
		expect(text).toBe(
			'Likely: Web proxy in the way, from 2 probes — TURN over TCP 3478 to global.turn.twilio.com; STUN over UDP 3478 to global.stun.twilio.com: no answer in time. It cannot be told apart from: Only TCP 443 open.'
		);
	});
});
