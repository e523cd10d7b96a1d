/**
 * The compare page's model (/vergelijk): a set of areas side by side on a few
 * indicators, with their references, a table and an honest ranking. Pure: the
 * data layer hands in the computed series, this shapes them.
 *
 * Ranking rules (also in the README):
 * - Areas are ranked at one period, so that no area is ranked on older figures
 *   than another: the latest period in which at least half of the areas with
 *   figures have a value. An area without a value then is listed with the
 *   reason, never dropped.
 * - Better first by the indicator's direction; an indicator without one (an
 *   age share, inhabitants) gets no ranks, only the order from high to low.
 * - Equal figures at the shown precision share a rank (1, 2, 2, 4).
 * - "Niet te onderscheiden": two neighbours in the ranking whose difference is
 *   within the noise of the figures. The sources give no confidence intervals,
 *   so the noise is a documented rule: for model estimates (RIVM's
 *   Gezondheidsmonitor small-area estimates) `ESTIMATE_NOISE` units of the
 *   indicator (1 percentage point); for registered figures, half the last
 *   shown decimal (the same tolerance as the gaps on the area page).
 */
import { coversEnough, pagePoint } from '../area/page';
import type { PagePoint } from '../area/types';
import { gapBetween, gapKind, toleranceFor, type Gap } from '../indicators/gaps';
import type { IndicatorEntry } from '../indicators/registry';
import type { SeriesPoint } from '../indicators/series';
import { targetKey, type Target } from '../indicators/targets';

/** Differences between model estimates smaller than this (in the indicator's unit) are not told apart. */
export const ESTIMATE_NOISE = 1;

/** The sets to choose from; `stad:GMxxxx` is one city's focus areas. */
export type CompareSet = 'nplv' | 'nprz' | `stad:${string}` | 'eigen';

export interface CompareView {
	set: CompareSet;
	/** With `eigen`: the areas chosen (focus-area ids or CBS codes), in order. */
	areas: string[];
	/** Indicator keys; empty: the headline indicators. */
	indicators: string[];
}

export const MAX_OWN_AREAS = 20;
/** `indicatoren=alle`: every indicator with figures for an area of the set. */
export const ALL_INDICATORS = 'alle';
export const MAX_INDICATORS = 12;

const list = (s: string | null) =>
	(s ?? '')
		.split(',')
		.map((x) => x.trim())
		.filter(Boolean);

/**
 * The view from the URL: `set`, the own choice as `gebieden=a,b` (or one
 * `gebied=` per area, as the page's form sends it), the indicators as
 * `indicatoren=a,b` (or `indicator=` each; at most MAX_INDICATORS, or `alle`).
 * Unknown sets fall back to all NPLV areas.
 */
export function parseCompareView(q: URLSearchParams): CompareView {
	const both = (plural: string, single: string) => [...new Set([...list(q.get(plural)), ...q.getAll(single).flatMap((x) => list(x))])];
	const areas = both('gebieden', 'gebied').slice(0, MAX_OWN_AREAS);
	const raw = q.get('set');
	const set: CompareSet = raw === 'nplv' || raw === 'nprz' ? raw : raw && /^stad:GM\d{4}$/.test(raw) ? (raw as CompareSet) : areas.length ? 'eigen' : 'nplv';
	const asked = both('indicatoren', 'indicator');
	const indicators = asked.includes(ALL_INDICATORS) ? [ALL_INDICATORS] : asked.slice(0, MAX_INDICATORS);
	return { set, areas: set === 'eigen' ? areas : [], indicators };
}

export function compareQuery(v: CompareView, lang?: string | null): string {
	const q = new URLSearchParams();
	q.set('set', v.set);
	if (v.set === 'eigen' && v.areas.length) q.set('gebieden', v.areas.join(','));
	if (v.indicators.length) q.set('indicatoren', v.indicators.join(','));
	if (lang) q.set('lang', lang);
	return q.toString();
}

/** An area of the set. */
export interface CompareArea {
	id: string;
	name: string;
	municipality: string | null;
	gemeenteCode: string | null;
	target: Target;
}

