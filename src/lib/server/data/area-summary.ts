/**
 * What the area page shows above its charts, worked out from the full page:
 * the scorecard (each headline figure with its spine, the spread of the
 * comparable areas in its period), the "what changed" figures from every
 * indicator, and the headline indicators' labels and formats. The area page
 * and the progress report's snapshot both use it.
 */
import { peerGroupOf, scorecard, spineOf } from '../../area/scorecard';
import type { AreaPage } from '../../area/types';
import { changesOf } from '../../indicators/changes';
import { gapKind } from '../../indicators/gaps';
import { HEADLINE_INDICATORS } from '../../indicators/headlines';
import type { Data } from './index';

export async function areaSummary(data: Data, full: AreaPage) {
	const indicators = full.themes.flatMap((t) => t.indicators);
	const headline = scorecard(full.themes, HEADLINE_INDICATORS);
	const headlineIndicators = indicators.filter((i) => HEADLINE_INDICATORS.includes(i.key));
	const group = peerGroupOf(full.subject);
	if (group) {
		await Promise.all(
			headline.map(async (row) => {
				const ind = headlineIndicators.find((i) => i.key === row.key)!;
				if (row.value == null || gapKind(ind.kind) === 'none') return;
				const peers = await data.peerValues(group, full.subject.gemeenteCode, row.key, row.period);
				row.spine = peers ? spineOf(group, peers, row.value, ind) : null;
			})
		);
	}
	return {
		headline,
		changes: changesOf(indicators),
		headlineMeta: Object.fromEntries(
			headlineIndicators.map((i) => [
				i.key,
				{ labelNl: i.labelNl, labelEn: i.labelEn, format: i.format, decimals: i.decimals, kind: i.kind, higherIsBetter: i.higherIsBetter }
			])
		)
	};
}
