/**
 * From requirement statuses to one verdict per product, as facts (words.ts makes the headline and
 * advice from them).
 *
 * Rules:
 * - Only mandatory requirements decide (a requirement the product `requires` from another product
 *   counts as the product's own). Recommended and optional failures are reported in `alsoFailed`.
 * - Alternatives (`alternative.group`): the group passes if any member passes; the preferred member
 *   failing while a fallback passes makes the product "degraded".
 * - A mandatory requirement that fails (or, when inferred, points to blocked) makes it "not-ready";
 *   when every such requirement is only inferred, the headline says "probably".
 * - A mandatory requirement that only partly passed (some of its probes failed) makes it "degraded".
 * - A video product whose UDP probes all failed while TURN over TCP/TLS answered is "degraded":
 *   calls go through the relay, with lower quality.
 * - A video product for which every STUN and TURN probe was seen to fail has no route for media:
 *   "not-ready", whatever else passed.
 * - Nothing decisive (every mandatory requirement manual, inconclusive or not run), or a mandatory
 *   requirement a browser can test came out undecided: "unknown". Manual rules alone never make
 *   a verdict unknown when something was tested; they are listed for IT in the advice.
 */
import type { Product, Requirement } from '$lib/data/schema';
import { parseIceUrl } from '$lib/data/probe-url';
import type {
	ProbeResult,
	ProductResult,
	RequirementResult,
	WebrtcSupport
} from '$lib/result/result';
import { probeSignal } from '$lib/result/result';

type Signal = 'pass' | 'partial' | 'fallback' | 'fail' | 'unknown';

export function requirementSignal(
	rr: RequirementResult | undefined,
	probes: ReadonlyMap<string, ProbeResult>
): Signal {
	switch (rr?.status) {
		case 'passed':
			return 'pass';
		case 'failed': {
			// STUN/TURN probes of one requirement are alternative routes for media: while one of them
			// is undecided (a browser without TURN error reports), a failed sibling does not decide,
			// unless a web destination, which is needed in any case, failed.
			const seen = rr.probes.map((u) => probes.get(u)).filter((p) => p !== undefined);
			const undecidedRoute = seen.some(
				(p) => parseIceUrl(p.url) && probeSignal(p.outcome) === 'undecided'
			);
			const failedWeb = seen.some((p) => !parseIceUrl(p.url) && probeSignal(p.outcome) === 'fail');
			return undecidedRoute && !failedWeb ? 'unknown' : 'fail';
		}
		case 'partial':
			// Passed plus undecided is still a pass: nothing that ran failed.
			return rr.probes.some((u) => {
				const p = probes.get(u);
				return p && probeSignal(p.outcome) === 'fail';
			})
				? 'partial'
				: 'pass';
		case 'inferred':
			return rr.inferredOutcome === 'open'
				? 'pass'
				: rr.inferredOutcome === 'blocked'
					? 'fail'
					: 'unknown';
		default:
			return 'unknown';
	}
}

interface Unit {
	ids: string[];
	signal: Signal;
	/** ids that make this unit degraded (failed preferred members, partly passing requirements) */
	degradedBy: string[];
}

function groupSignal(
	members: readonly Requirement[],
	sig: (r: Requirement) => Signal
): { signal: Signal; degradedBy: string[] } {
	const preferred = members.filter((m) => m.alternative?.role !== 'fallback');
	const fallback = members.filter((m) => m.alternative?.role === 'fallback');
	if (preferred.some((m) => sig(m) === 'pass')) return { signal: 'pass', degradedBy: [] };
	const partlyPreferred = preferred.filter((m) => sig(m) === 'partial');
	if (partlyPreferred.length)
		return { signal: 'partial', degradedBy: partlyPreferred.map((m) => m.id) };
	const workingFallback = fallback.filter((m) => sig(m) === 'pass' || sig(m) === 'partial');
	if (workingFallback.length) {
		if (preferred.every((m) => sig(m) === 'fail'))
			return { signal: 'fallback', degradedBy: preferred.map((m) => m.id) };
		// The preferred route could not be tested; a working fallback still satisfies the group.
		return workingFallback.some((m) => sig(m) === 'pass')
			? { signal: 'pass', degradedBy: [] }
			: { signal: 'partial', degradedBy: workingFallback.map((m) => m.id) };
	}
	if (members.every((m) => sig(m) === 'fail')) return { signal: 'fail', degradedBy: [] };
	return { signal: 'unknown', degradedBy: [] };
}

