/** The sample fleet (sample-fleet.mjs) as a fleet file: each site's first run is its baseline. */
import { SAMPLE_SITES } from './sample-fleet.mjs';

/** @param {Awaited<ReturnType<import('./app-modules.mjs').loadAppModules>>} app */
export async function sampleFleetFile(app) {
	const catalog = app.catalog.catalog;
	const sites = [];
	SAMPLE_SITES.forEach((s, i) => {
		const result = app.fleet.fleetResult(catalog, {
			startedAt: s.at,
			verdicts: s.verdicts,
			causes: s.causes,
			seed: i + 1
		});
		const run = { id: `r${i}`, addedAt: s.at, source: { kind: 'link' }, result };
		const site = sites.find((x) => x.name === s.name);
		if (site) site.runs.push(run);
		else
			sites.push({
				id: `s${i}`,
				name: s.name,
				createdAt: s.at,
				baselineRunId: run.id,
				runs: [run]
			});
	});
	// A site with one run has no baseline to speak of: only those with two keep it.
	for (const site of sites) if (site.runs.length < 2) delete site.baselineRunId;
	const file = await app.fleetFile();
	return file.fleetFileText(sites, catalog.dataVersion);
}
