import { catalog } from '$lib/data/catalog';
import { lightCatalogData } from '$lib/data/light-catalog';
import type { PageServerLoad } from './$types';

// Runs at build time only: the page gets the light catalog (names, purposes, the permalink
// layout: a few KB), not the whole vendor data; IT's full view loads that when opened.
export const load: PageServerLoad = () => ({ catalog: lightCatalogData(catalog) });
