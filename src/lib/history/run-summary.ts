/**
 * What a saved run is at a glance, for its row in history and the header of the printed report:
 * the one answer for the whole check (mark and words), made at display time from the result's
 * facts. (What was checked and a title for an unnamed run: names.ts.)
 */
import type { LightProduct } from '$lib/data/light-catalog';
import type { ProductIndex } from '$lib/data/make-catalog';
import type { CheckResult, Verdict } from '$lib/result/result';
import { overallOf } from '$lib/result/summary';
import { VERDICT_MARKS, overallHeadline } from '$lib/result/summary-words';
import { VERDICT_LABELS, productHeadline } from '$lib/result/words';

type Index = Pick<ProductIndex<LightProduct>, 'productById'>;

export interface RunAnswer {
	/** the verdict the whole check reads as; undefined when it has none (offline, no product) */
	verdict?: Verdict;
	/** ✓ ⚠ ✗ ?, always shown with `label` */
	mark: string;
	label: string;
	/** one sentence: "2 of 13 will not work on this network: …" */
	headline: string;
}

/** The one answer for the whole check, as the result page's headline words it. */
export function runAnswer(result: CheckResult, catalog: Index): RunAnswer {
	const overall = overallOf(result);
	const name = (id: string) => catalog.productById(id)?.name ?? id;
	const ids = [...new Set(result.products)].filter((id) => Object.hasOwn(result.verdicts, id));
	const single =
		ids.length === 1
			? productHeadline(catalog.productById(ids[0]!), result.verdicts[ids[0]!]!, ids[0])
			: undefined;
	const headline = overallHeadline(overall, name, single);
	if (overall.kind === 'offline' || overall.kind === 'empty')
		return { mark: VERDICT_MARKS.unknown, label: VERDICT_LABELS.unknown, headline };
	return {
		verdict: overall.kind,
		mark: VERDICT_MARKS[overall.kind],
		label: VERDICT_LABELS[overall.kind],
		headline
	};
}
