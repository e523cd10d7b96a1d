/**
 * The compare page's figures: the areas of a set, each with its city, NL and
 * the G4, for the chosen indicators, through the one series engine (small
 * numbers withheld). The shaping is $lib/compare; this fetches.
 */
import { ALL_INDICATORS, compareIndicator, type CompareArea, type CompareIndicator, type CompareView } from '../../compare/compare';
import { HEADLINES } from '../../indicators/headlines';
import type { SeriesResult } from '../../indicators/series';
import type { SuppressionConfig } from '../../indicators/suppression';
import { targetKey, type Target } from '../../indicators/targets';
import type { Db } from '../db/index';
import { listFocusAreas, type FocusArea } from '../queries/areas';
import { indicatorMeta, listIndicators } from '../queries/indicators';
import { resolveArea } from './area-page';
import { seriesForIndicators } from './series';

/** The indicators shown when none are chosen: the overview's four headline columns. */
export const DEFAULT_COMPARE_INDICATORS = HEADLINES.map((h) => h.indicator);

export interface ComparePage {
	areas: CompareArea[];
	/** Asked-for areas that are unknown (own choice only). */
	unknown: string[];
	indicators: CompareIndicator[];
	/** Every indicator, for the chooser. */
	choices: { key: string; labelNl: string; labelEn: string; themeNl: string; themeEn: string }[];
	/** For the set chooser: cities with focus areas. */
	cities: { code: string; name: string }[];
	/** For the own choice: every focus area. */
	focusAreas: { id: string; name: string; municipality: string }[];
	/** Names of the cities of the areas, by gemeente code. */
	cityNames: Record<string, string>;
}

const fromFocus = (f: FocusArea): CompareArea => ({
	id: f.id,
	name: f.name,
	municipality: f.municipality,
	gemeenteCode: f.gemeenteCode,
	target: { type: 'focus', id: f.id }
});

async function areasOf(db: Db, view: CompareView, focus: FocusArea[]): Promise<{ areas: CompareArea[]; unknown: string[] }> {
	if (view.set === 'nplv') return { areas: focus.filter((f) => f.programme === 'NPLV').map(fromFocus), unknown: [] };
	if (view.set === 'nprz') return { areas: focus.filter((f) => f.programme.startsWith('NPRZ')).map(fromFocus), unknown: [] };
	if (view.set.startsWith('stad:')) {
		const code = view.set.slice(5);
		return { areas: focus.filter((f) => f.gemeenteCode === code).map(fromFocus), unknown: [] };
	}
	const areas: CompareArea[] = [];
	const unknown: string[] = [];
	for (const id of view.areas) {
		const r = await resolveArea(db, id);
		if (!r) unknown.push(id);
		else if (!areas.some((a) => a.id === r.subject.id))
			areas.push({ id: r.subject.id, name: r.subject.name, municipality: r.subject.municipality, gemeenteCode: r.subject.gemeenteCode, target: r.target });
	}
	return { areas, unknown };
}

export async function comparePage(db: Db, view: CompareView, suppression: SuppressionConfig, national: () => Promise<SeriesResult>): Promise<ComparePage> {
	const [focus, all] = await Promise.all([listFocusAreas(db), listIndicators(db)]);
	const { areas, unknown } = await areasOf(db, view, focus);
	const everything = view.indicators.includes(ALL_INDICATORS);
	const keys = everything ? all.map((i) => i.key) : view.indicators.length ? view.indicators : DEFAULT_COMPARE_INDICATORS;
	const chosen = keys.map((k) => all.find((i) => i.key === k)).filter((i) => i != null);
	const cityCodes = [...new Set(areas.map((a) => a.gemeenteCode).filter((c): c is string => c != null))];
	const targets: Target[] = [...areas.map((a) => a.target), ...cityCodes.map((code) => ({ type: 'area' as const, code }))];
	const [series, shared] = await Promise.all([seriesForIndicators(db, targets, chosen, { suppression }), national()]);
	const cityNames = Object.fromEntries(
		cityCodes.map((c) => [c, focus.find((f) => f.gemeenteCode === c)?.municipality ?? areas.find((a) => a.gemeenteCode === c)?.municipality ?? c])
	);
	const indicators = chosen
		.map((ind) => {
			const s = new Map(series.get(ind.key) ?? []);
			for (const t of [{ type: 'nl' }, { type: 'g4' }] as Target[]) s.set(targetKey(t), shared.get(ind.key)?.get(targetKey(t)) ?? []);
			return compareIndicator(indicatorMeta(ind), areas, s);
		})
		// All indicators: those with figures for an area of the set (chosen ones always show, with the reason).
		.filter((c) => !everything || c.rows.some((r) => r.missing !== 'none'));
	return {
		areas,
		unknown,
		indicators,
		choices: all.map(indicatorMeta).map(({ key, labelNl, labelEn, themeNl, themeEn }) => ({ key, labelNl, labelEn, themeNl, themeEn })),
		cities: [...new Map(focus.map((f) => [f.gemeenteCode, { code: f.gemeenteCode, name: f.municipality }])).values()].sort((a, b) =>
			a.name.localeCompare(b.name, 'nl')
		),
		focusAreas: focus.map((f) => ({ id: f.id, name: f.name, municipality: f.municipality })),
		cityNames
	};
}
