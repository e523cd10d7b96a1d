/**
 * The four headline figures of the overview. Each slot lists indicators in order
 * of preference: an area shows the first one that has a value for it (the
 * package has employment only per gemeente, so areas fall back to the nearest
 * work/income figure their sources publish).
 */
import type { MessageKey } from '../i18n';
import { coverageShare } from './aggregate';
import { latest, type SeriesPoint, type SeriesResult } from './series';
import { targetKey, type Target } from './targets';

export interface HeadlineSlot {
	id: 'obesity' | 'work' | 'crime' | 'socialHousing';
	label: MessageKey;
	indicators: string[];
}

export const HEADLINES: HeadlineSlot[] = [
	{ id: 'obesity', label: 'headline.obesity', indicators: ['obesitas_pct'] },
	{
		id: 'work',
		label: 'headline.work',
		indicators: ['netto_arbeidsparticipatie_pct', 'werknemer_pct_elan', 'moeite_rondkomen_pct', 'inkomen_per_inwoner_keur']
	},
	{ id: 'crime', label: 'headline.crime', indicators: ['misdrijven_per_1000'] },
	{ id: 'socialHousing', label: 'headline.socialHousing', indicators: ['sociale_huur_pct'] }
];

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
	cells: Record<HeadlineSlot['id'], FigureCell | null>;
	/** For empty cells: why there is no figure. */
	missing: Partial<Record<HeadlineSlot['id'], MissingReason>>;
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
 * The overview's rows: per focus area the latest value of each headline slot
 * (the first indicator of the slot with a value) next to its city's value of
 * the same period. `oldClassification` holds `gemeente|indicator` pairs that have
 * values only on superseded codes (why a cell is empty).
 */
export function overviewRows<A extends OverviewArea>(areas: A[], series: SeriesResult, oldClassification: Set<string>): OverviewRow<A>[] {
	return areas.map((a) => {
		const cells = {} as OverviewRow['cells'];
		const missing: OverviewRow['missing'] = {};
		const focusKey = targetKey({ type: 'focus', id: a.id });
		for (const slot of HEADLINES) {
			cells[slot.id] = null;
			const focusPoints = slot.indicators.flatMap((k) => series.get(k)?.get(focusKey) ?? []);
			missing[slot.id] = focusPoints.some((p) => p.suppressed)
				? 'suppressed'
				: slot.indicators.some((k) => oldClassification.has(`${a.gemeenteCode}|${k}`))
					? 'oldClassification'
					: 'noSource';
			for (const k of slot.indicators) {
				const s = series.get(k);
				const p = latest(s?.get(focusKey));
				if (p) {
					cells[slot.id] = cell(k, p, s?.get(targetKey({ type: 'area', code: a.gemeenteCode })));
					delete missing[slot.id];
					break;
				}
			}
		}
		return { area: a, cells, missing };
	});
}
