/**
 * The compare page's figures: the areas of a set, each with its city, NL and
 * the G4, for the chosen indicators, through the one series engine (small
 * numbers withheld). The shaping is $lib/compare; this fetches.
 */
import { ALL_INDICATORS, compareIndicator, type CompareArea, type CompareIndicator, type CompareView } from '../../compare/compare';
import { HEADLINES } from '../../indicators/headlines';
import type { SeriesResult } from '../../indicators/series';
import { registryEntry, type IndicatorEntry } from '../../indicators/registry';
import { inProgramme, progressCell, spiralOf, type ProgressCell, type ProgressView, type SpiralMap, type SpiralMapQuery } from '../../compare/progress';
import type { PageTarget } from '../../area/types';
import { targetsForAreas } from '../queries/targets';
import type { SuppressionConfig } from '../../indicators/suppression';
import { targetKey, type Target } from '../../indicators/targets';
import type { Db } from '../db/index';
import { areaNames, listFocusAreas, wijkenOf, type FocusArea } from '../queries/areas';
import { indicatorMeta, listIndicators, type Indicator } from '../queries/indicators';
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
	/** Glide paths of the areas' programme targets, by indicator key, in the indicator's unit. */
	paths: Record<string, { areaId: string; targetId: string; targetYear: number; points: { period: number; value: number | null }[] }[]>;
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

/** The compared figures of some areas (each with its city, NL and the G4) on some indicators. */
async function figures(db: Db, areas: CompareArea[], chosen: Indicator[], suppression: SuppressionConfig, national: () => Promise<SeriesResult>) {
	const cityCodes = [...new Set(areas.map((a) => a.gemeenteCode).filter((c): c is string => c != null))];
	const targets: Target[] = [...areas.map((a) => a.target), ...cityCodes.map((code) => ({ type: 'area' as const, code }))];
	const [series, shared] = await Promise.all([seriesForIndicators(db, targets, chosen, { suppression }), national()]);
	return chosen.map((ind) => {
		const s = new Map(series.get(ind.key) ?? []);
		for (const t of [{ type: 'nl' }, { type: 'g4' }] as Target[]) s.set(targetKey(t), shared.get(ind.key)?.get(targetKey(t)) ?? []);
		return compareIndicator(indicatorMeta(ind), areas, s);
	});
}

/** The glide paths of the areas' programme targets on these indicators, by indicator key (see programme-targets.ts). */
async function glidePaths(db: Db, areas: CompareArea[], keys: string[], targetsOf: (areaId: string) => Promise<PageTarget[]>): Promise<ComparePage['paths']> {
	const stored = (
		await targetsForAreas(
			db,
			areas.map((a) => a.id)
		)
	).filter((t) => keys.includes(t.indicator));
	const out: ComparePage['paths'] = {};
	for (const id of [...new Set(stored.map((t) => t.area))]) {
		for (const t of await targetsOf(id)) {
			if (!keys.includes(t.target.indicator) || !t.evaluation.path.length) continue;
			(out[t.target.indicator] ??= []).push({ areaId: id, targetId: t.target.id, targetYear: t.target.targetYear, points: t.evaluation.path });
		}
	}
	return out;
}

export async function comparePage(
	db: Db,
	view: CompareView,
	suppression: SuppressionConfig,
	national: () => Promise<SeriesResult>,
	targetsOf: (areaId: string) => Promise<PageTarget[]> = async () => []
): Promise<ComparePage> {
	const [focus, all] = await Promise.all([listFocusAreas(db), listIndicators(db)]);
	const { areas, unknown } = await areasOf(db, view, focus);
	const everything = view.indicators.includes(ALL_INDICATORS);
	const keys = everything ? all.map((i) => i.key) : view.indicators.length ? view.indicators : DEFAULT_COMPARE_INDICATORS;
	const chosen = keys.map((k) => all.find((i) => i.key === k)).filter((i) => i != null);
	// All indicators: those with figures for an area of the set (chosen ones always show, with the reason).
	const indicators = (await figures(db, areas, chosen, suppression, national)).filter((c) => !everything || c.rows.some((r) => r.missing !== 'none'));
	const paths = everything
		? {}
		: await glidePaths(
				db,
				areas,
				indicators.map((i) => i.key),
				targetsOf
			);
	return {
		areas,
		unknown,
		indicators,
		paths,
		choices: all.map(indicatorMeta).map(({ key, labelNl, labelEn, themeNl, themeEn }) => ({ key, labelNl, labelEn, themeNl, themeEn })),
		cities: [...new Map(focus.map((f) => [f.gemeenteCode, { code: f.gemeenteCode, name: f.municipality }])).values()].sort((a, b) =>
			a.name.localeCompare(b.name, 'nl')
		),
		focusAreas: focus.map((f) => ({ id: f.id, name: f.name, municipality: f.municipality }))
	};
}

