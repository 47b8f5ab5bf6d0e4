import { catalog } from '$lib/data/catalog';
import { lightCatalogData } from '$lib/data/light-catalog';
import type { PageServerLoad } from './$types';

// Runs at build time only: the fleet page gets the light catalog (names, the permalink layout:
// a few KB), not the whole vendor catalog, so a first visit stays small.
export const load: PageServerLoad = () => ({ catalog: lightCatalogData(catalog) });