/** A change of an area's value since an earlier period. */
export interface CompareChange {
	period: number;
	change: number;
	/** By the indicator's direction; null when it has none or the change is within the tolerance. */
	better: boolean | null;
}

export interface CompareRow {
	id: string;
	name: string;
	/** The area's latest value (its period may be earlier than the ranking period). */
	latest: PagePoint | null;
	/** Gap to the area's city, NL and the G4 at the latest period (area − reference); null without a reference value then. */
	gaps: { stad: number | null; nl: number | null; g4: number | null };
	sincePrevious: CompareChange | null;
	sinceFirst: CompareChange | null;
	/** Rank at the ranking period; null without a value then, or for an indicator without direction. */
	rank: number | null;
	/** The gap to the area's city over time (latest common period, against the previous and first); null for counts or without city figures. */
	cityGap: Gap | null;
	/** Names of the neighbours in the ranking this area cannot be told apart from. */
	indistinct: string[];
	/** Why the area has no rank: no figures at all, withheld, or none in the ranking period. */
	missing: 'none' | 'withheld' | 'period' | null;
}

export interface CompareIndicator extends IndicatorEntry {
	periods: number[];
	/** The period the ranking is made at; null when no area has a value. */
	rankPeriod: number | null;
	/** False for an indicator without direction, and for counts: the rows are ordered high to low, without ranks. */
	ranked: boolean;
	lines: { key: string; name: string; role: 'area' | 'nl' | 'g4'; points: PagePoint[] }[];
	/** In ranking order: ranked rows first, then the others by name. */
	rows: CompareRow[];
}

/** The noise of an indicator's figures (see the module comment). */
export function noiseOf(ind: Pick<IndicatorEntry, 'estimate' | 'decimals'>): number {
	return ind.estimate ? ESTIMATE_NOISE : toleranceFor(ind.decimals);
}

/** Round to the shown precision: figures equal as shown share a rank. */
export const shown = (v: number, decimals: number) => Math.round(v * 10 ** decimals) / 10 ** decimals;

/**
 * Ranks better first (competition ranking: equal shown values share a rank)
 * and, per entry, the neighbours within `noise`. `higherIsBetter` null: order
 * high to low and no ranks.
 */
export function rankValues(
	entries: { id: string; name: string; value: number }[],
	higherIsBetter: boolean | null,
	decimals: number,
	noise: number
): { id: string; rank: number | null; indistinct: string[] }[] {
	const sign = higherIsBetter === false ? 1 : -1;
	const sorted = [...entries].sort((a, b) => sign * (a.value - b.value) || a.name.localeCompare(b.name, 'nl'));
	return sorted.map((e, i) => {
		const rank = higherIsBetter == null ? null : 1 + sorted.findIndex((x) => shown(x.value, decimals) === shown(e.value, decimals));
		const indistinct = [sorted[i - 1], sorted[i + 1]]
			.filter((x): x is (typeof sorted)[number] => Boolean(x))
			.filter((x) => shown(x.value, decimals) !== shown(e.value, decimals) && Math.abs(x.value - e.value) <= noise)
			.map((x) => x.name);
		return { id: e.id, rank, indistinct };
	});
}

/** The period to rank at: the latest in which at least half of the areas with figures have a value. */
export function rankingPeriod(points: PagePoint[][]): number | null {
	const withFigures = points.filter((ps) => ps.some((p) => p.value != null)).length;
	const count = new Map<number, number>();
	for (const ps of points) for (const p of ps) if (p.value != null) count.set(p.period, (count.get(p.period) ?? 0) + 1);
	const enough = [...count].filter(([, n]) => n >= withFigures / 2).map(([period]) => period);
	return enough.length ? Math.max(...enough) : null;
}

/** The change from an earlier point to a later one, judged better or worse by the indicator's direction (within the tolerance: neither). */
export function changeSince(from: PagePoint | undefined, to: PagePoint, ind: Pick<IndicatorEntry, 'higherIsBetter' | 'decimals'>): CompareChange | null {
	if (!from || from.value == null || to.value == null) return null;
	const c = to.value - from.value;
	const better = ind.higherIsBetter == null || Math.abs(c) < toleranceFor(ind.decimals) ? null : c > 0 === ind.higherIsBetter;
	return { period: from.period, change: c, better };
}

