/**
 * Ranks of areas by their value, from the indicator's direction: rank 1 is the
 * most favourable area (lowest value when lower is better, highest when higher
 * is better) and, for indicators without a direction, the highest value.
 * Ties share a rank ("1, 2, 2, 4"). Areas without a value have no rank. Pure.
 */
import type { Direction } from './palette';

/** Sort order that puts rank 1 first. */
function better(higherIsBetter: Direction): (a: number, b: number) => number {
	return higherIsBetter === false ? (a, b) => a - b : (a, b) => b - a;
}

export function ranks(values: Record<string, number>, higherIsBetter: Direction): Map<string, number> {
	const cmp = better(higherIsBetter);
	const entries = Object.entries(values).filter(([, v]) => Number.isFinite(v));
	entries.sort((a, b) => cmp(a[1], b[1]));
	const out = new Map<string, number>();
	let rank = 0;
	entries.forEach(([code, v], i) => {
		if (i === 0 || v !== entries[i - 1][1]) rank = i + 1;
		out.set(code, rank);
	});
	return out;
}

/** The rank `value` would get among `values` (for a focus area made of several areas). */
export function rankAmong(value: number, values: Iterable<number>, higherIsBetter: Direction): number {
	const cmp = better(higherIsBetter);
	let ahead = 0;
	for (const v of values) if (Number.isFinite(v) && cmp(v, value) < 0) ahead++;
	return ahead + 1;
}

/** Codes of the highest and lowest values (first by code on ties); null for no values. */
export function extremes(values: Record<string, number>): { highest: string; lowest: string } | null {
	let highest: string | null = null;
	let lowest: string | null = null;
	for (const code of Object.keys(values).sort()) {
		const v = values[code];
		if (!Number.isFinite(v)) continue;
		if (highest == null || v > values[highest]) highest = code;
		if (lowest == null || v < values[lowest]) lowest = code;
	}
	return highest == null || lowest == null ? null : { highest, lowest };
}
