/** Names for requirements in a comparison, from the catalog: "Secure WebRTC (TCP 443)". */
import { requirementById } from '$lib/data/catalog';
import { formatPorts } from '$lib/data/format';
import type { RequirementLookup } from './diff';

export const catalogLookup: RequirementLookup = (id) => {
	const found = requirementById(id);
	if (!found) return undefined;
	const { requirement, product } = found;
	const ports = requirement.ports.length ? ` (${formatPorts(requirement.ports)})` : '';
	return {
		productId: product.id,
		productName: product.name,
		label: `${requirement.service}${ports}`
	};
};
