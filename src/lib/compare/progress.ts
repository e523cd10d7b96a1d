/**
 * The progress matrix (/voortgang): focus areas × indicators, each cell one
 * status. Where a programme target is set, its status (op koers, niet op koers,
 * gehaald, onbekend — see programme-targets.ts). Elsewhere the movement against
 * the city since the previous measurement: the gap to the city grew or shrank,
 * judged better or worse by the indicator's direction (an area that moves
 * towards its city from the worse side, or away from it on the better side,
 * did better). Pure.
 */
import type { PageTarget } from '../area/types';
import { toleranceFor, type GapTrend } from '../indicators/gaps';
import type { TargetStatus, UnknownReason } from '../indicators/programme-targets';
import type { IndicatorEntry } from '../indicators/registry';
import type { AreaLevel } from '../map/tiles';
import { noiseOf, type CompareIndicator, type CompareRow } from './compare';

export type ProgressCell =
	| { kind: 'target'; targetId: string; status: TargetStatus; reason: UnknownReason | null; period: number | null }
	| {
			kind: 'gap';
			period: number;
			since: number;
			/** Area − city now and then. */
			gap: number;
			before: number;
			trend: GapTrend;
			/** Better or worse against the city by the indicator's direction; null without direction or within the tolerance. */
			better: boolean | null;
	  }
	| { kind: 'none'; why: 'no-figures' | 'one-period' | 'count' };

export const PROGRAMMES = ['NPLV', 'NPRZ', 'alle'] as const;
export type ProgrammeFilter = (typeof PROGRAMMES)[number];

export interface ProgressView {
	programme: ProgrammeFilter;
	/** A gemeente code, or null for every city. */
	city: string | null;
}

export function parseProgressView(q: URLSearchParams): ProgressView {
	const p = q.get('programma');
	const city = q.get('stad');
	return { programme: PROGRAMMES.includes(p as ProgrammeFilter) ? (p as ProgrammeFilter) : 'NPLV', city: city && /^GM\d{4}$/.test(city) ? city : null };
}

export function inProgramme(programme: string, filter: ProgrammeFilter): boolean {
	return filter === 'alle' || programme === filter || (filter === 'NPRZ' && programme.startsWith('NPRZ'));
}

/** One cell: the area's target on the indicator when there is one, else its movement against the city. */
export function progressCell(ind: Pick<IndicatorEntry, 'higherIsBetter' | 'kind' | 'decimals'>, row: CompareRow, target: PageTarget | null): ProgressCell {
	if (target)
		return {
			kind: 'target',
			targetId: target.target.id,
			status: target.evaluation.status,
			reason: target.evaluation.reason,
			period: target.evaluation.latest?.period ?? null
		};
	if (ind.kind === 'count') return { kind: 'none', why: 'count' };
	const g = row.cityGap;
	if (!g) return { kind: 'none', why: 'no-figures' };
	const prev = g.sincePrevious;
	if (!prev) return { kind: 'none', why: 'one-period' };
	const d = g.absolute - prev.gap;
	const better = ind.higherIsBetter == null || Math.abs(d) < toleranceFor(ind.decimals) ? null : d > 0 === ind.higherIsBetter;
	return { kind: 'gap', period: g.period, since: prev.period, gap: g.absolute, before: prev.gap, trend: prev.trend, better };
}

/** How many indicators must move the wrong way before an area is listed as in a negative spiral (`?spiraal=N`). */
export const SPIRAL_DEFAULT = 3;

export interface SpiralMove {
	indicator: string;
	since: number;
	period: number;
	/** Area − city then and now. */
	before: number;
	gap: number;
}

export interface SpiralArea {
	id: string;
	name: string;
	moves: SpiralMove[];
}

/**
 * The "negative spiral": areas whose gap to their city widened on the worse
 * side on at least `n` indicators between the last two periods both have a
 * figure. A move counts when the area is worse than its city now (by the
 * indicator's direction) and the gap grew by more than the noise of the
 * figures (`noise`, as for the compare page's ranking: 1 unit for model
 * estimates, half the last shown decimal for registered figures). Counts and
 * indicators without direction do not count. Most moves first.
 */
export function spiralAreas(
	indicators: (Pick<IndicatorEntry, 'key' | 'higherIsBetter' | 'kind'> & { rows: Pick<CompareRow, 'id' | 'name' | 'cityGap'>[] })[],
	n: number,
	noise: (key: string) => number
): SpiralArea[] {
	const byArea = new Map<string, SpiralArea>();
	for (const ind of indicators) {
		if (ind.higherIsBetter == null || ind.kind === 'count') continue;
		const worse = ind.higherIsBetter ? -1 : 1;
		for (const row of ind.rows) {
			const g = row.cityGap;
			const prev = g?.sincePrevious;
			if (!g || !prev) continue;
			const behindNow = worse * g.absolute > 0;
			if (!behindNow || Math.abs(g.absolute) - Math.abs(prev.gap) <= noise(ind.key)) continue;
			const a = byArea.get(row.id) ?? { id: row.id, name: row.name, moves: [] };
			a.moves.push({ indicator: ind.key, since: prev.period, period: g.period, before: prev.gap, gap: g.absolute });
			byArea.set(row.id, a);
		}
	}
	return [...byArea.values()].filter((a) => a.moves.length >= n).sort((x, y) => y.moves.length - x.moves.length || x.name.localeCompare(y.name, 'nl'));
}

/** Areas in a negative spiral (see spiralAreas), with the labels of the indicators that moved. */
export interface SpiralResult {
	areas: SpiralArea[];
	indicators: Record<string, Pick<CompareIndicator, 'key' | 'labelNl' | 'labelEn' | 'format' | 'decimals'>>;
	/** How many indicators were looked at (those with a direction, not counts). */
	checked: number;
}

export interface SpiralMapQuery {
	/** The map's gemeente: its wijken or buurten and its focus areas; null: every focus area. */
	gemeente: string | null;
	level: AreaLevel;
	n: number;
}

/** The map's spiral layer: which areas it outlines, each with the city it fell behind (see `spiralOf`). */
export interface SpiralMap extends SpiralResult {
	gemeente: string | null;
	level: SpiralMapQuery['level'];
	n: number;
	/** The areas in the spiral, by id (CBS code or focus-area id): their gemeente's name, and whether it is a focus area. */
	places: Record<string, { municipality: string; focus: boolean }>;
}

/** The spiral over compared figures: areas behind their city and falling further behind on at least `n` indicators. */
export function spiralOf(compared: CompareIndicator[], n: number): SpiralResult {
	const byKey = new Map(compared.map((i) => [i.key, i]));
	const areas = spiralAreas(compared, n, (key) => noiseOf(byKey.get(key)!));
	const used = new Set(areas.flatMap((a) => a.moves.map((m) => m.indicator)));
	const indicators = Object.fromEntries(
		[...used].map((k) => {
			const { key, labelNl, labelEn, format, decimals } = byKey.get(k)!;
			return [k, { key, labelNl, labelEn, format, decimals }];
		})
	);
	return { areas, indicators, checked: compared.filter((i) => i.higherIsBetter != null && i.kind !== 'count').length };
}
