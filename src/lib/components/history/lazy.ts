/**
 * Loaders for the parts of History and Compare that only a saved run needs: a row of the list, a
 * run's views, the comparison. The pages import this module lazily and it imports them: SvelteKit
 * links (here: inlines) the stylesheets of a page's own dynamic imports into its HTML, but not of
 * imports one step further, so their CSS stays off an empty first visit and comes with their code
 * (Vite loads a chunk's CSS before the chunk resolves). The service worker stores them at install
 * all the same ($lib/app/precache.ts, OFFLINE_LOADERS): saved runs open offline.
 */
export const loadRunRow = () => import('./RunRow.svelte');

export const loadRunViews = () =>
	Promise.all([
		import('$lib/components/result/ResultView.svelte'),
		import('./PrintReport.svelte'),
		import('./RunActions.svelte')
	]).then(([result, print, actions]) => ({
		ResultView: result.default,
		PrintReport: print.default,
		RunActions: actions.default
	}));

export const loadComparisonView = () => import('./ComparisonView.svelte');