/**
 * One indicator across the set: the lines of the small multiple (each area,
 * NL, the G4; counts have no references), and the table in ranking order.
 * `series` is keyed by `targetKey`; cities are found by `area:GMxxxx`.
 */
export function compareIndicator(ind: IndicatorEntry, areas: CompareArea[], series: Map<string, SeriesPoint[]>): CompareIndicator {
	const pointsOf = (t: Target) => (series.get(targetKey(t)) ?? []).map(pagePoint);
	const referencePoints = (t: Target) => pointsOf(t).filter((p) => p.value != null && coversEnough(p));
	const relative = gapKind(ind.kind) !== 'none';
	const areaPoints = new Map(areas.map((a) => [a.id, pointsOf(a.target)]));
	const refs = relative ? (['nl', 'g4'] as const).map((r) => ({ key: r, name: r, role: r, points: referencePoints({ type: r }) })) : [];
	const lines = [...areas.map((a) => ({ key: a.id, name: a.name, role: 'area' as const, points: areaPoints.get(a.id)! })), ...refs];
	const periods = [...new Set(lines.flatMap((l) => l.points.filter((p) => p.value != null || p.suppressed).map((p) => p.period)))].sort((a, b) => a - b);
	for (const l of lines) l.points = l.points.filter((p) => periods.includes(p.period));

	const rankPeriod = rankingPeriod([...areaPoints.values()]);
	const at = (ps: PagePoint[], period: number) => ps.find((p) => p.period === period && p.value != null)?.value ?? null;
	const entries = areas.flatMap((a) => {
		const v = rankPeriod == null ? null : at(areaPoints.get(a.id)!, rankPeriod);
		return v == null ? [] : [{ id: a.id, name: a.name, value: v }];
	});
	const ranked = relative && ind.higherIsBetter != null;
	const ranks = new Map(rankValues(entries, ranked ? ind.higherIsBetter : null, ind.decimals, noiseOf(ind)).map((r, i) => [r.id, { ...r, order: i }]));

	const rows: (CompareRow & { order: number })[] = areas.map((a) => {
		const ps = areaPoints.get(a.id)!;
		const valued = ps.filter((p) => p.value != null);
		const latest = valued.at(-1) ?? null;
		const gapTo = (t: Target | null) => {
			if (!relative || !latest || !t) return null;
			const r = at(referencePoints(t), latest.period);
			return r == null ? null : latest.value! - r;
		};
		const r = ranks.get(a.id);
		const city = a.gemeenteCode ? referencePoints({ type: 'area', code: a.gemeenteCode }) : [];
		return {
			id: a.id,
			name: a.name,
			latest: latest ?? ps.filter((p) => p.suppressed).at(-1) ?? null,
			gaps: { stad: gapTo(a.gemeenteCode ? { type: 'area', code: a.gemeenteCode } : null), nl: gapTo({ type: 'nl' }), g4: gapTo({ type: 'g4' }) },
			cityGap: relative && city.length ? gapBetween(ps, city, ind.kind, ind.decimals) : null,
			sincePrevious: latest ? changeSince(valued.at(-2), latest, ind) : null,
			sinceFirst: latest && valued.length > 2 ? changeSince(valued[0], latest, ind) : null,
			rank: r?.rank ?? null,
			indistinct: r?.indistinct ?? [],
			missing: r
				? null
				: !ps.length || ps.every((p) => p.value == null && !p.suppressed)
					? 'none'
					: ps.some((p) => p.period === rankPeriod && p.suppressed) || !valued.length
						? 'withheld'
						: 'period',
			order: r?.order ?? Infinity
		};
	});
	rows.sort((x, y) => x.order - y.order || x.name.localeCompare(y.name, 'nl'));
	return { ...ind, periods, rankPeriod, ranked, lines, rows: rows.map(({ order: _, ...row }) => row) };
}
