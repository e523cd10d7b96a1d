/**
 * Pure helpers for the trend chart: value domain, line runs with gaps, and
 * period ticks. Periods are years; values are in the indicator's unit.
 */
import { line } from 'd3-shape';
import type { SeriesStyle } from './palette';

export interface ChartPoint {
	period: number;
	/** null: no value (or withheld): the line breaks here. */
	value: number | null;
	/** A model-based estimate: drawn with an open marker and a dashed segment. */
	estimate?: boolean;
}

/** One line of a chart: an area and its values. */
export interface ChartLine {
	key: string;
	label: string;
	style: SeriesStyle;
	points: ChartPoint[];
}

/** The two runs of a line: solid between measured values, dashed where either end is an estimate. */
export interface LineRuns {
	solid: ChartPoint[];
	estimate: ChartPoint[];
}

/**
 * The value axis: from 0 when `zero` (percentages, counts: a bar-like reading
 * of the gap) or when the data come close to it, otherwise the data's range with
 * 10 % room. A single value gets room on both sides. Empty input gives [0, 1].
 */
export function valueDomain(values: number[], zero: boolean): [number, number] {
	const xs = values.filter((v) => Number.isFinite(v));
	if (!xs.length) return [0, 1];
	let lo = Math.min(...xs);
	let hi = Math.max(...xs);
	if (lo === hi) {
		const pad = Math.abs(lo) * 0.1 || 1;
		[lo, hi] = [lo - pad, hi + pad];
	} else {
		const pad = (hi - lo) * 0.1;
		[lo, hi] = [lo - pad, hi + pad];
	}
	const nonNegative = Math.min(...xs) >= 0;
	if (nonNegative && (zero || lo < (hi - lo) * 0.25)) lo = 0;
	return [lo, hi];
}

/**
 * A series' line in runs for d3-shape's line().defined(): each run lists its
 * points in period order, with a point without a value where the run breaks.
 * A piece joins two consecutive chart periods that both have a value; a period
 * where the series has no value (but the chart has one) breaks the line, so
 * gaps in the data are drawn as gaps, never bridged. A piece is an estimate
 * (dashed) when either end is one.
 */
export function lineRuns(points: ChartPoint[], periods: number[]): LineRuns {
	const byPeriod = new Map(points.map((p) => [p.period, p]));
	const sorted = [...new Set(periods)].sort((a, b) => a - b);
	const runs: LineRuns = { solid: [], estimate: [] };
	// Where each run ends: a piece that starts there continues the run without a break.
	const end: Record<keyof LineRuns, number | null> = { solid: null, estimate: null };
	for (let i = 1; i < sorted.length; i++) {
		const a = byPeriod.get(sorted[i - 1]);
		const b = byPeriod.get(sorted[i]);
		if (a?.value == null || b?.value == null) continue;
		const kind = a.estimate || b.estimate ? 'estimate' : 'solid';
		const run = runs[kind];
		if (end[kind] !== a.period) {
			if (run.length) run.push({ period: a.period, value: null });
			run.push(a);
		}
		run.push(b);
		end[kind] = b.period;
	}
	return runs;
}

/** SVG path data of a run (d3-shape line, breaking where a point has no value); '' for no pieces. */
export function runPath(run: ChartPoint[], x: (period: number) => number, y: (value: number) => number): string {
	const path = line<ChartPoint>()
		.defined((p) => p.value != null)
		.x((p) => x(p.period))
		.y((p) => y(p.value!)); // defined: only points with a value are drawn
	return path(run) ?? '';
}

/**
 * Periods to label on the time axis, always the first and last. The axis is
 * linear in years, so labels are spaced by year, not by count: with room for
 * `maxTicks` labels, no two stand closer than the span divided by that
 * (2023 and 2024 beside 2012 would overlap on a narrow chart).
 */
export function periodTicks(periods: number[], maxTicks: number): number[] {
	const sorted = [...new Set(periods)].sort((a, b) => a - b);
	if (sorted.length <= 2) return sorted;
	const first = sorted[0];
	const last = sorted[sorted.length - 1];
	const gap = (last - first) / Math.max(2, maxTicks);
	const out = [first];
	for (const p of sorted.slice(1, -1)) if (p - out[out.length - 1] >= gap && last - p >= gap) out.push(p);
	out.push(last);
	return out;
}

/** Decimals needed to tell ticks `step` apart (0 for whole steps). */
export function tickDecimals(step: number): number {
	if (!(step > 0)) return 0;
	return Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
}

/** The chart period nearest to x-value `period` (for the pointer and keyboard cursor). */
export function nearestPeriod(periods: number[], period: number): number | null {
	let best: number | null = null;
	for (const p of periods) if (best == null || Math.abs(p - period) < Math.abs(best - period)) best = p;
	return best;
}
