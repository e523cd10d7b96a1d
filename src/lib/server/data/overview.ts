/**
 * The overview: for every focus area the latest value of each headline figure
 * next to its city's value for the same period, with small numbers withheld as
 * on the area page and the map.
 */
import { HEADLINE_INDICATORS, overviewRows, overviewTargets } from '../../indicators/headlines';
import type { SuppressionConfig } from '../../indicators/suppression';
import type { Db } from '../db/index';
import { listFocusAreas } from '../queries/areas';
import { listIndicators } from '../queries/indicators';
import { oldClassificationData } from '../queries/overview';
import { seriesForIndicators } from './series';

export async function headlineOverview(db: Db, suppression: SuppressionConfig) {
	const [areas, indicators] = await Promise.all([listFocusAreas(db), listIndicators(db)]);
	const keys = HEADLINE_INDICATORS;
	const [series, old] = await Promise.all([
		seriesForIndicators(
			db,
			overviewTargets(areas),
			indicators.filter((i) => keys.includes(i.key)),
			{ suppression }
		),
		oldClassificationData(db, keys)
	]);
	const rows = overviewRows(
		areas.map(({ sources: _omit, ...info }) => info),
		series,
		old
	);
	const used = new Set(rows.flatMap((r) => [...Object.values(r.cells), ...Object.values(r.fallbacks)].flatMap((c) => (c ? [c.indicator] : []))));
	return {
		rows,
		indicators: Object.fromEntries(indicators.filter((i) => used.has(i.key) || keys.includes(i.key)).map((i) => [i.key, i]))
	};
}