export interface ProgressPage {
	view: ProgressView;
	areas: CompareArea[];
	indicators: (IndicatorEntry & { cells: Record<string, ProgressCell> })[];
	/** For the filter: cities with focus areas. */
	cities: { code: string; name: string }[];
}

/**
 * The progress matrix: the focus areas of a programme (and city) × the
 * headline indicators and every indicator a target of theirs names. Targets
 * are evaluated as on the area page (`targetsOf` gives an area's evaluated targets).
 */
export async function progressPage(
	db: Db,
	view: ProgressView,
	suppression: SuppressionConfig,
	national: () => Promise<SeriesResult>,
	targetsOf: (areaId: string) => Promise<PageTarget[]>
): Promise<ProgressPage> {
	const [focus, all] = await Promise.all([listFocusAreas(db), listIndicators(db)]);
	const chosenFocus = focus.filter((f) => inProgramme(f.programme, view.programme) && (!view.city || f.gemeenteCode === view.city));
	const areas = chosenFocus.map(fromFocus);
	const stored = await targetsForAreas(
		db,
		areas.map((a) => a.id)
	);
	const withTargets = [...new Set(stored.map((t) => t.area))];
	const evaluated = new Map(await Promise.all(withTargets.map(async (id) => [id, await targetsOf(id)] as const)));
	const keys = [...new Set([...DEFAULT_COMPARE_INDICATORS, ...stored.map((t) => t.indicator)])];
	const chosen = keys.map((k) => all.find((i) => i.key === k)).filter((i) => i != null);
	const compared = await figures(db, areas, chosen, suppression, national);
	return {
		view,
		areas,
		indicators: compared.map((ind) => ({
			...registryEntry(ind),
			cells: Object.fromEntries(
				ind.rows.map((row) => [row.id, progressCell(ind, row, evaluated.get(row.id)?.find((t) => t.target.indicator === ind.key) ?? null)])
			)
		})),
		cities: [
			...new Map(
				focus.filter((f) => inProgramme(f.programme, view.programme)).map((f) => [f.gemeenteCode, { code: f.gemeenteCode, name: f.municipality }])
			).values()
		].sort((a, b) => a.name.localeCompare(b.name, 'nl'))
	};
}

/**
 * The negative spiral for the map: the wijken or buurten of the chosen
 * gemeente (at the map's level) and its focus areas, or without a gemeente
 * every focus area, on every indicator with a direction. Gemeenten have no
 * city to fall behind, so at that level only focus areas are checked.
 */
export async function spiralMap(db: Db, q: SpiralMapQuery, suppression: SuppressionConfig, national: () => Promise<SeriesResult>): Promise<SpiralMap> {
	const [focus, all] = await Promise.all([listFocusAreas(db), listIndicators(db)]);
	const areas: CompareArea[] = focus.filter((f) => !q.gemeente || f.gemeenteCode === q.gemeente).map(fromFocus);
	if (q.gemeente && q.level !== 'gemeente') {
		const name = (await areaNames(db, [q.gemeente])).get(q.gemeente) ?? q.gemeente;
		for (const a of await wijkenOf(db, q.gemeente, q.level))
			areas.push({ id: a.code, name: a.name ?? a.code, municipality: name, gemeenteCode: q.gemeente, target: { type: 'area', code: a.code } });
	}
	const directed = all.filter((i) => {
		const m = indicatorMeta(i);
		return m.higherIsBetter != null && m.kind !== 'count';
	});
	const result = spiralOf(await figures(db, areas, directed, suppression, national), q.n);
	const byId = new Map(areas.map((a) => [a.id, a]));
	const places = Object.fromEntries(
		result.areas.map((a) => [a.id, { municipality: byId.get(a.id)?.municipality ?? '', focus: byId.get(a.id)?.target.type === 'focus' }])
	);
	return { ...result, gemeente: q.gemeente, level: q.level, n: q.n, places };
}
