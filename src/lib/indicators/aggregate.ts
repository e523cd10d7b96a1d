/**
 * The value of an indicator for a set of areas in one period: one module, used
 * by every page, export and report.
 *
 * - counts are summed;
 * - rates, amounts and indices are averaged with their weight (denominator:
 *   inhabitants, households …); a rate with a known numerator is recomputed as
 *   sum(numerator) / sum(denominator) × scale where a member has both;
 * - a member without a value of its own is built from its sub-areas (a wijk
 *   from its buurten), so a published value always wins over re-aggregation;
 * - the result says how much of the set it covers, whether any part is a
 *   model estimate or provisional, and which weights came from another period;
 * - nothing known gives `value: null`, never 0.
 * "Rest of the city" is `difference(city, focusArea)`: numerators and
 * denominators subtracted, not a re-aggregation of the remaining areas.
 */

import type { IndicatorKind } from './registry';

export interface AggregationRule {
	kind: IndicatorKind;
	/** True when the source's values are model-based estimates (RIVM). */
	estimate: boolean;
	/** True when a numerator indicator exists and rates may be recomputed from it. */
	hasNumerator: boolean;
	/** 1000 for per-1 000 rates, 100 for percentages; used with the numerator. */
	scale: number | null;
}

/** A value that was looked up for a period, possibly from another (nearest) period. */
export interface Dated {
	value: number;
	period: number;
}

/** One area's numbers for one indicator and period. Null means unknown, never 0. */
export interface MemberInput {
	code: string;
	/** The published value of the indicator for this area and period. */
	value: number | null;
	/** Weight (denominator) of the value, from the same or the nearest period. */
	weight?: Dated | null;
	/** Numerator count and denominator of the same period, for recomputing a rate. */
	numerator?: number | null;
	denominator?: number | null;
	/** Inhabitants, for the share of the population covered. */
	population?: number | null;
	provisional?: boolean;
	source?: string | null;
	/** Sub-areas, used when `value` is null. */
	children?: MemberInput[];
	/** Set when this is (a share of) an area of an older boundary vintage, converted through the crosswalk. */
	crosswalk?: number;
}

export type Method = 'published' | 'sum' | 'weighted' | 'ratio' | 'difference' | 'none';

export interface Aggregate {
	value: number | null;
	method: Method;
	membersTotal: number;
	membersWithData: number;
	/** Inhabitants of all members, and of the members (or parts) with data; null when unknown. */
	populationTotal: number | null;
	populationCovered: number | null;
	estimate: boolean;
	provisional: boolean;
	/** Periods of weights that were not the period asked for (nearest available). */
	weightPeriods: number[];
	sources: string[];
	/** Sum (counts) or weighted sum (averages) behind `value`; for `difference`. */
	total: number | null;
	/** Sum of weights behind `value`; null when the value was not weighted. */
	weightSum: number | null;
	/** Boundary vintages whose areas' figures were converted to this area through the crosswalk; absent when none. */
	crosswalk?: number[];
}

export const EMPTY: Aggregate = Object.freeze({
	value: null,
	method: 'none',
	membersTotal: 0,
	membersWithData: 0,
	populationTotal: null,
	populationCovered: null,
	estimate: false,
	provisional: false,
	weightPeriods: [],
	sources: [],
	total: null,
	weightSum: null
}) as Aggregate;

/** Share (0–1) of inhabitants covered by data, or null when populations are unknown. */
export function coverageShare(a: Aggregate): number | null {
	if (a.populationTotal == null || a.populationCovered == null || a.populationTotal <= 0) return null;
	return Math.min(1, a.populationCovered / a.populationTotal);
}

/** True when every member contributed. */
export function isComplete(a: Aggregate): boolean {
	return a.membersTotal > 0 && a.membersWithData === a.membersTotal && (coverageShare(a) ?? 1) >= 0.999;
}

/** The `crosswalk` field: present only when some figure was converted (so that plain aggregates stay as they were). */
const vintages = (set: Set<number>): { crosswalk?: number[] } => (set.size ? { crosswalk: [...set].sort((a, b) => a - b) } : {});

const sumOrNull = (xs: (number | null | undefined)[]) => {
	const known = xs.filter((x): x is number => x != null && Number.isFinite(x));
	return known.length ? known.reduce((a, b) => a + b, 0) : null;
};

/**
 * Combines `members` for `period`. `weightPeriods` lists weights that came
 * from another period than `period`.
 */
