import { describe, expect, it } from 'vitest';
import { classCounts, classOf, naturalBreaks, quantileBreaks, symmetricBreaks } from './classify';

describe('quantileBreaks', () => {
	it('splits ten values into five classes of two', () => {
		const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		const breaks = quantileBreaks(values, 5);
		// Quantile p at position (n − 1)·p, interpolated: 0.2 → 1.8 → 2 + 0.8 × (3 − 2) = 2.8, up to the value 3;
		// 0.4 → 3.6 → 4.6 → 5; 0.6 → 6.4 → 7; 0.8 → 8.2 → 9.
		expect(breaks).toEqual([3, 5, 7, 9]);
		expect(classCounts(values, breaks)).toEqual([2, 2, 2, 2, 2]);
	});

	it('ignores order, null-like and non-finite values', () => {
		expect(quantileBreaks([10, NaN, 1, Infinity, 5, 3, 8, 2, 9, 4, 7, 6], 5)).toEqual([3, 5, 7, 9]);
	});

	it('lands on a value where the position is whole', () => {
		// Eleven values: 0.2 × 10 = 2, so the quantile is the third value.
		expect(quantileBreaks([0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 5)).toEqual([20, 40, 60, 80]);
	});

	it('leaves no class empty: a break between two values moves up to the next value', () => {
		// 10 20 20: positions 0.4, 0.8, 1.2, 1.6 interpolate to 14, 18, 20, 20; 14 and 18 would hold no area.
		const values = [10, 20, 20];
		expect(quantileBreaks(values, 5)).toEqual([20]);
		expect(classCounts(values, [20])).toEqual([1, 2]);
		// Seven values, p = 0.4: position 2.4 → 3 + 0.4 × (4 − 3) = 3.4 → 4 (the fourth value).
		expect(quantileBreaks([1, 2, 3, 4, 5, 6, 7], 5)).toEqual([3, 4, 5, 6]);
	});

	it('never splits a tie: duplicate breaks are dropped, giving fewer classes', () => {
		const values = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3];
		const breaks = quantileBreaks(values, 5);
		// 0.2, 0.4 and 0.6 fall among the ones (no class below the minimum); 0.8 → 7.2 → 1 + 0.2 × (2 − 1) = 1.2 → 2.
		expect(breaks).toEqual([2]);
		expect(classCounts(values, breaks)).toEqual([8, 2]);
	});

	it('gives one class for equal values and none for no values', () => {
		expect(quantileBreaks([4, 4, 4], 5)).toEqual([]);
		expect(quantileBreaks([], 5)).toEqual([]);
	});

	it('rounds breaks to the shown decimals', () => {
		// The median of four values, (2.26 + 3.31) / 2 = 2.785, moves up to 3.31 and is shown as 3.3.
		expect(quantileBreaks([1.04, 2.26, 3.31, 4.47], 2, 1)).toEqual([3.3]);
	});
});

describe('naturalBreaks (Fisher–Jenks)', () => {
	it('finds the gaps between clusters', () => {
		const values = [1, 2, 3, 20, 21, 22, 50, 51, 52];
		expect(naturalBreaks(values, 3)).toEqual([20, 50]);
	});

	it('differs from quantiles on skewed data', () => {
		const values = [1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5, 100];
		expect(naturalBreaks(values, 2)).toEqual([100]);
		// The median, halfway between the fifth and sixth values (3.25), moves up to the sixth.
		expect(quantileBreaks(values, 2)).toEqual([3.5]);
	});

	it('gives as many classes as distinct values at most', () => {
		expect(naturalBreaks([1, 1, 2, 2], 5)).toEqual([2]);
	});

	it('matches the hand-computed optimum on a small set', () => {
		// 1 2 4 7 8 in two classes: {1 2 4}{7 8} costs 4.67 + 0.5 = 5.17, {1 2}{4 7 8} 0.5 + 8.67, {1 2 4 7}{8} 21: the first wins.
		expect(naturalBreaks([8, 1, 7, 2, 4], 2)).toEqual([7]);
		// Three classes: {1 2}{4}{7 8} costs 0.5 + 0 + 0.5 = 1, less than any other split.
		expect(naturalBreaks([8, 1, 7, 2, 4], 3)).toEqual([4, 7]);
	});

	it('is exact on a large set (all NL buurten)', () => {
		const values = Array.from({ length: 20000 }, (_, i) => (i < 10000 ? i % 100 : 1000 + (i % 100)));
		expect(naturalBreaks(values, 2)).toEqual([1000]);
	});
});

describe('symmetricBreaks', () => {
	it('puts thresholds at the terciles of the absolute differences, mirrored around zero', () => {
		const d = [-9, -6, -3, -1, 0, 1, 2, 4, 7];
		// |d| sorted: 0 1 1 2 3 4 6 7 9; terciles at position 8/3 = 2.67 → 1 + 0.67 × (2 − 1) = 1.67 → 2
		// and 16/3 = 5.33 → 4 + 0.33 × (6 − 4) = 4.67 → 6.
		expect(symmetricBreaks(d, 5)).toEqual([-6, -2, 2, 6]);
		expect(symmetricBreaks(d, 3)).toEqual([-2, 2]);
		// Whole positions give values of the set: |d| of 0…6 at 2 and 4.
		expect(symmetricBreaks([0, -1, 2, -3, 4, -5, 6], 5)).toEqual([-4, -2, 2, 4]);
	});

	it('drops a zero threshold (all areas equal to the city)', () => {
		expect(symmetricBreaks([0, 0, 0, 0, 0, 5], 5)).toEqual([]);
		// 0 0 0 4 5 6: position 5/3 = 1.67 → 0; 10/3 = 3.33 → 4 + 0.33 × (5 − 4) = 4.33 → 5.
		expect(symmetricBreaks([0, 0, 0, 4, 5, 6], 5)).toEqual([-5, 5]);
	});
});

describe('classOf', () => {
	it('follows MapLibre step: a value equal to a break is in the upper class', () => {
		expect(classOf(2.9, [3, 5])).toBe(0);
		expect(classOf(3, [3, 5])).toBe(1);
		expect(classOf(5, [3, 5])).toBe(2);
		expect(classOf(null, [3, 5])).toBeNull();
	});
});
