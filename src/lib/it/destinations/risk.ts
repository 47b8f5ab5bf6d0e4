/**
 * Destinations that are themselves a risk (cdn.polyfill.io, taken over in 2024). The data flags
 * them with kind "security-risk" on the requirement (or the product). A flag that names one of the
 * requirement's destinations marks that destination only; a requirement flag that names none of
 * them marks every destination of the requirement. A flag with the mitigation
 * "allow-only-from-sources" (inbound remote support) does not block: the rule is allowed, limited
 * to its sources, with the risk said. Also: which destinations a typo flag names.
 */
import type { Destination, Flag, Product, Requirement } from '$lib/data/schema';
import { hostPatternOf } from './hosts';

export function destinationText(d: Destination): string {
	switch (d.kind) {
		case 'ip-range':
			return `${d.from} - ${d.to}`;
		case 'address-set':
			return d.ref;
		case 'url':
			return d.value;
		default:
			return d.value;
	}
}

/** The flag's text names the destination: "appearin.net" is not named by "*.appearin.net". */
export function mentions(flag: Flag, d: Destination): boolean {
	const text = flag.text.toLowerCase();
	const names = [destinationText(d), hostPatternOf(d)].filter((n): n is string => !!n);
	return names.some((n) => {
		const name = n.toLowerCase();
		for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
			const before = text[i - 1] ?? ' ';
			const after = text[i + name.length] ?? ' ';
			if (!/[a-z0-9*.-]/.test(before) && !/[a-z0-9*-]/.test(after)) return true;
		}
		return false;
	});
}

/**
 * The requirement's flags that concern one destination: a flag naming some of the
 * requirement's destinations concerns those; a flag naming none concerns them all.
 */
export function flagsFor(d: Destination, requirement: Requirement): Flag[] {
	return (requirement.flags ?? []).filter(
		(f) => mentions(f, d) || !requirement.destinations.some((x) => mentions(f, x))
	);
}

/** The security-risk flags that apply to this destination of this requirement, mitigated or not. */
export function riskFlags(d: Destination, requirement: Requirement, product?: Product): Flag[] {
	const own = (requirement.flags ?? []).filter((f) => f.kind === 'security-risk');
	const named = own.filter((f) => requirement.destinations.some((x) => mentions(f, x)));
	const unnamed = own.filter((f) => !named.includes(f));
	const fromProduct = (product?.flags ?? []).filter(
		(f) => f.kind === 'security-risk' && mentions(f, d)
	);
	return [...named.filter((f) => mentions(f, d)), ...unnamed, ...fromProduct];
}

/**
 * A risk the data accepts on a condition: the vendor needs the rule, and it may be allowed only
 * from the rule's sources (EMIS's inbound RDP/VNC support). Only for rules that have sources.
 */
function mitigated(f: Flag, requirement: Requirement): boolean {
	return f.mitigation === 'allow-only-from-sources' && (requirement.sources?.length ?? 0) > 0;
}

/** Risk flags that keep this destination out of every allow-list. */
export function blockingRisks(d: Destination, requirement: Requirement, product?: Product): Flag[] {
	return riskFlags(d, requirement, product).filter((f) => !mitigated(f, requirement));
}

/** Risk flags that allow this destination only from the rule's sources. */
export function sourceOnlyRisks(
	d: Destination,
	requirement: Requirement,
	product?: Product
): Flag[] {
	return riskFlags(d, requirement, product).filter((f) => mitigated(f, requirement));
}

/** The destination is left out of allow-lists and never tested unless asked (includeRisky). */
export function isRisky(d: Destination, requirement: Requirement, product?: Product): boolean {
	return blockingRisks(d, requirement, product).length > 0;
}

/** A typo flag names this destination: it is kept as written but cannot be tested as written. */
export function typoFlags(d: Destination, requirement: Requirement): Flag[] {
	return (requirement.flags ?? []).filter((f) => f.kind === 'typo' && mentions(f, d));
}
