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

export type ClassMethod = 'kwantiel' | 'natuurlijk';
export const CLASS_METHODS: ClassMethod[] = ['kwantiel', 'natuurlijk'];
export const DEFAULT_CLASSES = 5;

/** Largest sample natural breaks are computed on (the algorithm is O(k·n²)). */
export const JENKS_SAMPLE = 1000;

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
 * Quantile breaks: about the same number of areas in each class. Each break is a
 * value of the set (the first value of the next class), rounded to `decimals`.
 */
export function quantileBreaks(values: Iterable<number>, k = DEFAULT_CLASSES, decimals?: number): number[] {
	const s = finiteSorted(values);
	if (s.length === 0 || k < 2) return [];
	const raw: number[] = [];
	for (let i = 1; i < k; i++) raw.push(s[Math.min(s.length - 1, Math.floor((i * s.length) / k))]);
	return cleanBreaks(raw, s, decimals);
}

/** Evenly spaced order statistics of a sorted array: a sample that keeps the distribution. */
function sampleSorted(s: number[], n: number): number[] {
	if (s.length <= n) return s;
	const out: number[] = [];
	for (let i = 0; i < n; i++) out.push(s[Math.round((i * (s.length - 1)) / (n - 1))]);
	return out;
}

/**
 * Natural breaks (Fisher–Jenks): classes that minimise the variance within
 * each class. Computed exactly for up to JENKS_SAMPLE values, on evenly spaced
 * order statistics above that (NL-wide buurten), which moves breaks by at most
 * one sample step.
 */
export function naturalBreaks(values: Iterable<number>, k = DEFAULT_CLASSES, decimals?: number): number[] {
	const s = sampleSorted(finiteSorted(values), JENKS_SAMPLE);
	const n = s.length;
	if (n === 0 || k < 2) return [];
	const classes = Math.min(k, new Set(s).size);
	if (classes < 2) return [];
	// lower[l][j]: first index of class j in the best split of s[0..l] into j classes.
	const lower: number[][] = Array.from({ length: n + 1 }, () => new Array(classes + 1).fill(0));
	const cost: number[][] = Array.from({ length: n + 1 }, () => new Array(classes + 1).fill(Infinity));
	for (let j = 1; j <= classes; j++) {
		lower[1][j] = 1;
		cost[1][j] = 0;
	}
	for (let l = 2; l <= n; l++) {
		let sum = 0;
		let sumSq = 0;
		let w = 0;
		let variance = 0;
		for (let m = 1; m <= l; m++) {
			const i3 = l - m + 1;
			const v = s[i3 - 1];
			w++;
			sum += v;
			sumSq += v * v;
			variance = sumSq - (sum * sum) / w;
			const i4 = i3 - 1;
			if (i4 !== 0) {
				for (let j = 2; j <= classes; j++) {
					if (cost[l][j] >= variance + cost[i4][j - 1]) {
						lower[l][j] = i3;
						cost[l][j] = variance + cost[i4][j - 1];
					}
				}
			}
		}
		lower[l][1] = 1;
		cost[l][1] = variance;
	}
	const raw: number[] = [];
	let end = n;
	for (let j = classes; j >= 2; j--) {
		const start = lower[end][j] - 1; // 0-based first index of class j
		raw.unshift(s[start]);
		end = start;
	}
	return cleanBreaks(raw, s, decimals);
}

/**
 * Breaks for differences from a reference (the city average): symmetric around
 * zero, so the middle class means "about the same as the city". Thresholds are
 * the terciles of the absolute differences: k = 5 gives
 * [−t2, −t1, t1, t2]; k = 3 gives [−t1, t1]. Zero thresholds are dropped, so the
 * class count is always odd (1, 3 or 5).
 */
export function symmetricBreaks(differences: Iterable<number>, k: 3 | 5 = 5, decimals?: number): number[] {
	const abs = finiteSorted([...differences].map((d) => Math.abs(d)));
	if (abs.length === 0) return [];
	const ts: number[] = [];
	for (let i = 1; i <= (k - 1) / 2; i++) {
		const t = roundTo(abs[Math.min(abs.length - 1, Math.floor((i * abs.length) / 3))], decimals);
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
