/**
 * The app's TextBuilder for shared results: the check's own reasons, headlines and advice,
 * recomputed from the probes a link carries. A text is used only where the recomputed status or
 * verdict equals the one in the link (same data and logic); elsewhere the generic text stands, so
 * a link from another version never shows a reason that contradicts its status.
 */
import { evaluate } from '$lib/check/check';
import { withRequiredProducts } from '$lib/data/catalog';
import { genericTexts, type TextBuilder } from './codec';

export const checkTexts: TextBuilder = (result, catalog) => {
	const generic = genericTexts(result, catalog);
	let evaluated: ReturnType<typeof evaluate>;
	try {
		evaluated = evaluate(result.products, { withRequiredProducts }, result.probes, {
			webrtc: result.webrtc
		});
	} catch {
		return generic;
	}
	const requirements = { ...generic.requirements };
	for (const [id, r] of Object.entries(requirements)) {
		const mine = Object.hasOwn(evaluated.requirements, id) ? evaluated.requirements[id] : undefined;
		if (mine && mine.status === r.status && mine.inferredOutcome === r.inferredOutcome)
			requirements[id] = { ...r, reason: mine.reason };
	}
	const verdicts = { ...generic.verdicts };
	for (const [id, v] of Object.entries(verdicts)) {
		const mine = Object.hasOwn(evaluated.verdicts, id) ? evaluated.verdicts[id] : undefined;
		if (mine && mine.verdict === v.verdict)
			verdicts[id] = { ...v, headline: mine.headline, advice: [...mine.advice] };
	}
	return { ...generic, requirements, verdicts };
};
