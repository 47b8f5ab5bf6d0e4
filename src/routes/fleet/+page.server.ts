import { catalog } from '$lib/data/catalog';
import { makeFleetCatalog } from '$lib/fleet/light-catalog';
import type { PageServerLoad } from './$types';

// Runs at build time only: the fleet page gets product names and the permalink layout (~3 KB
// gzip), not the whole vendor catalog, so a first visit stays small.
export const load: PageServerLoad = () => ({ catalog: makeFleetCatalog(catalog) });
