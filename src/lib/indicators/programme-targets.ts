/**
 * Programme targets: goals a programme has published for an area ("Rotterdam-
 * Zuid reaches the G4 average on bijstand dependency by 2031"), their glide
 * path, whether the area is on course, and when it would get there at the
 * current pace. Pure and browser-safe; the server reads the targets from the
 * `target` table and hands this module the area's and reference's series.
 *
 * Not to be confused with `Target` in targets.ts (what a series is computed for).
 *
 * Rules (the README says the same in plain words):
 *
 * - **Distance.** Everything works on the distance to the goal, in the
 *   indicator's unit: for an absolute target `value − target value`; for a
 *   reference target the gap `area − reference`, only at periods where both
 *   have a value (the reference moves: its value of that period counts, so a
 *   city that improves raises the bar).
 * - **Better side.** `higherIsBetter` of the indicator says which side of zero
 *   is good; an indicator without a direction gets status `onbekend`.
 * - **Glide path.** A straight line of the distance from its value in the
 *   baseline period to 0 in the target year, 0 after it. On the chart it is
 *   drawn in the indicator's unit: the target value line for an absolute target,
 *   reference value + planned gap for a reference target (at periods where the
 *   reference has a value).
 * - **Status** from the latest period after the baseline with a distance:
 *   `gehaald` when the distance is 0 or on the better side; `op_koers` when it
 *   is at or better than the path in that period; `niet_op_koers` otherwise.
 *   "At" allows the display tolerance (half the last decimal shown,
 *   gaps.ts `toleranceFor`), so the words never contradict rounded figures.
 *   `onbekend` with a reason: no direction, no figures for the area or the
 *   reference (or no period they share), no figure in the baseline period, or
 *   none after it.
 * - **Convergence.** Least-squares line through the distances from the baseline
 *   period on: fewer than 3 points → `te-weinig`; a slope that does not move
 *   towards the goal (flat or away) → `uiteen`; otherwise the year the line
 *   reaches 0, rounded up. Already reached → `gehaald`.
 */
import { linearRegression } from 'simple-statistics';
import { commonPeriods, toleranceFor, type ValueAt } from './gaps';
import type { ReferenceKey } from './references';

/** An absolute value by a year, or reaching a reference (city, rest of city, NL, G4) by a year. */
export type ProgrammeTargetKind = 'waarde' | 'referentie';

export interface ProgrammeTarget {
	/** Short stable name, e.g. `nprz-bijstand-g4`. */
	id: string;
	/** Focus-area id or CBS code. */
	area: string;
	indicator: string;
	kind: ProgrammeTargetKind;
	/** The value to reach (kind `waarde`), in the indicator's unit; null for a reference target. */
	value: number | null;
	/** The reference to reach (kind `referentie`); null for an absolute target. */
	reference: ReferenceKey | null;
	/** Period of the baseline (a year). */
	baseYear: number;
	/** Year by which the target is to be reached. */
	targetYear: number;
	/** Where the goal was published, in words. */
	citation: string;
	url: string | null;
	/** Who set the goal (a programme, a council). */
	setBy: string;
	/** When it was set (year or date, as published). */
	setOn: string;
}

export type TargetStatus = 'op_koers' | 'niet_op_koers' | 'gehaald' | 'onbekend';

/**
 * Why a status is `onbekend`: the indicator has no better direction; the area
 * has no figures; the reference has none; they share no period; no figure in
 * the baseline period; none after it.
 */
export type UnknownReason = 'no-direction' | 'no-area-figures' | 'no-reference-figures' | 'no-common-period' | 'no-baseline' | 'no-latest';

export type Convergence = { kind: 'gehaald' } | { kind: 'jaar'; year: number; points: number } | { kind: 'uiteen' } | { kind: 'te-weinig'; points: number };

export interface Evaluation {
	status: TargetStatus;
	/** Set when the status is `onbekend`. */
	reason: UnknownReason | null;
	/** Distance at the baseline period (absolute: value − target; reference: gap). */
	baseline: { period: number; distance: number } | null;
	/** The latest period after the baseline with a distance, and the path there. */
	latest: { period: number; distance: number; planned: number } | null;
	/** The path in the indicator's unit, for the chart: one point per period drawn. */
	path: ValueAt[];
	/** Null when the status is `onbekend` for lack of direction or baseline. */
	convergence: Convergence | null;
}

