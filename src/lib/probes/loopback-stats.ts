/**
 * Reads the selected candidate pair out of an RTCStatsReport, as plain values. Addresses are left
 * out on purpose: the local side can be a host address, and the panel only needs types and timings.
 */

export interface CandidateSummary {
	candidateType: string;
	protocol?: string;
	/** for relay candidates: how this browser reaches the TURN server (udp, tcp, tls) */
	relayProtocol?: string;
	/** the server url the candidate came from, where the browser says (Chromium) */
	url?: string;
}

export interface SelectedPair {
	local: CandidateSummary;
	remote: CandidateSummary;
	/** currentRoundTripTime of the pair, ms */
	rttMs?: number;
}

type StatsLike =
	| Iterable<[string, Record<string, unknown>]>
	| { forEach(cb: (v: Record<string, unknown>) => void): void };

function values(report: StatsLike): Record<string, unknown>[] {
	const out: Record<string, unknown>[] = [];
	if (Symbol.iterator in report)
		for (const [, v] of report as Iterable<[string, Record<string, unknown>]>) out.push(v);
	else report.forEach((v) => out.push(v));
	return out;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

function summary(c: Record<string, unknown> | undefined): CandidateSummary {
	return {
		candidateType: str(c?.candidateType) ?? 'unknown',
		...(str(c?.protocol) ? { protocol: str(c?.protocol) } : {}),
		...(str(c?.relayProtocol) ? { relayProtocol: str(c?.relayProtocol) } : {}),
		...(str(c?.url) ? { url: str(c?.url) } : {})
	};
}

export function selectedPair(report: StatsLike): SelectedPair | undefined {
	const all = values(report);
	const byId = new Map(all.map((v) => [v.id as string, v]));
	const transport = all.find((v) => v.type === 'transport' && str(v.selectedCandidatePairId));
	let pair = transport ? byId.get(transport.selectedCandidatePairId as string) : undefined;
	// Firefox has no transport stats: it marks the pair itself.
	pair ??= all.find(
		(v) =>
			v.type === 'candidate-pair' &&
			(v.selected === true || (v.nominated === true && v.state === 'succeeded'))
	);
	if (!pair) return undefined;
	const rtt = pair.currentRoundTripTime;
	return {
		local: summary(byId.get(pair.localCandidateId as string)),
		remote: summary(byId.get(pair.remoteCandidateId as string)),
		...(typeof rtt === 'number' ? { rttMs: Math.round(rtt * 1000 * 10) / 10 } : {})
	};
}

/** Megabits per second for bytes moved in ms. */
export function megabitsPerSecond(bytes: number, ms: number): number {
	if (ms <= 0) return 0;
	return Math.round(((bytes * 8) / (ms / 1000) / 1e6) * 100) / 100;
}
