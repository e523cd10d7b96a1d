/**
 * The area page's view model, built from plain rows and computed series (pure;
 * the data layer fetches, this shapes): who the subject is, which references
 * apply, and per indicator the series next to its references and added areas.
 */
import { coverageShare, isComplete } from '../indicators/aggregate';
import { REFERENCES, referencesFor, type AreaKind, type ReferenceKey, type ViewParams } from '../indicators/references';
import { evaluateTarget, type ProgrammeTarget } from '../indicators/programme-targets';
import type { SeriesPoint, SeriesResult } from '../indicators/series';
import { compareThemes, themesOf, type IndicatorEntry, type ThemeFields } from '../indicators/registry';
import { levelOfCode, targetKey, type Target } from '../indicators/targets';
import type { AreaPage, AreaSubject, PageIndicator, PagePoint, PageSeries, PageTarget } from './types';

/**
 * A reference value is shown only where it covers at least this share of its
 * area's inhabitants (or, unknown, of its members): a "G4" of one city, or a
 * city of half its wijken, would draw a jump that is not there.
 */
export const REFERENCE_MIN_COVERAGE = 0.9;

export interface Resolved {
	subject: AreaSubject;
	target: Target;
}

const memberLevel = (code: string): 'gemeente' | 'wijk' | 'buurt' => {
	const l = levelOfCode(code);
	return l === 'gemeente' || l === 'wijk' ? l : 'buurt';
};

export interface FocusRow {
	id: string;
	name: string;
	gemeenteCode: string;
	municipality: string;
	programme: string;
	confidence: string | null;
	notesNl: string | null;
	notesEn: string | null;
	members: { code: string; name: string | null; partial: boolean }[];
}

export function focusSubject(f: FocusRow): Resolved {
	return {
		target: { type: 'focus', id: f.id },
		subject: {
			kind: 'focus',
			id: f.id,
			name: f.name,
			gemeenteCode: f.gemeenteCode,
			municipality: f.municipality,
			programme: f.programme,
			confidence: f.confidence,
			notesNl: f.notesNl,
			notesEn: f.notesEn,
			wijk: null,
			partOf: [],
			members: f.members.map((m) => ({ code: m.code, name: m.name, level: memberLevel(m.code), partial: m.partial, quality: null })),
			population: null,
			supersededNote: null
		}
	};
}

export interface AreaRow {
	code: string;
	name: string | null;
	level: 'land' | 'gemeente' | 'wijk' | 'buurt';
	gemeenteCode: string | null;
	wijkCode: string | null;
	superseded: boolean;
	note: string | null;
}

/** A CBS area as the subject; `names` holds the names of its gemeente and wijk, `inFocus` the focus areas it (or its wijk) belongs to. */
export function areaSubject(a: AreaRow, names: Map<string, string | null>, inFocus: { id: string; name: string; programme: string }[]): Resolved {
	const nameOf = (c: string | null) => (c ? (names.get(c) ?? null) : null);
	return {
		target: { type: 'area', code: a.code },
		subject: {
			kind: a.level as AreaKind,
			id: a.code,
			name: a.name ?? a.code,
			gemeenteCode: a.level === 'land' ? null : a.gemeenteCode,
			municipality: a.level === 'gemeente' ? a.name : nameOf(a.gemeenteCode),
			programme: inFocus[0]?.programme ?? null,
			confidence: null,
			notesNl: null,
			notesEn: null,
			wijk: a.level === 'buurt' && a.wijkCode ? { code: a.wijkCode, name: nameOf(a.wijkCode) } : null,
			partOf: [...inFocus].sort((x, y) => x.name.localeCompare(y.name)),
			members: a.level === 'land' ? [] : [{ code: a.code, name: a.name, level: a.level, partial: false, quality: null }],
			population: null,
			supersededNote: a.superseded ? a.note : null
		}
	};
}

