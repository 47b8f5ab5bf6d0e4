import { products } from '$lib/data/catalog';
import type { PageServerLoad } from './$types';

// Runs at build time only: the check page gets the product names, not the whole catalog; the
// catalog arrives with the probes and the result view when the check starts (or is about to).
export const load: PageServerLoad = () => ({
	products: products.map((p) => ({ id: p.id, name: p.name }))
});