/** Groups requirements into decision units: one per requirement, one per alternative group. */
function units(
	requirements: readonly { requirement: Requirement; productId: string }[],
	sig: (r: Requirement) => Signal
): Unit[] {
	const out: Unit[] = [];
	const groups = new Map<string, Requirement[]>();
	for (const { requirement: r, productId } of requirements) {
		if (r.alternative) {
			const key = `${productId}/${r.alternative.group}`;
			groups.set(key, [...(groups.get(key) ?? []), r]);
		} else {
			const s = sig(r);
			out.push({ ids: [r.id], signal: s, degradedBy: s === 'partial' ? [r.id] : [] });
		}
	}
	for (const members of groups.values()) {
		// A group is mandatory when any member is.
		if (!members.some((m) => m.level === 'mandatory')) {
			for (const m of members) {
				const s = sig(m);
				out.push({ ids: [m.id], signal: s, degradedBy: s === 'partial' ? [m.id] : [] });
			}
			continue;
		}
		out.push({ ids: members.map((m) => m.id), ...groupSignal(members, sig) });
	}
	return out;
}

/**
 * Media only through the relay: every UDP STUN/TURN probe the product relies on failed, and a TURN
 * probe over TCP or TLS answered. Returns the ids of the requirements whose UDP probes failed.
 */
export function relayOnly(
	requirements: readonly Requirement[],
	results: Readonly<Record<string, RequirementResult>>,
	probes: ReadonlyMap<string, ProbeResult>
): string[] | undefined {
	const udp: ProbeResult[] = [];
	const relayTcp: ProbeResult[] = [];
	const udpOwners = new Set<string>();
	for (const r of requirements) {
		for (const url of results[r.id]?.probes ?? []) {
			const p = probes.get(url);
			const ice = parseIceUrl(url);
			if (!p || !ice) continue;
			if (ice.via === 'udp') {
				udp.push(p);
				if (probeSignal(p.outcome) === 'fail') udpOwners.add(r.id);
			} else if (ice.scheme !== 'stun') relayTcp.push(p);
		}
	}
	const udpFailed = udp.length > 0 && udp.every((p) => probeSignal(p.outcome) !== 'pass');
	const someUdpDecided = udp.some((p) => probeSignal(p.outcome) === 'fail');
	const relayWorks = relayTcp.some((p) => p.outcome === 'reachable');
	return udpFailed && someUdpDecided && relayWorks ? [...udpOwners] : undefined;
}

/**
 * No route for media at all: every STUN and TURN probe the product relies on was seen to fail (none
 * undecided), so neither direct UDP nor any relay transport is open. Returns the ids of the
 * requirements those probes belong to.
 */
export function noMediaPath(
	requirements: readonly Requirement[],
	results: Readonly<Record<string, RequirementResult>>,
	probes: ReadonlyMap<string, ProbeResult>
): string[] | undefined {
	const owners = new Set<string>();
	let seen = 0;
	for (const r of requirements) {
		for (const url of results[r.id]?.probes ?? []) {
			const p = probes.get(url);
			if (!p || !parseIceUrl(url)) continue;
			if (probeSignal(p.outcome) !== 'fail') return undefined;
			seen++;
			owners.add(r.id);
		}
	}
	return seen > 0 ? [...owners] : undefined;
}

/** No STUN/TURN probe passed, and at least one could not be decided. */
export function mediaRouteUndecided(
	requirements: readonly Requirement[],
	results: Readonly<Record<string, RequirementResult>>,
	probes: ReadonlyMap<string, ProbeResult>
): boolean {
	const signals = requirements
		.flatMap((r) => results[r.id]?.probes ?? [])
		.filter((u) => parseIceUrl(u))
		.map((u) => probes.get(u))
		.filter((p) => p !== undefined)
		.map((p) => probeSignal(p.outcome));
	return !signals.includes('pass') && signals.includes('undecided');
}

export interface VerdictContext {
	webrtc: WebrtcSupport;
	/** true when the user stopped the check before it ended */
	cancelled: boolean;
}

const uniq = (xs: readonly string[]) => [...new Set(xs)];

/**
 * The verdict for one product. `withRequired` is the product followed by every product it requires
 * (catalog.withRequiredProducts([product.id])).
 */