export function referenceTarget(ref: ReferenceKey, r: Resolved): Target | null {
	const s = r.subject;
	if (ref === 'nl') return { type: 'nl' };
	if (ref === 'g4') return { type: 'g4' };
	if (ref === 'stad') return s.gemeenteCode ? { type: 'area', code: s.gemeenteCode } : null;
	if (s.kind === 'focus') return { type: 'rest', focusId: s.id };
	return { type: 'areaRest', code: s.id };
}

/** The references shown: those asked for that apply to this kind of area, else all that apply. */
export function chosenReferences(r: Resolved, asked: ReferenceKey[] | null): { available: ReferenceKey[]; references: ReferenceKey[] } {
	const available = referencesFor(r.subject.kind, Boolean(r.subject.supersededNote));
	const references = asked ? REFERENCES.filter((x) => asked.includes(x) && available.includes(x)) : available;
	return { available, references };
}

export interface PagePlan {
	refTargets: { ref: ReferenceKey; target: Target }[];
	/** NL and the G4: the same on every page, computed once per data version. */
	national: { ref: ReferenceKey; target: Target }[];
	cityTarget: Target | null;
	/** Targets computed for this page (subject, local references, city, added areas), deduplicated. */
	targets: Target[];
}

export function planPage(r: Resolved, references: ReferenceKey[], extras: { target: Target }[]): PagePlan {
	const refTargets = references
		.map((ref) => ({ ref, target: referenceTarget(ref, r) }))
		.filter((x): x is { ref: ReferenceKey; target: Target } => x.target != null);
	const national = refTargets.filter((x) => x.target.type === 'nl' || x.target.type === 'g4');
	const local = refTargets.filter((x) => !national.includes(x));
	// The city is always computed with the rest of the city: where the city's own
	// value does not cover it whole, "city minus area" is not exact either.
	const cityTarget = referenceTarget('stad', r);
	const targets = [
		...new Map(
			[r.target, ...local.map((x) => x.target), ...(cityTarget ? [cityTarget] : []), ...extras.map((e) => e.target)].map((t) => [targetKey(t), t])
		).values()
	];
	return { refTargets, national, cityTarget, targets };
}

/** Whether a reference value covers enough of its area to be shown (see REFERENCE_MIN_COVERAGE). */
export const coversEnough = (p: PagePoint) => !p.coverage || (p.coverage.share ?? p.coverage.with / p.coverage.total) >= REFERENCE_MIN_COVERAGE;

export function pagePoint(p: SeriesPoint): PagePoint {
	const out: PagePoint = { period: p.period, value: p.value, sources: p.sources };
	if (p.suppressed) out.suppressed = p.suppressed;
	if (p.value == null) return out;
	if (p.estimate) out.estimate = true;
	if (p.provisional) out.provisional = true;
	if (!isComplete(p) && p.membersTotal > 0) out.coverage = { with: p.membersWithData, total: p.membersTotal, share: coverageShare(p) };
	// Only where weights were actually used: a single published value needs none.
	if (p.weightPeriods.length && (p.method === 'weighted' || p.method === 'difference')) out.weightPeriods = p.weightPeriods;
	if (p.crosswalk?.length) out.crosswalk = p.crosswalk;
	return out;
}

/**
 * A reference's points as the chart draws them: left out where the reference
 * does not cover its whole area (or, for the rest of the city, where the city
 * does not).
 */
export function referenceSeries(s: Map<string, SeriesPoint[]>, cityTarget: Target | null, t: Target): PagePoint[] {
	const cityPoints = cityTarget ? (s.get(targetKey(cityTarget)) ?? []).map(pagePoint) : [];
	const cityIncomplete = new Set(cityPoints.filter((p) => !coversEnough(p)).map((p) => p.period));
	return (s.get(targetKey(t)) ?? [])
		.map(pagePoint)
		.filter((p) => coversEnough(p) && !((t.type === 'rest' || t.type === 'areaRest') && cityIncomplete.has(p.period)));
}

