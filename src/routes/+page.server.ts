import { products } from '$lib/data/catalog';
import type { PageServerLoad } from './$types';

// Runs at build time only: the home page gets the product list, not the whole catalog, so a
// first visit stays small.
export const load: PageServerLoad = () => ({
	products: products.map((p) => ({
		id: p.id,
		name: p.name,
		vendor: p.vendor,
		summary: p.summary,
		requirementCount: p.requirements.length
	}))
});
