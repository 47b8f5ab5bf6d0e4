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
import type { Verdict } from '../../../src/lib/result/result';
import type { OutcomeExpectation, StatusExpectation } from '../expected-outcomes';
import type { NetworkProfileName } from '../network-profiles';

export interface VerdictExpectation {
	verdict: Verdict;
	/** why this verdict follows from the profile and the product's mandatory requirements */
	why: string;
}

export interface ProfileExpectation {
	/** the network profile the check runs under (../network-profiles.ts) */
	network: NetworkProfileName;
	/** what the test calls the scenario, if not the network's name */
	title?: string;
	/** products ticked on the check page; 'all' opens /check/?products=all */
	products: 'all' | string[];
	/** open the site under the lab's sub-path (/netready/) to prove sub-path hosting */
	subPath?: boolean;
	/** one entry per checked product */
	verdicts: Record<string, VerdictExpectation>;
	/** requirement ids whose status is not the derived one */
	requirementExceptions?: Record<string, StatusExpectation>;
	/** probe urls whose outcome is not the derived one */
	probeExceptions?: Record<string, OutcomeExpectation>;
}
