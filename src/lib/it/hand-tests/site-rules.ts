/**
 * Hand-test steps for rules a test from inside cannot prove: inbound connections (towards the
 * site) and traffic inside the site's own networks. They become instructions, Windows Firewall
 * rules for the workstations, and the security advice the data gives for them.
 */
import type { Product, Protocol, Requirement } from '$lib/data/schema';
import { spansOf } from '$lib/it/destinations/ports';
import { blockingRisks, sourceOnlyRisks } from '$lib/it/destinations/risk';
import { destinationsText, portsText, sourcesText, type PlanCatalog } from './targets';
import type { Step } from './steps';

export interface SiteRuleOptions {
	includeRisky?: boolean;
}

function unique(texts: string[]): string {
	return [...new Set(texts)].join(' ');
}

/** The sources name the local site(s) themselves (EMIS: "Local site(s)"). */
function localSubnet(requirement: Requirement): boolean {
	return (requirement.sources ?? []).some(
		(s) => s.kind === 'network' && /^local site/i.test(s.value)
	);
}

function firewallSteps(requirement: Requirement, product: Product | undefined): Step[] {
	const remote = localSubnet(requirement) ? 'LocalSubnet' : '<subnets of the other sites>';
	const app = product?.name ?? requirement.service;
	return (['tcp', 'udp'] as Protocol[]).flatMap((protocol): Step[] => {
		const ports = spansOf(requirement.ports, protocol);
		if (ports.length === 0) return [];
		return [{ kind: 'firewall', protocol, ports, name: `${app}: ${requirement.service}`, remote }];
	});
}

export function siteRuleSteps(
	requirement: Requirement,
	product: Product | undefined,
	catalog: PlanCatalog,
	options: SiteRuleOptions = {}
): Step[] {
	const from = sourcesText(requirement, catalog);
	const to = destinationsText(requirement, catalog);
	const ports = portsText(requirement);
	const blocking = requirement.destinations.flatMap((d) => blockingRisks(d, requirement, product));
	const rule = `${requirement.direction} ${ports} from ${from} to ${to}`;
	if (blocking.length && !options.includeRisky)
		return [
			{ kind: 'not-allowed', destination: rule, reason: unique(blocking.map((f) => f.text)) }
		];

	if (requirement.direction === 'inbound') {
		const limited = requirement.destinations.flatMap((d) =>
			sourceOnlyRisks(d, requirement, product)
		);
		const only = limited.length
			? `Inbound rule: allow ${ports} ONLY from ${from} to ${to}, never from the internet. ` +
				`Security risk: ${unique(limited.map((f) => f.text))} `
			: `Inbound rule: allow ${ports} from ${from} to ${to}. `;
		return [
			{
				kind: 'info',
				text:
					only +
					'These connections come towards your site, so a test from inside proves nothing: check ' +
					'the rule on your firewall, or ask the vendor to connect from the source network.'
			}
		];
	}
	return [
		{
			kind: 'info',
			text:
				`Local network rule: allow ${ports} from ${from} to ${to}, in and out, on the ` +
				`workstations' own firewalls and between sites. Test it with the application running on ` +
				`two machines; one machine alone cannot.`
		},
		...firewallSteps(requirement, product)
	];
}
