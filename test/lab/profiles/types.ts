/**
 * What one profile test expects from a full check in the lab. Probe outcomes and requirement
 * statuses are derived from the network profile's rules (../expected-outcomes.ts), so they follow
 * the data as it grows; verdicts are stated here by hand, product by product, each with the
 * reasoning, because the verdict rules are what the test checks. Exceptions to the derived
 * statuses must be listed by requirement id, again with the reason.
 *
 * To (re)write a file: run the profile tests with NR_WRITE_OBSERVED=1, read
 * test-results/lab-observed/<profile>.json, and check every verdict against the rules in
 * src/lib/check/verdict.ts and the data before copying it here. Never copy without that review.
 */
import type { ProbeOutcome, Verdict } from '../../../src/lib/result/result';
import type { OutcomeExpectation, StatusExpectation } from '../expected-outcomes';
import type { LabProfileName } from '../network-profiles';

export interface VerdictExpectation {
	verdict: Verdict;
	/** why this verdict follows from the profile and the product's mandatory requirements */
	why: string;
}

/**
 * What issue 11 wants the check to say once the diagnosis decides verdicts. Written down from the
 * issue, not asserted yet: the lead developer wires it into the comparison with the diagnosis.
 */
export interface IntendedOutcome {
	/** the whole answer in one sentence, as the issue puts it */
	summary: string;
	/**
	 * "not-connected": no product verdict at all, not "send to IT"; history records the run as
	 * "this device is not connected" (issue 11, no internet)
	 */
	overall?: 'not-connected';
	/** per product (all checked products, unless `overall` replaces them): the verdicts allowed */
	verdicts?: Record<string, { allowed: Verdict[]; why: string }>;
}

export interface ProfileExpectation {
	/** the network profile the check runs under (../network-profiles.ts) */
	network: LabProfileName;
	/** what the test calls the scenario, if not the network's name */
	title?: string;
	/** products ticked on the check page; 'all' opens /check/?products=all */
	products: 'all' | string[];
	/** open the site under the lab's sub-path (/netready/) to prove sub-path hosting */
	subPath?: boolean;
	/** today's verdict for every checked product, asserted; empty only with `unassertedToday` */
	verdicts: Record<string, VerdictExpectation>;
	/**
	 * Why today's requirement statuses and verdicts are not asserted (probe outcomes still are):
	 * e.g. on a slow link which probes outlive the fixed bound depends on the machine's load.
	 */
	unassertedToday?: string;
	/**
	 * Outcomes accepted today beyond the network's own prediction, with the reason (time-outs on a
	 * slow link under the fixed 4.5 s bound). Remove when the app no longer needs it.
	 */
	probeTolerance?: { also: ProbeOutcome[]; why: string };
	/** what the issue wants once the diagnosis exists; not asserted yet */
	intended?: IntendedOutcome;
	/** requirement ids whose status is not the derived one */
	requirementExceptions?: Record<string, StatusExpectation>;
	/** probe urls whose outcome is not the derived one */
	probeExceptions?: Record<string, OutcomeExpectation>;
}
