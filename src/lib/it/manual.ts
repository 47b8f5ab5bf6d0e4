/**
 * The commands IT runs by hand for one requirement: what the check page's IT view shows for rows a
 * browser cannot test. Stable signature: manualCommands(requirement[, options]).
 */
import { catalog as appCatalog } from '$lib/data/catalog';
import type { Requirement } from '$lib/data/schema';
import { stepCommands } from '$lib/it/hand-tests/commands';
import { stepNotes } from '$lib/it/hand-tests/notes';
import { planRequirement } from '$lib/it/hand-tests/plan';
import type { PlanCatalog } from '$lib/it/hand-tests/targets';
import type { ItCatalog } from '$lib/it/select/selection';

export interface ManualCommands {
	/** Windows PowerShell commands, one per line, in the order to run them */
	powershell: string[];
	/** POSIX sh commands (Linux, macOS), one per line */
	posix: string[];
	/** what the commands cannot show, samples and stand-ins used, placeholders to fill in */
	note?: string;
}

export interface ManualOptions {
	/** the vendor data; the app's catalog unless a test passes its own */
	catalog?: PlanCatalog & Pick<ItCatalog, 'requirementById'>;
	/** also give commands for destinations flagged as a security risk (default: no) */
	includeRisky?: boolean;
}

function unique(lines: string[]): string[] {
	return [...new Set(lines)];
}

export function manualCommands(
	requirement: Requirement,
	options: ManualOptions = {}
): ManualCommands {
	const catalog = options.catalog ?? appCatalog;
	const product = catalog.requirementById(requirement.id)?.product;
	const steps = planRequirement(requirement, product, catalog, {
		includeRisky: options.includeRisky
	});
	const commands = steps.map(stepCommands);
	const notes = stepNotes(steps);
	return {
		powershell: unique(commands.flatMap((c) => c.powershell)),
		posix: unique(commands.flatMap((c) => c.posix)),
		...(notes.length ? { note: notes.join(' ') } : {})
	};
}
