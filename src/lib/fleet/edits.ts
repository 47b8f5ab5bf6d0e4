/**
 * Changes to the fleet, as pure functions: each takes the sites and returns the new sites, what to
 * write and delete, and a sentence for the page to say — or a problem, changing nothing.
 */
import { cleanSiteName, currentRun, nameKey, type FleetSite } from './model';

export type Edit =
	| { ok: true; sites: FleetSite[]; changed: FleetSite[]; removed: string[]; status: string }
	| { ok: false; problem: string };

const gone: Edit = { ok: false, problem: 'This site is no longer in the fleet.' };

function replaced(sites: readonly FleetSite[], next: FleetSite, removed: string[] = []) {
	return sites.filter((s) => !removed.includes(s.id)).map((s) => (s.id === next.id ? next : s));
}

function withoutBaseline(site: FleetSite): FleetSite {
	const { baselineRunId: _drop, ...rest } = site;
	void _drop;
	return rest;
}

/**
 * Renames a site. A name another site already has merges the two: the runs join that site, which
 * keeps its own baseline (or takes this one's when it has none).
 */
export function renameSite(sites: readonly FleetSite[], id: string, name: string): Edit {
	const site = sites.find((s) => s.id === id);
	const cleaned = cleanSiteName(name);
	if (!site) return gone;
	if (!cleaned) return { ok: false, problem: 'A site needs a name.' };
	const other = sites.find((s) => s.id !== id && nameKey(s.name) === nameKey(cleaned));
	if (other) {
		const baselineRunId = other.baselineRunId ?? site.baselineRunId;
		const merged: FleetSite = {
			...withoutBaseline(other),
			runs: [...other.runs, ...site.runs],
			...(baselineRunId ? { baselineRunId } : {})
		};
		return {
			ok: true,
			sites: replaced(sites, merged, [id]),
			changed: [merged],
			removed: [id],
			status: `“${site.name}” joined “${other.name}”, which now has ${merged.runs.length} runs.`
		};
	}
	const renamed = { ...site, name: cleaned };
	return {
		ok: true,
		sites: replaced(sites, renamed),
		changed: [renamed],
		removed: [],
		status: `Renamed to “${cleaned}”.`
	};
}

export function setBaseline(
	sites: readonly FleetSite[],
	siteId: string,
	runId: string | undefined
): Edit {
	const site = sites.find((s) => s.id === siteId);
	if (!site) return gone;
	if (runId && !site.runs.some((r) => r.id === runId))
		return { ok: false, problem: 'That run is no longer in this site.' };
	const next = runId ? { ...site, baselineRunId: runId } : withoutBaseline(site);
	return {
		ok: true,
		sites: replaced(sites, next),
		changed: [next],
		removed: [],
		status: runId ? `Baseline set for “${site.name}”.` : `Baseline cleared for “${site.name}”.`
	};
}

/** Every site's newest run becomes its baseline: "before the firewall change". */
export function baselineAll(sites: readonly FleetSite[]): Edit {
	const next = sites.map((s) => {
		const run = currentRun(s);
		return run ? { ...s, baselineRunId: run.id } : s;
	});
	return {
		ok: true,
		sites: next,
		changed: next,
		removed: [],
		status: `The newest run of each of the ${next.length} sites is now its baseline.`
	};
}

export function removeSite(sites: readonly FleetSite[], siteId: string): Edit {
	const site = sites.find((s) => s.id === siteId);
	if (!site) return gone;
	return {
		ok: true,
		sites: sites.filter((s) => s.id !== siteId),
		changed: [],
		removed: [siteId],
		status: `“${site.name}” removed from the fleet.`
	};
}

/** Removing a site's last run removes the site. */
export function removeRun(sites: readonly FleetSite[], siteId: string, runId: string): Edit {
	const site = sites.find((s) => s.id === siteId);
	if (!site) return gone;
	const runs = site.runs.filter((r) => r.id !== runId);
	if (!runs.length) return removeSite(sites, siteId);
	const base = site.baselineRunId === runId ? withoutBaseline(site) : site;
	const next = { ...base, runs };
	return {
		ok: true,
		sites: replaced(sites, next),
		changed: [next],
		removed: [],
		status: `Run removed from “${site.name}”.`
	};
}
