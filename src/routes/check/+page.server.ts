import { catalog, products } from '$lib/data/catalog';
import { lightCatalogData } from '$lib/data/light-catalog';
import type { PageServerLoad } from './$types';

// Runs at build time only: the check page gets the product names and the light catalog the
// result view words a result with (a few KB), not the whole vendor data; the probes bring what
// they need when the check starts (or is about to).
export const load: PageServerLoad = () => ({
	products: products.map((p) => ({ id: p.id, name: p.name })),
	catalog: lightCatalogData(catalog)
});
