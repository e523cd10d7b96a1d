import { describe, expect, it } from 'vitest';
import { classCounts, classOf, naturalBreaks, quantileBreaks, symmetricBreaks } from './classify';

describe('quantileBreaks', () => {
	it('splits ten values into five classes of two', () => {
		const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
		const breaks = quantileBreaks(values, 5);
		expect(breaks).toEqual([3, 5, 7, 9]);
		expect(classCounts(values, breaks)).toEqual([2, 2, 2, 2, 2]);
	});

	it('ignores order, null-like and non-finite values', () => {
		expect(quantileBreaks([10, NaN, 1, Infinity, 5, 3, 8, 2, 9, 4, 7, 6], 5)).toEqual([3, 5, 7, 9]);
	});

	it('never splits a tie: duplicate breaks are dropped, giving fewer classes', () => {
		const values = [1, 1, 1, 1, 1, 1, 1, 1, 2, 3];
		const breaks = quantileBreaks(values, 5);
		expect(breaks).toEqual([2]);
		expect(classCounts(values, breaks)).toEqual([8, 2]);
	});

	it('gives one class for equal values and none for no values', () => {
		expect(quantileBreaks([4, 4, 4], 5)).toEqual([]);
		expect(quantileBreaks([], 5)).toEqual([]);
	});

	it('rounds breaks to the shown decimals', () => {
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
		expect(quantileBreaks(values, 2)).toEqual([3.5]);
	});

	it('gives as many classes as distinct values at most', () => {
		expect(naturalBreaks([1, 1, 2, 2], 5)).toEqual([2]);
	});

	it('works on a large set through its sample', () => {
		const values = Array.from({ length: 20000 }, (_, i) => (i < 10000 ? i % 100 : 1000 + (i % 100)));
		const breaks = naturalBreaks(values, 2);
		expect(breaks).toHaveLength(1);
		expect(breaks[0]).toBeGreaterThan(99);
		expect(breaks[0]).toBeLessThanOrEqual(1000);
	});
});

describe('symmetricBreaks', () => {
	it('puts thresholds at the terciles of the absolute differences, mirrored around zero', () => {
		const d = [-9, -6, -3, -1, 0, 1, 2, 4, 7];
		// |d| sorted: 0 1 1 2 3 4 6 7 9 → terciles at index 3 and 6: 2 and 6.
		expect(symmetricBreaks(d, 5)).toEqual([-6, -2, 2, 6]);
		expect(symmetricBreaks(d, 3)).toEqual([-2, 2]);
	});

	it('drops a zero threshold (all areas equal to the city)', () => {
		expect(symmetricBreaks([0, 0, 0, 0, 0, 5], 5)).toEqual([]);
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
