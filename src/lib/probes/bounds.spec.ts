import { describe, expect, it } from 'vitest';
import {
	BOUND_CEILING_MS,
	BOUND_FLOOR_MS,
	boundFor,
	medianRtt,
	originRttSample,
	roundTripsToAnswer,
	rttSample
} from './bounds';

const stun = { kind: 'stun', via: 'udp' } as const;
const turnUdp = { kind: 'turn', via: 'udp' } as const;
const turnTcp = { kind: 'turn', via: 'tcp' } as const;
const turnTls = { kind: 'turn', via: 'tls' } as const;
const https = { kind: 'https', via: 'tls' } as const;
const wss = { kind: 'wss', via: 'tls' } as const;

describe('the bound rule', () => {
	it('starts every probe at the floor while nothing has answered, so a silent network ends fast', () => {
		for (const route of [stun, turnUdp, turnTcp, turnTls, https, wss])
			expect(boundFor(route, undefined)).toBe(2000);
		expect(BOUND_FLOOR_MS).toBe(2000);
	});

	it('stays at the floor on ordinary links (20–100 ms round trips)', () => {
		for (const rtt of [5, 20, 60, 100])
			for (const route of [stun, turnUdp, turnTcp, turnTls, https, wss])
				expect(boundFor(route, rtt)).toBe(2000);
	});

	it('gives a 600 ms satellite link twice the round trips each probe needs, plus half a second', () => {
		expect(boundFor(stun, 600)).toBe(2 * 2 * 600 + 500); // 2.9 s
		expect(boundFor(turnUdp, 600)).toBe(2 * 2 * 600 + 500);
		expect(boundFor(turnTcp, 600)).toBe(2 * 3 * 600 + 500); // 4.1 s
		expect(boundFor(turnTls, 600)).toBe(2 * 5 * 600 + 500); // 6.5 s: more than the 4.5 s of old
		expect(boundFor(https, 600)).toBe(2 * 5 * 600 + 500);
		expect(boundFor(wss, 600)).toBe(2 * 6 * 600 + 500); // 7.7 s
	});

	it('never waits longer than the ceiling, and ignores nonsense', () => {
		expect(boundFor(wss, 5000)).toBe(BOUND_CEILING_MS);
		expect(boundFor(stun, Number.NaN)).toBe(BOUND_FLOOR_MS);
		expect(boundFor(stun, -3)).toBe(BOUND_FLOOR_MS);
	});

	it('reads a round trip out of an answer by the round trips it needed', () => {
		expect(roundTripsToAnswer(turnTls)).toBe(5);
		expect(rttSample(stun, 1200)).toBe(600);
		expect(rttSample(https, 3000)).toBe(600);
		expect(medianRtt([])).toBeUndefined();
		expect(medianRtt([600, 20, 640])).toBe(600);
		expect(medianRtt([10, 30])).toBe(20);
	});
});

describe("the origin check's round trip", () => {
	it('reads the time as the most round trips a request to the origin may need', () => {
		expect(originRttSample(2400)).toBe(600);
		expect(originRttSample(undefined)).toBeUndefined();
		expect(originRttSample(0)).toBeUndefined();
		expect(originRttSample(Number.NaN)).toBeUndefined();
	});

	it('on loopback or an ordinary link it leaves every bound at the floor', () => {
		for (const ms of [1, 20, 150, 400])
			for (const route of [stun, turnUdp, turnTcp, turnTls, https, wss])
				expect(boundFor(route, originRttSample(ms))).toBe(BOUND_FLOOR_MS);
	});

	it('a slow origin (2.4 s: 600 ms round trips) raises the bounds like a slow answer', () => {
		expect(boundFor(https, originRttSample(2400))).toBe(6500);
		expect(boundFor(wss, originRttSample(2400))).toBe(7700);
	});
});
