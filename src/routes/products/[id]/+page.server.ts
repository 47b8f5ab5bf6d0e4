import { error } from '@sveltejs/kit';
import { productById, products, sourceById, withRequiredProducts } from '$lib/data/catalog';
import type { EntryGenerator, PageServerLoad } from './$types';

export const entries: EntryGenerator = () => products.map((p) => ({ id: p.id }));

export const load: PageServerLoad = ({ params }) => {
	const product = productById(params.id);
	if (!product) error(404, 'No such product');
	return {
		product,
		source: sourceById(product.source),
		alsoRequired: withRequiredProducts([product.id])
			.slice(1)
			.map((p) => ({ id: p.id, name: p.name }))
	};
};