/**
 * The area's programme targets, each evaluated on the area's figures and (for
 * a reference target) the reference's as the chart draws them. `all` must hold
 * the series of every target's reference (plan them with `targetReferences`).
 * A withheld figure counts as no figure.
 */
export function pageTargets(targets: ProgrammeTarget[], indicators: IndicatorEntry[], all: SeriesResult, r: Resolved, cityTarget: Target | null): PageTarget[] {
	return targets.map((t) => {
		const ind = indicators.find((i) => i.key === t.indicator) ?? null;
		const s = all.get(t.indicator) ?? new Map<string, SeriesPoint[]>();
		const area = (s.get(targetKey(r.target)) ?? []).map(pagePoint);
		const refTarget = t.reference ? referenceTarget(t.reference, r) : null;
		const reference = refTarget ? referenceSeries(s, cityTarget, refTarget) : [];
		const evaluation = ind
			? evaluateTarget(t, ind, area, reference)
			: { status: 'onbekend' as const, reason: 'no-area-figures' as const, baseline: null, latest: null, path: [], convergence: null };
		return {
			target: t,
			indicator: ind && {
				key: ind.key,
				labelNl: ind.labelNl,
				labelEn: ind.labelEn,
				format: ind.format,
				decimals: ind.decimals,
				theme: ind.theme,
				themeOrder: ind.themeOrder,
				themeNl: ind.themeNl,
				themeEn: ind.themeEn
			},
			evaluation
		};
	});
}

/** The references the targets need that apply to the area, added to those shown, in the usual order. */
export function targetReferences(r: Resolved, shown: ReferenceKey[], targets: ProgrammeTarget[]): ReferenceKey[] {
	const available = referencesFor(r.subject.kind, Boolean(r.subject.supersededNote));
	const wanted = new Set([...shown, ...targets.flatMap((t) => (t.reference && available.includes(t.reference) ? [t.reference] : []))]);
	return REFERENCES.filter((x) => wanted.has(x));
}

/** The glide paths drawn on an indicator's chart. */
export function withTargetPaths(ind: PageIndicator, targets: PageTarget[]): PageIndicator {
	const paths = targets
		.filter((t) => t.target.indicator === ind.key && t.evaluation.path.length)
		.map((t) => ({ id: t.target.id, targetYear: t.target.targetYear, points: t.evaluation.path }));
	return paths.length ? { ...ind, targetPaths: paths } : ind;
}

/** What the page needs of an indicator registry row beside its series. */
export type IndicatorHead = Omit<PageIndicator, 'periods' | 'series'>;

/**
 * One indicator's chart: the area, the references and added areas. A reference
 * that does not cover its whole area in a period (the G4 with one city, a city
 * short of some wijken) is left out there rather than drawn as a jump in its
 * line. Counts scale with an area's size: no reference frames at all, only the
 * area and the areas the user added.
 */
export function pageIndicator(
	head: IndicatorHead,
	s: Map<string, SeriesPoint[]>,
	subject: { name: string; target: Target },
	plan: PagePlan,
	extras: { id: string; name: string; target: Target }[]
): PageIndicator {
	const referencePoints = (t: Target) => referenceSeries(s, plan.cityTarget, t);
	const series: PageSeries[] = [
		{ key: 'area', role: 'area', name: subject.name, points: (s.get(targetKey(subject.target)) ?? []).map(pagePoint) },
		...(head.kind === 'count' ? [] : plan.refTargets.map((r) => ({ key: r.ref, role: r.ref, name: r.ref, points: referencePoints(r.target) }))),
		...extras.map((e) => ({ key: `extra:${e.id}`, role: 'extra' as const, name: e.name, points: (s.get(targetKey(e.target)) ?? []).map(pagePoint) }))
	];
	const periods = [...new Set(series.flatMap((x) => x.points.filter((p) => p.value != null || p.suppressed).map((p) => p.period)))].sort((a, b) => a - b);
	for (const x of series) x.points = x.points.filter((p) => periods.includes(p.period));
	return { ...head, periods, series };
}