export function aggregate(rule: AggregationRule, period: number, members: MemberInput[]): Aggregate {
	let total = 0;
	let weightSum = 0;
	let withData = 0;
	let ratioUsed = 0;
	let weightedUsed = 0;
	let unweighted: number | null = null;
	let unweightedCount = 0;
	let estimate = false;
	let provisional = false;
	const weightPeriods = new Set<number>();
	const sources = new Set<string>();
	const crosswalk = new Set<number>();
	const covered: number[] = [];
	const populations: (number | null | undefined)[] = [];

	for (const m of members) {
		const sub = (m.value == null || !Number.isFinite(m.value)) && m.children?.length ? aggregate(rule, period, m.children) : null;
		// A member without an inhabitant count of its own has those of its sub-areas.
		populations.push(m.population ?? sub?.populationTotal);
		if (m.value != null && Number.isFinite(m.value)) {
			if (rule.kind === 'count') {
				total += m.value;
			} else if (rule.hasNumerator && rule.scale && m.numerator != null && m.denominator != null && m.denominator > 0) {
				total += m.numerator * rule.scale;
				weightSum += m.denominator;
				ratioUsed++;
			} else if (m.weight && m.weight.value > 0) {
				total += m.value * m.weight.value;
				weightSum += m.weight.value;
				if (m.weight.period !== period) weightPeriods.add(m.weight.period);
				weightedUsed++;
			} else {
				// A value without a weight can only stand alone (see below); its source
				// and flags describe the result only then.
				unweighted = m.value;
				unweightedCount++;
				continue;
			}
			withData++;
			if (m.population != null) covered.push(m.population);
			estimate ||= rule.estimate;
			provisional ||= Boolean(m.provisional);
			if (m.source) sources.add(m.source);
			if (m.crosswalk != null) crosswalk.add(m.crosswalk);
		} else if (sub) {
			if (sub.value == null || (rule.kind !== 'count' && sub.weightSum == null)) continue;
			total += sub.total ?? 0;
			weightSum += sub.weightSum ?? 0;
			if (sub.method === 'ratio') ratioUsed++;
			else weightedUsed++;
			withData++;
			if (sub.populationCovered != null) covered.push(sub.populationCovered);
			estimate ||= sub.estimate;
			provisional ||= sub.provisional;
			sub.weightPeriods.forEach((p) => weightPeriods.add(p));
			sub.sources.forEach((s) => sources.add(s));
			sub.crosswalk?.forEach((v) => crosswalk.add(v));
		}
	}

	const populationTotal = sumOrNull(populations);
	const base = {
		membersTotal: members.length,
		populationTotal,
		estimate,
		provisional,
		weightPeriods: [...weightPeriods].sort((a, b) => a - b),
		sources: [...sources].sort(),
		...vintages(crosswalk)
	};

	// A single member whose value has no weight: its value is the answer,
	// but it cannot be combined or subtracted.
	if (withData === 0 && unweightedCount === 1 && members.length === 1) {
		const only = members[0];
		return {
			...base,
			estimate: rule.estimate,
			provisional: Boolean(only.provisional),
			sources: only.source ? [only.source] : [],
			...vintages(new Set(only.crosswalk != null ? [only.crosswalk] : [])),
			value: unweighted,
			method: 'published',
			membersWithData: 1,
			populationCovered: populationTotal,
			total: null,
			weightSum: null
		};
	}
	if (withData === 0) {
		return { ...EMPTY, ...base, populationCovered: populationTotal == null ? null : 0 };
	}
	const populationCovered = sumOrNull(covered);
	if (rule.kind === 'count') {
		return {
			...base,
			value: total,
			method: members.length === 1 && members[0].value != null ? 'published' : 'sum',
			membersWithData: withData,
			populationCovered,
			total,
			weightSum: null
		};
	}
	if (weightSum <= 0) return { ...EMPTY, ...base };
	const method: Method = members.length === 1 && members[0].value != null ? 'published' : ratioUsed > 0 && weightedUsed === 0 ? 'ratio' : 'weighted';
	return { ...base, value: total / weightSum, method, membersWithData: withData, populationCovered, total, weightSum };
}

/**
 * `whole` minus `part` (e.g. the city without the focus area): counts
 * subtracted; averages from subtracted weighted sums and weights. Null when
 * either side is unknown or cannot be subtracted (no weights, part ≥ whole).
 * Coverage: inhabitants the whole does not cover are missing from the rest too,
 * and members of the part without data are still inside the whole, so an
 * incomplete whole or part makes the rest incomplete.
 */
export function difference(rule: AggregationRule, whole: Aggregate, part: Aggregate): Aggregate {
	const meta = {
		membersTotal: part.membersTotal,
		membersWithData: part.membersWithData,
		populationTotal: whole.populationTotal != null && part.populationTotal != null ? whole.populationTotal - part.populationTotal : null,
		populationCovered:
			whole.populationTotal != null && part.populationTotal != null && part.populationCovered != null
				? Math.max(0, (whole.populationCovered ?? whole.populationTotal) - part.populationTotal - (part.populationTotal - part.populationCovered))
				: null,
		estimate: whole.estimate || part.estimate,
		provisional: whole.provisional || part.provisional,
		weightPeriods: [...new Set([...whole.weightPeriods, ...part.weightPeriods])].sort((a, b) => a - b),
		sources: [...new Set([...whole.sources, ...part.sources])].sort(),
		...vintages(new Set([...(whole.crosswalk ?? []), ...(part.crosswalk ?? [])]))
	};
	if (whole.value == null || part.value == null) return { ...EMPTY, ...meta };
	if (rule.kind === 'count') {
		const v = whole.value - part.value;
		return v < 0 ? { ...EMPTY, ...meta } : { ...meta, value: v, method: 'difference', total: v, weightSum: null };
	}
	if (whole.weightSum == null || part.weightSum == null || whole.total == null || part.total == null) return { ...EMPTY, ...meta };
	const w = whole.weightSum - part.weightSum;
	if (!(w > 0)) return { ...EMPTY, ...meta };
	const t = whole.total - part.total;
	return { ...meta, value: t / w, method: 'difference', total: t, weightSum: w };
}

/**
 * The value of `series` at `target` or, failing that, at the nearest period
 * (ties go to the earlier period). Null when the series is empty.
 */
export function nearest(series: ReadonlyMap<number, number>, target: number): Dated | null;
/** The same over a series of other values, each read by `valueOf`. */
export function nearest<T>(series: ReadonlyMap<number, T>, target: number, valueOf: (v: T) => number): Dated | null;
export function nearest<T>(series: ReadonlyMap<number, T>, target: number, valueOf?: (v: T) => number): Dated | null {
	let best: { period: number; raw: T } | null = null;
	for (const [period, raw] of series) {
		const d = Math.abs(period - target);
		if (!best || d < Math.abs(best.period - target) || (d === Math.abs(best.period - target) && period < best.period)) {
			best = { period, raw };
		}
	}
	if (!best) return null;
	return { period: best.period, value: valueOf ? valueOf(best.raw) : (best.raw as number) };
}
