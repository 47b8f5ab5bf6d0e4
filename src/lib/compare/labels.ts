/**
 * Names for products and requirements in a comparison, from the catalog the page has: the light
 * catalog (a first visit stays light) or the full one. "Secure WebRTC (TCP 443)".
 */
import { formatPorts, serviceTitle } from '$lib/data/format';
import type { LightProduct } from '$lib/data/light-catalog';
import type { ProductIndex } from '$lib/data/make-catalog';
import type { ProductNameLookup, RequirementLookup } from './diff';

type Index = Pick<ProductIndex<LightProduct>, 'productById' | 'requirementById'>;

export function requirementLookup(catalog: Index): RequirementLookup {
	return (id) => {
		const found = catalog.requirementById(id);
		if (!found) return undefined;
		const { requirement, product } = found;
		const ports = requirement.ports.length ? ` (${formatPorts(requirement.ports)})` : '';
		return {
			productId: product.id,
			productName: product.name,
			// titled as everywhere else a rule is named ("Support functionality", "eMIS" as written)
			label: `${serviceTitle(requirement.service)}${ports}`
		};
	};
}

export function productNameLookup(catalog: Index): ProductNameLookup {
	return (id) => catalog.productById(id)?.name;
}