/** True when the subject has a value (or a withheld one) for this indicator. */
export function hasData(all: SeriesResult, key: string, subject: Target): boolean {
	return Boolean(
		all
			.get(key)
			?.get(targetKey(subject))
			?.some((p) => p.value != null || p.suppressed)
	);
}

/** The indicators asked for in the view that have data; null: all with data. */
export function selectedIndicators(view: Pick<ViewParams, 'indicators'>, withData: { key: string }[]): string[] | null {
	return view.indicators?.length ? view.indicators.filter((k) => withData.some((i) => i.key === k)) : null;
}

/** Indicators grouped by theme, in the registry's theme order. */
export function byTheme(indicators: PageIndicator[]): (ThemeFields & { indicators: PageIndicator[] })[] {
	return themesOf(indicators).map((th) => ({ ...th, indicators: indicators.filter((i) => i.theme === th.theme) }));
}

/** The chooser's list: every indicator with data, in theme order. */
export function indicatorChoices(withData: IndicatorEntry[]): AreaPage['choices'] {
	return withData
		.map(({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn }) => ({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn }))
		.sort(compareThemes);
}

/** Sources used by the page's points. */
export function usedSources(indicators: PageIndicator[]): string[] {
	const used = new Set<string>();
	for (const i of indicators) for (const s of i.series) for (const p of s.points) p.sources.forEach((src) => used.add(src));
	return [...used].sort();
}

/** A theme on the page: its charts only when open (the rest load on demand, by link). */
export interface ThemeView extends ThemeFields {
	/** Indicators with data in the theme. */
	count: number;
	open: boolean;
	indicators: PageIndicator[];
}

/**
 * Which themes show their charts: those named in `thema` (comma-separated;
 * `alle` for all, `geen` for none), else the first. Unknown names are ignored.
 */
export function openThemes(param: string | null, themes: { theme: string }[]): string[] {
	if (param === 'alle') return themes.map((t) => t.theme);
	if (param === 'geen') return [];
	const asked = (param ?? '').split(',').filter((x) => themes.some((t) => t.theme === x));
	return asked.length ? asked : themes.slice(0, 1).map((t) => t.theme);
}

export function themeViews(themes: (ThemeFields & { indicators: PageIndicator[] })[], open: string[]): ThemeView[] {
	return themes.map((t) => ({
		theme: t.theme,
		themeOrder: t.themeOrder,
		themeNl: t.themeNl,
		themeEn: t.themeEn,
		count: t.indicators.length,
		open: open.includes(t.theme),
		indicators: open.includes(t.theme) ? t.indicators : []
	}));
}

/** One figure of the headline block: the area's latest value of an indicator, and its city's of the same period. */
export interface HeadlineFigure {
	key: string;
	theme: string;
	period: number;
	value: number | null;
	suppressed?: PagePoint['suppressed'];
	estimate?: true;
	provisional?: true;
	city: number | null;
}

/**
 * The headline block at the top of the page: for each headline indicator with
 * data, in the order given, the latest figure of the area next to its city.
 */
export function headlineFigures(themes: { indicators: PageIndicator[] }[], keys: string[]): HeadlineFigure[] {
	const all = themes.flatMap((t) => t.indicators);
	const out: HeadlineFigure[] = [];
	for (const key of keys) {
		const ind = all.find((i) => i.key === key);
		const area = ind?.series.find((s) => s.role === 'area');
		const last = area ? [...area.points].reverse().find((p) => p.value != null || p.suppressed) : undefined;
		if (!ind || !last) continue;
		const city = ind.series.find((s) => s.role === 'stad')?.points.find((p) => p.period === last.period)?.value ?? null;
		out.push({
			key,
			theme: ind.theme,
			period: last.period,
			value: last.value,
			...(last.suppressed ? { suppressed: last.suppressed } : {}),
			...(last.estimate ? { estimate: true as const } : {}),
			...(last.provisional ? { provisional: true as const } : {}),
			city
		});
	}
	return out;
}
