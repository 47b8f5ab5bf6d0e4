/**
 * Loaders for the parts of the fleet page a first visit (an empty fleet) does not need. The page
 * imports this module lazily and it imports them: SvelteKit links the stylesheets of a page's own
 * dynamic imports into its HTML, but not of imports one step further, so their CSS too stays off
 * the first visit and comes with their code (Vite loads a chunk's CSS before the chunk resolves).
 * test/e2e/fleet.e2e.ts measures the first visit, so a change here that adds weight is caught.
 */
export const loadFleetView = () => import('./FleetView.svelte');
export const loadImportReport = () => import('./ImportReportView.svelte');
export const loadHistoryPicker = () => import('./HistoryPicker.svelte');
