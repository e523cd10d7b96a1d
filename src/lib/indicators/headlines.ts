/**
 * The four headline figures of the overview. Each column is one indicator, so
 * that its figures compare. Where an area lacks it, the cell says so and may
 * show a fallback: the first of the slot's `fallbacks` with a value, labelled
 * as the other indicator it is.
 */
import type { MessageKey } from '../i18n';
import { coverageShare } from './aggregate';
import { latest, latestPopulation, type Population, type SeriesPoint, type SeriesResult } from './series';
import { POPULATION_INDICATOR, targetKey, type Target } from './targets';

export interface HeadlineSlot {
	id: 'obesity' | 'work' | 'crime' | 'socialHousing';
	label: MessageKey;
	/** The column's one indicator: every figure in the column is this one. */
	indicator: string;
	/** Where an area lacks it: another indicator to show instead, visibly as itself (first with a value). */
	fallbacks: string[];
}

export const HEADLINES: HeadlineSlot[] = [
	{ id: 'obesity', label: 'headline.obesity', indicator: 'obesitas_pct', fallbacks: [] },
	{
		id: 'work',
		label: 'headline.work',
		indicator: 'netto_arbeidsparticipatie_pct',
		fallbacks: ['werknemer_pct_elan', 'moeite_rondkomen_pct', 'inkomen_per_inwoner_keur']
	},
	{ id: 'crime', label: 'headline.crime', indicator: 'misdrijven_per_1000', fallbacks: [] },
	{ id: 'socialHousing', label: 'headline.socialHousing', indicator: 'sociale_huur_pct', fallbacks: [] }
];

/** Every indicator the headline figures may show: the columns', their fallbacks and the inhabitants. */
export const HEADLINE_INDICATORS = [...new Set([...HEADLINES.flatMap((h) => [h.indicator, ...h.fallbacks]), POPULATION_INDICATOR])];

/** One headline figure of one focus area, with its city's value for comparison. */
export interface FigureCell {
	indicator: string;
	period: number;
	value: number;
	estimate: boolean;
	provisional: boolean;
	membersWithData: number;
	membersTotal: number;
	/** Share of inhabitants covered (0–1), null when unknown. */
	coverage: number | null;
	weightPeriods: number[];
	sources: string[];
	city: { value: number; period: number } | null;
}

export type MissingReason = 'noSource' | 'oldClassification' | 'suppressed';

export interface OverviewArea {
	id: string;
	gemeenteCode: string;
}

export interface OverviewRow<A extends OverviewArea = OverviewArea> {
	area: A;
	/** Inhabitants, as on the area page: the latest count, preferring one that covers the whole area. */
	population: Population | null;
	/** Per column its own indicator's figure, or null. */
	cells: Record<HeadlineSlot['id'], FigureCell | null>;
	/** For empty cells: why there is no figure. */
	missing: Partial<Record<HeadlineSlot['id'], MissingReason>>;
	/** For empty cells: a figure of another indicator (its own label), never one of the column's. */
	fallbacks: Partial<Record<HeadlineSlot['id'], FigureCell>>;
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

/** Targets the overview computes: every focus area and its city. */
export function overviewTargets(areas: OverviewArea[]): Target[] {
	return areas.flatMap((a): Target[] => [
		{ type: 'focus', id: a.id },
		{ type: 'area', code: a.gemeenteCode }
	]);
}

/**
 * The overview's rows: per focus area its inhabitants and the latest value of
 * each column's indicator next to its city's value of the same period; where
 * that is missing, why, and the first fallback with a value.
 * `oldClassification` holds `gemeente|indicator` pairs that have values only on
 * superseded codes (why a cell is empty).
 */
export function overviewRows<A extends OverviewArea>(areas: A[], series: SeriesResult, oldClassification: Set<string>): OverviewRow<A>[] {
	return areas.map((a) => {
		const focusKey = targetKey({ type: 'focus', id: a.id });
		const cityKey = targetKey({ type: 'area', code: a.gemeenteCode });
		const figure = (k: string) => {
			const p = latest(series.get(k)?.get(focusKey));
			return p ? cell(k, p, series.get(k)?.get(cityKey)) : null;
		};
		const cells = {} as OverviewRow['cells'];
		const missing: OverviewRow['missing'] = {};
		const fallbacks: OverviewRow['fallbacks'] = {};
		for (const slot of HEADLINES) {
			cells[slot.id] = figure(slot.indicator);
			if (cells[slot.id]) continue;
			missing[slot.id] = series
				.get(slot.indicator)
				?.get(focusKey)
				?.some((p) => p.suppressed)
				? 'suppressed'
				: oldClassification.has(`${a.gemeenteCode}|${slot.indicator}`)
					? 'oldClassification'
					: 'noSource';
			const other = slot.fallbacks.map(figure).find((c) => c != null);
			if (other) fallbacks[slot.id] = other;
		}
		return { area: a, population: latestPopulation(series.get(POPULATION_INDICATOR)?.get(focusKey)), cells, missing, fallbacks };
	});
}
