/**
 * The gap between an area and a reference (city, rest of the city, NL, G4) and
 * whether it narrowed or widened. Pure; used by the area page, its CSV export
 * and the plain-language summaries.
 *
 * - The gap is area − reference in the indicator's unit (percentage points for
 *   percentages), at periods where both have a value; never across periods.
 * - Relative gap (area − reference) / reference only for rates and amounts
 *   (a ratio makes no sense for an index with an arbitrary zero), and only when
 *   the reference is positive.
 * - Narrowed/widened compares the size of the gap (|gap|): a gap that changes
 *   side and grows has widened. A change smaller than half the last shown
 *   decimal is "unchanged", so the words never contradict the rounded figures.
 * - Counts (inhabitants, crimes) scale with the size of an area: no gap.
 */
import type { IndicatorKind } from './registry';

/** A value of a series in a period; null: unknown or withheld. */
export interface ValueAt {
	period: number;
	value: number | null;
}

export type GapTrend = 'narrowed' | 'widened' | 'unchanged';

export interface GapChange {
	/** The earlier period compared with. */
	period: number;
	/** The gap then (area − reference). */
	gap: number;
	/** |gap now| − |gap then|: positive when the gap widened. */
	change: number;
	trend: GapTrend;
}

export interface Gap {
	/** Latest period in which both have a value. */
	period: number;
	area: number;
	reference: number;
	/** area − reference, in the indicator's unit. */
	absolute: number;
	/** (area − reference) / reference, as a fraction; null where a ratio makes no sense. */
	relative: number | null;
	/** Against the previous period in which both have a value. */
	sincePrevious: GapChange | null;
	/** Against the first period in which both have a value. */
	sinceFirst: GapChange | null;
}

/** Which gaps make sense for an indicator kind. */
export function gapKind(kind: IndicatorKind): 'none' | 'absolute' | 'both' {
	if (kind === 'count') return 'none';
	if (kind === 'index') return 'absolute';
	return 'both';
}

/** Periods in which both series have a value, ascending, with both values. */
export function commonPeriods(area: ValueAt[], reference: ValueAt[]): { period: number; area: number; reference: number }[] {
	const ref = new Map(reference.filter((p) => p.value != null).map((p) => [p.period, p.value as number]));
	return area
		.filter((p) => p.value != null && ref.has(p.period))
		.map((p) => ({ period: p.period, area: p.value as number, reference: ref.get(p.period)! }))
		.sort((a, b) => a.period - b.period);
}

export function gapTrend(before: number, now: number, tolerance: number): GapTrend {
	const change = Math.abs(now) - Math.abs(before);
	if (change > tolerance) return 'widened';
	if (change < -tolerance) return 'narrowed';
	return 'unchanged';
}

/** Half of the last decimal shown: 0.05 for one decimal. */
export function toleranceFor(decimals: number): number {
	return 0.5 * 10 ** -decimals;
}

/**
 * The gap at the latest common period and its change since the previous and
 * the first common period. Null when the kind has no gap or no period is shared.
 */
export function gapBetween(area: ValueAt[], reference: ValueAt[], kind: IndicatorKind, decimals: number): Gap | null {
	const mode = gapKind(kind);
	if (mode === 'none') return null;
	const common = commonPeriods(area, reference);
	if (!common.length) return null;
	const last = common[common.length - 1];
	const absolute = last.area - last.reference;
	const tol = toleranceFor(decimals);
	const change = (c: (typeof common)[number]): GapChange => {
		const gap = c.area - c.reference;
		return { period: c.period, gap, change: Math.abs(absolute) - Math.abs(gap), trend: gapTrend(gap, absolute, tol) };
	};
	return {
		period: last.period,
		area: last.area,
		reference: last.reference,
		absolute,
		relative: mode === 'both' && last.reference > 0 ? absolute / last.reference : null,
		sincePrevious: common.length >= 2 ? change(common[common.length - 2]) : null,
		sinceFirst: common.length >= 3 ? change(common[0]) : null
	};
}
