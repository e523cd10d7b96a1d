/**
 * The overview: for every focus area the latest value of each headline figure
 * next to its city's value for the same period.
 */
import { coverageShare } from '../../indicators/aggregate';
import { HEADLINES, type FigureCell, type HeadlineSlot } from '../../indicators/headlines';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index';
import { area, observation } from '../db/schema/index';
import { listFocusAreas, type FocusArea } from './areas';
import { listIndicators } from './indicators';
import { latest, seriesForIndicators, targetKey, type SeriesOptions, type SeriesPoint, type Target } from './observations';

export type MissingReason = 'noSource' | 'oldClassification' | 'suppressed';

export interface OverviewRow {
	area: Omit<FocusArea, 'sources'>;
	cells: Record<HeadlineSlot['id'], FigureCell | null>;
	/** For empty cells: why there is no figure. */
	missing: Partial<Record<HeadlineSlot['id'], MissingReason>>;
}

/** Indicator keys per gemeente that have values only on superseded (older) area codes. */
async function oldClassificationData(db: Db, keys: string[]): Promise<Set<string>> {
	const rows = await db
		.selectDistinct({ gemeente: area.gemeenteCode, indicator: observation.indicator })
		.from(observation)
		.innerJoin(area, eq(area.code, observation.areaCode))
		.where(and(eq(area.superseded, true), inArray(observation.indicator, keys)));
	return new Set(rows.map((r) => `${r.gemeente}|${r.indicator}`));
}

function cell(indicator: string, p: SeriesPoint, cityPoints: SeriesPoint[] | undefined): FigureCell {
	const same = cityPoints?.find((c) => c.period === p.period && c.value != null);
	const city = same ?? latest(cityPoints);
	return {
		indicator,
		period: p.period,
		value: p.value!,
		estimate: p.estimate,
		provisional: p.provisional,
		membersWithData: p.membersWithData,
		membersTotal: p.membersTotal,
		coverage: coverageShare(p),
		weightPeriods: p.weightPeriods,
		sources: p.sources,
		city: city ? { value: city.value!, period: city.period } : null
	};
}

/**
 * The overview's rows. With `suppression`, figures are withheld exactly as on
 * the area page and the map.
 */
export async function headlineOverview(db: Db, opts: SeriesOptions = {}) {
	const [areas, indicators] = await Promise.all([listFocusAreas(db), listIndicators(db)]);
	const targets: Target[] = [];
	for (const a of areas) targets.push({ type: 'focus', id: a.id }, { type: 'area', code: a.gemeenteCode });
	const keys = [...new Set(HEADLINES.flatMap((h) => h.indicators))];
	// One query for the values of all headline indicators.
	const series = await seriesForIndicators(
		db,
		targets,
		indicators.filter((i) => keys.includes(i.key)),
		opts
	);
	const old = await oldClassificationData(db, keys);

	const rows: OverviewRow[] = areas.map((a) => {
		const cells = {} as OverviewRow['cells'];
		const missing: OverviewRow['missing'] = {};
		for (const slot of HEADLINES) {
			cells[slot.id] = null;
			const focusPoints = slot.indicators.flatMap((k) => series.get(k)?.get(targetKey({ type: 'focus', id: a.id })) ?? []);
			missing[slot.id] = focusPoints.some((p) => p.suppressed)
				? 'suppressed'
				: slot.indicators.some((k) => old.has(`${a.gemeenteCode}|${k}`))
					? 'oldClassification'
					: 'noSource';
			for (const k of slot.indicators) {
				const s = series.get(k);
				const p = latest(s?.get(targetKey({ type: 'focus', id: a.id })));
				if (p) {
					cells[slot.id] = cell(k, p, s?.get(targetKey({ type: 'area', code: a.gemeenteCode })));
					delete missing[slot.id];
					break;
				}
			}
		}
		const { sources: _omit, ...info } = a;
		void _omit;
		return { area: info, cells, missing };
	});
	const used = new Set(rows.flatMap((r) => Object.values(r.cells).flatMap((c) => (c ? [c.indicator] : []))));
	return {
		rows,
		indicators: Object.fromEntries(indicators.filter((i) => used.has(i.key) || keys.includes(i.key)).map((i) => [i.key, i]))
	};
}
