/**
 * Adding what was read to the fleet. A run joins the site of the same name (case and spacing
 * aside) or starts a new one; a run already in the fleet — the same check, whichever way it came —
 * is not added twice. Nothing already in the fleet is changed except by gaining runs.
 */
import type { IncomingSite } from './file';
import {
	MAX_RUNS_PER_SITE,
	MAX_SITES,
	cleanSiteName,
	nameKey,
	newId,
	runFingerprint,
	unnamedSiteName,
	type FleetSite
} from './model';

export interface Skipped {
	/** what it was: the link as it stood, a file name, "history: Ward 3" (shown as text) */
	what: string;
	reason: string;
}

export interface Merged {
	sites: FleetSite[];
	/** the sites to write: new ones and those that gained runs */
	changed: FleetSite[];
	added: number;
	newSites: number;
	skipped: Skipped[];
}

export interface IncomingWithOrigin extends IncomingSite {
	/** for the report: "line 4", "ward-3.json" */
	what: string;
}

export function mergeIncoming(
	existing: readonly FleetSite[],
	incoming: readonly IncomingWithOrigin[],
	options: { now?: Date; id?: () => string } = {}
): Merged {
	const now = (options.now ?? new Date()).toISOString();
	const id = options.id ?? newId;
	const sites = existing.map((s) => ({ ...s, runs: [...s.runs] }));
	const byName = new Map(sites.map((s) => [nameKey(s.name), s]));
	const seen = new Map<string, string>();
	for (const s of sites) for (const r of s.runs) seen.set(runFingerprint(r.result), s.name);
	const changed = new Set<FleetSite>();
	const skipped: Skipped[] = [];
	let added = 0;
	let newSites = 0;
	for (const item of incoming) {
		const name = cleanSiteName(item.name) ?? unnamedSiteName(new Set(byName.keys()));
		let site = byName.get(nameKey(name));
		for (const [index, run] of item.runs.entries()) {
			const fingerprint = runFingerprint(run.result);
			const already = seen.get(fingerprint);
			if (already !== undefined) {
				skipped.push({
					what: item.what,
					reason: `This check is already in the fleet (site “${already}”).`
				});
				continue;
			}
			if (!site) {
				if (sites.length >= MAX_SITES) {
					skipped.push({ what: item.what, reason: `The fleet holds at most ${MAX_SITES} sites.` });
					break;
				}
				site = { id: id(), name, createdAt: now, runs: [] };
				sites.push(site);
				byName.set(nameKey(name), site);
				newSites++;
			}
			if (site.runs.length >= MAX_RUNS_PER_SITE) {
				skipped.push({
					what: item.what,
					reason: `Site “${site.name}” already has ${MAX_RUNS_PER_SITE} runs: remove some first.`
				});
				continue;
			}
			const runId = id();
			site.runs.push({ ...run, id: runId });
			if (item.baseline === index && !site.baselineRunId) site.baselineRunId = runId;
			seen.set(fingerprint, site.name);
			changed.add(site);
			added++;
		}
	}
	return { sites, changed: [...changed], added, newSites, skipped };
}
