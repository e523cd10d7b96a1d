/**
 * Class breaks for a choropleth: quantiles, natural breaks (Fisher–Jenks) and
 * symmetric breaks around zero for differences. Pure.
 *
 * Breaks follow MapLibre's `step` expression: a value v belongs to class i when
 * breaks[i-1] <= v < breaks[i], so k classes have k − 1 ascending, distinct
 * breaks. Ties never split a class: duplicate breaks are dropped, so a set with
 * few distinct values gets fewer classes. Non-finite values are ignored; an
 * empty set gives zero classes.
 */
import { ckmeans, quantileSorted, uniqueCountSorted } from 'simple-statistics';

export type ClassMethod = 'kwantiel' | 'natuurlijk';
export const CLASS_METHODS: ClassMethod[] = ['kwantiel', 'natuurlijk'];
export const DEFAULT_CLASSES = 5;

function finiteSorted(values: Iterable<number>): number[] {
	const out: number[] = [];
	for (const v of values) if (Number.isFinite(v)) out.push(v);
	return out.sort((a, b) => a - b);
}

function roundTo(v: number, decimals: number | undefined): number {
	if (decimals == null) return v;
	const f = 10 ** decimals;
	return Math.round(v * f) / f;
}

/** Ascending, distinct breaks strictly above the minimum (an empty first class is no class). */
function cleanBreaks(raw: number[], sorted: number[], decimals?: number): number[] {
	const min = sorted[0];
	const out: number[] = [];
	for (const b of raw.map((r) => roundTo(r, decimals))) {
		if (!(b > min)) continue;
		if (out.length && b <= out[out.length - 1]) continue;
		out.push(b);
	}
	// A break above the maximum would leave an empty last class.
	const max = sorted[sorted.length - 1];
	return out.filter((b) => b <= max);
}

/**
 * The p-quantile of sorted values (simple-statistics: linear interpolation,
 * R's and numpy's default), moved up to the first value at or above it: a
 * break is the lowest value of its class, so no class is left empty.
 */
function quantileValue(sorted: number[], p: number): number {
	const q = quantileSorted(sorted, p);
	return sorted.find((v) => v >= q) ?? sorted[sorted.length - 1];
}

/**
 * Quantile breaks: about the same number of areas in each class. Break i is the
 * i/k quantile of the values (see quantileValue), rounded to `decimals`.
 */
export function quantileBreaks(values: Iterable<number>, k = DEFAULT_CLASSES, decimals?: number): number[] {
	const s = finiteSorted(values);
	if (s.length === 0 || k < 2) return [];
	const raw: number[] = [];
	for (let i = 1; i < k; i++) raw.push(quantileValue(s, i / k));
	return cleanBreaks(raw, s, decimals);
}

/**
 * Natural breaks (Fisher–Jenks): classes that minimise the squared deviations
 * within each class, computed exactly on all values by simple-statistics'
 * Ckmeans (the same optimum, in O(k·n·log n)). A break is the lowest value of
 * its class. At most as many classes as distinct values.
 */
export function naturalBreaks(values: Iterable<number>, k = DEFAULT_CLASSES, decimals?: number): number[] {
	const s = finiteSorted(values);
	if (s.length === 0 || k < 2) return [];
	const classes = Math.min(k, uniqueCountSorted(s));
	if (classes < 2) return [];
	const raw = ckmeans(s, classes)
		.slice(1)
		.map((cluster) => cluster[0]);
	return cleanBreaks(raw, s, decimals);
}

/**
 * Breaks for differences from a reference (the city average): symmetric around
 * zero, so the middle class means "about the same as the city". Thresholds are
 * the terciles of the absolute differences (values of the set, as in quantileBreaks):
 * k = 5 gives [−t2, −t1, t1, t2]; k = 3 gives [−t1, t1]. Zero thresholds are
 * dropped, so the class count is always odd (1, 3 or 5).
 */
export function symmetricBreaks(differences: Iterable<number>, k: 3 | 5 = 5, decimals?: number): number[] {
	const abs = finiteSorted([...differences].map((d) => Math.abs(d)));
	if (abs.length === 0) return [];
	const ts: number[] = [];
	for (let i = 1; i <= (k - 1) / 2; i++) {
		const t = roundTo(quantileValue(abs, i / 3), decimals);
		if (t > 0 && !ts.includes(t)) ts.push(t);
	}
	ts.sort((a, b) => a - b);
	return [...ts.map((t) => -t).reverse(), ...ts];
}

/** The class (0-based) of `value` under `breaks`; null for a missing value. */
export function classOf(value: number | null | undefined, breaks: number[]): number | null {
	if (value == null || !Number.isFinite(value)) return null;
	let i = 0;
	while (i < breaks.length && value >= breaks[i]) i++;
	return i;
}

/** Number of values per class. */
export function classCounts(values: Iterable<number>, breaks: number[]): number[] {
	const counts = new Array(breaks.length + 1).fill(0);
	for (const v of values) {
		const c = classOf(v, breaks);
		if (c != null) counts[c]++;
	}
	return counts;
}

export function breaksFor(method: ClassMethod, values: Iterable<number>, k = DEFAULT_CLASSES, decimals?: number): number[] {
	return method === 'natuurlijk' ? naturalBreaks(values, k, decimals) : quantileBreaks(values, k, decimals);
}
