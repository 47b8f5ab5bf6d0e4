/**
 * The commands IT runs by hand for one requirement: what the check page's IT view shows for rows a
 * browser cannot test. Stable signature: manualCommands(requirement[, options]).
 */
import type { Requirement } from '../data/schema';
import { catalogData } from './catalog-data';
import { stepCommands } from './commands';
import { productOfRequirement, type ItData } from './context';
import { planRequirement, stepNotes } from './plan';

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
	data?: ItData;
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
	const data = options.data ?? catalogData;
	const product = productOfRequirement(data, requirement);
	const steps = planRequirement(requirement, product, data, { includeRisky: options.includeRisky });
	const commands = steps.map(stepCommands);
	const notes = stepNotes(steps);
	return {
		powershell: unique(commands.flatMap((c) => c.powershell)),
		posix: unique(commands.flatMap((c) => c.posix)),
		...(notes.length ? { note: notes.join(' ') } : {})
	};
}