export function productVerdict(
	withRequired: readonly Product[],
	results: Readonly<Record<string, RequirementResult>>,
	probes: ReadonlyMap<string, ProbeResult>,
	context: VerdictContext
): ProductResult {
	const product = withRequired[0]!;
	const all = withRequired.flatMap((p) =>
		p.requirements.map((requirement) => ({ requirement, productId: p.id }))
	);
	const sig = (r: Requirement) => requirementSignal(results[r.id], probes);
	const mandatoryGroups = new Set(
		all
			.filter(({ requirement: r }) => r.alternative && r.level === 'mandatory')
			.map(({ requirement: r, productId }) => `${productId}/${r.alternative!.group}`)
	);
	// The other members of a mandatory alternative group take part in it, whatever their own level.
	const mandatory = all.filter(
		({ requirement: r, productId }) =>
			r.level === 'mandatory' ||
			(r.alternative && mandatoryGroups.has(`${productId}/${r.alternative.group}`))
	);
	const mandatoryIds = new Set(mandatory.map((m) => m.requirement.id));
	const others = all.filter(({ requirement: r }) => !mandatoryIds.has(r.id));
	const alsoFailed = others
		.filter(({ requirement: r }) => ['fail', 'partial'].includes(sig(r)))
		.map(({ requirement: r }) => r.id);

	const decisive = units(mandatory.length ? mandatory : all, sig);
	const failedUnits = mandatory.length ? decisive.filter((u) => u.signal === 'fail') : [];
	const degradedUnits = mandatory.length
		? decisive.filter((u) => u.signal === 'partial' || u.signal === 'fallback')
		: [];
	const relay =
		product.kind === 'video'
			? relayOnly(
					all.map((a) => a.requirement),
					results,
					probes
				)
			: undefined;
	const manualMandatory = mandatory.filter(
		({ requirement: r }) => results[r.id]?.status === 'manual'
	).length;
	const usesWebrtc = all.some(({ requirement: r }) =>
		results[r.id]?.probes.some((u) => parseIceUrl(u))
	);

	const base = { ...(alsoFailed.length ? { alsoFailed } : {}) };
	const video = product.kind === 'video';

	const noMedia = video
		? noMediaPath(
				all.map((a) => a.requirement),
				results,
				probes
			)
		: undefined;

	if (failedUnits.length || noMedia) {
		const blocking = uniq([
			...failedUnits.flatMap((u) =>
				u.ids.filter((id) => {
					const s = sig(all.find((a) => a.requirement.id === id)!.requirement);
					return s === 'fail' || s === 'partial';
				})
			),
			...(noMedia ?? [])
		]);
		// When only inferences failed, nothing was seen to fail directly: the words say "probably".
		const onlyInferred = blocking.every((id) => results[id]?.status === 'inferred');
		return {
			...base,
			verdict: 'not-ready',
			blocking,
			...(onlyInferred ? { onlyInferred } : {})
		};
	}
	if (degradedUnits.length || relay) {
		return {
			...base,
			verdict: 'degraded',
			limit: relay ? 'relay' : 'partial',
			blocking: uniq([...degradedUnits.flatMap((u) => u.degradedBy), ...(relay ?? [])])
		};
	}
	// A mandatory rule the browser could have tested but could not decide leaves the verdict open;
	// rules no browser can test (manual) do not, they go to IT in the advice.
	const undecidedTestable = decisive.filter(
		(u) => u.signal === 'unknown' && u.ids.some((id) => results[id]?.status !== 'manual')
	);
	// Video needs a route for media: when no STUN/TURN probe passed and some could not be decided,
	// the call path is untested, so the verdict stays open.
	const mediaUndecided =
		video &&
		mediaRouteUndecided(
			all.map((a) => a.requirement),
			results,
			probes
		);
	if (
		decisive.some((u) => u.signal === 'pass') &&
		undecidedTestable.length === 0 &&
		!mediaUndecided
	) {
		return {
			...base,
			verdict: 'ready',
			blocking: [],
			...(manualMandatory ? { manualMandatory } : {})
		};
	}
	const undecided: ProductResult['undecided'] = context.cancelled
		? 'cancelled'
		: usesWebrtc && context.webrtc === 'unavailable'
			? 'webrtc-unavailable'
			: usesWebrtc &&
				  context.webrtc === 'no-error-events' &&
				  (undecidedTestable.length || mediaUndecided)
				? 'no-error-events'
				: manualMandatory && undecidedTestable.length === 0
					? 'manual-only'
					: 'inconclusive';
	return { ...base, verdict: 'unknown', blocking: [], undecided };
}
