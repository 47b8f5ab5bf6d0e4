import { describe, expect, it } from 'vitest';
import {
	cidrProblem,
	hostNameProblem,
	ipRangeProblem,
	strictProbeUrl,
	urlProblem,
	wildcardProblem
} from './validate-values';

describe('value checks', () => {
	it('accepts the unusual forms the vendors write', () => {
		expect(wildcardProblem('*turn.whereby.com')).toBeUndefined();
		expect(wildcardProblem('*.iot.eu-west-2.amazonaws.com')).toBeUndefined();
		expect(hostNameProblem('my.caredirect.heatlhcare')).toBeUndefined();
		expect(hostNameProblem('a265y25nnswbi5-ats.iot.us-east-2.amazonaws.com')).toBeUndefined();
		expect(urlProblem('wss://*.appsync-realtime-api.eu-west-2.amazonaws.com')).toBeUndefined();
		expect(cidrProblem('149.11.42.48/29')).toBeUndefined();
		expect(cidrProblem('2001:db8::/32')).toBeUndefined();
		expect(cidrProblem('2001:db8::1/32')).toMatch(/host bits/);
		expect(ipRangeProblem('54.172.60.0', '54.172.61.255')).toBeUndefined();
	});
	it('parses probe urls into host, port and transport', () => {
		expect(strictProbeUrl('turns:global.turn.twilio.com:5349?transport=tcp')).toMatchObject({
			scheme: 'turns',
			host: 'global.turn.twilio.com',
			port: 5349,
			transport: 'tcp'
		});
		expect(strictProbeUrl('stun:global.stun.twilio.com:3478')).toMatchObject({
			scheme: 'stun',
			host: 'global.stun.twilio.com',
			port: 3478
		});
		expect(
			strictProbeUrl('wss://signal.appearin.net/protocol/socket.io/v4/?EIO=4&transport=websocket')
		).toMatchObject({
			scheme: 'wss',
			host: 'signal.appearin.net',
			port: 443
		});
	});
});