/** The distance the path plans at `period`: linear from `d0` at `base` to 0 at `targetYear`, 0 after. */
export function plannedDistance(d0: number, base: number, targetYear: number, period: number): number {
	if (period >= targetYear) return 0;
	if (period <= base) return d0;
	return d0 * (1 - (period - base) / (targetYear - base));
}

/** Distances to the goal per period (ascending): value − target, or area − reference where both exist. */
export function distances(t: Pick<ProgrammeTarget, 'kind' | 'value'>, area: ValueAt[], reference: ValueAt[]): { period: number; distance: number }[] {
	if (t.kind === 'waarde') {
		return area
			.filter((p) => p.value != null)
			.map((p) => ({ period: p.period, distance: (p.value as number) - (t.value as number) }))
			.sort((a, b) => a.period - b.period);
	}
	return commonPeriods(area, reference).map((c) => ({ period: c.period, distance: c.area - c.reference }));
}

/**
 * The year a least-squares line through `points` reaches 0, rounded up;
 * `sign` is +1 when higher is better (the distance must rise to 0), −1 when lower is.
 */
export function convergence(points: { period: number; distance: number }[], sign: 1 | -1, tolerance: number): Convergence {
	const last = points[points.length - 1];
	if (last && sign * last.distance >= -tolerance) return { kind: 'gehaald' };
	if (points.length < 3) return { kind: 'te-weinig', points: points.length };
	const { m, b } = linearRegression(points.map((p) => [p.period, p.distance]));
	if (!(sign * m > 0)) return { kind: 'uiteen' };
	return { kind: 'jaar', year: Math.ceil(-b / m - 1e-9), points: points.length };
}

/**
 * Glide path, status and convergence of a target, from the area's series and
 * (reference target) the reference's series. `decimals`: those shown for the
 * indicator (the tolerance is half the last one).
 */
export function evaluateTarget(
	t: ProgrammeTarget,
	ind: { higherIsBetter: boolean | null; decimals: number },
	area: ValueAt[],
	reference: ValueAt[] = []
): Evaluation {
	const unknown = (reason: UnknownReason, baseline: Evaluation['baseline'] = null): Evaluation => ({
		status: 'onbekend',
		reason,
		baseline,
		latest: null,
		path: [],
		convergence: null
	});
	if (ind.higherIsBetter == null) return unknown('no-direction');
	const sign = ind.higherIsBetter ? 1 : -1;
	const tol = toleranceFor(ind.decimals);
	const all = distances(t, area, reference);
	if (!area.some((p) => p.value != null)) return unknown('no-area-figures');
	if (t.kind === 'referentie' && !reference.some((p) => p.value != null)) return unknown('no-reference-figures');
	if (!all.length) return unknown('no-common-period');
	const base = all.find((d) => d.period === t.baseYear);
	if (!base) return unknown('no-baseline');
	const baseline = { period: base.period, distance: base.distance };
	const since = all.filter((d) => d.period >= t.baseYear);
	const last = since[since.length - 1];
	const path = glidePath(t, base.distance, reference);
	if (last.period === t.baseYear) return { ...unknown('no-latest', baseline), path };
	const planned = plannedDistance(base.distance, t.baseYear, t.targetYear, last.period);
	const status: TargetStatus = sign * last.distance >= -tol ? 'gehaald' : sign * (last.distance - planned) >= -tol ? 'op_koers' : 'niet_op_koers';
	return {
		status,
		reason: null,
		baseline,
		latest: { period: last.period, distance: last.distance, planned },
		path,
		convergence: convergence(since, sign, tol)
	};
}

/**
 * The glide path in the indicator's unit. Absolute target: the baseline value
 * and the target at the target year (a straight line between them). Reference
 * target: reference value + planned gap at every period from the baseline on
 * where the reference has a value, so the path follows a moving reference.
 */
export function glidePath(t: ProgrammeTarget, d0: number, reference: ValueAt[]): ValueAt[] {
	if (t.kind === 'waarde') {
		const goal = t.value as number;
		return [
			{ period: t.baseYear, value: goal + d0 },
			{ period: t.targetYear, value: goal }
		];
	}
	return reference
		.filter((p) => p.value != null && p.period >= t.baseYear)
		.sort((a, b) => a.period - b.period)
		.map((p) => ({ period: p.period, value: (p.value as number) + plannedDistance(d0, t.baseYear, t.targetYear, p.period) }));
}
