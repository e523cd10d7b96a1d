import { describe, expect, it } from 'vitest';
import { nearestPeriod, periodTicks, segments, tickDecimals, valueDomain } from './scales';

describe('segments', () => {
	const periods = [2012, 2016, 2020, 2022];
	it('joins consecutive chart periods and breaks at a missing value', () => {
		const s = segments(
			[
				{ period: 2012, value: 19 },
				{ period: 2016, value: null },
				{ period: 2020, value: 22.5 },
				{ period: 2022, value: 23 }
			],
			periods
		);
		expect(s).toEqual([{ from: { period: 2020, value: 22.5 }, to: { period: 2022, value: 23 }, estimate: false }]);
	});

	it('breaks where the series lacks a period that the chart has, and marks estimate pieces', () => {
		const s = segments(
			[
				{ period: 2012, value: 19, estimate: true },
				{ period: 2016, value: 21.2, estimate: true },
				{ period: 2022, value: 25 }
			],
			periods
		);
		expect(s).toHaveLength(1);
		expect(s[0]).toMatchObject({ from: { period: 2012 }, to: { period: 2016 }, estimate: true });
	});
});

describe('valueDomain', () => {
	it('starts at 0 for percentages and adds room above', () => {
		expect(valueDomain([12.9, 22.5], true)).toEqual([0, 22.5 + 0.96]);
	});
	it('keeps the data range for an index far from 0', () => {
		const [lo, hi] = valueDomain([85, 105], false);
		expect(lo).toBeCloseTo(83, 10);
		expect(hi).toBeCloseTo(107, 10);
	});
	it('gives room around a single value and copes with nothing', () => {
		expect(valueDomain([200], false)).toEqual([180, 220]);
		expect(valueDomain([], false)).toEqual([0, 1]);
		expect(valueDomain([-5, 5], true)).toEqual([-6, 6]);
	});
});

describe('periodTicks and tickDecimals', () => {
	it('labels every period that fits, else every k-th with the last', () => {
		expect(periodTicks([2016, 2012, 2020], 6)).toEqual([2012, 2016, 2020]);
		const years = Array.from({ length: 14 }, (_, i) => 2009 + i);
		const ticks = periodTicks(years, 5);
		expect(ticks[0]).toBe(2009);
		expect(ticks[ticks.length - 1]).toBe(2022);
		expect(ticks.length).toBeLessThanOrEqual(6);
	});
	it('gives the decimals a tick step needs', () => {
		expect(tickDecimals(5)).toBe(0);
		expect(tickDecimals(0.5)).toBe(1);
		expect(tickDecimals(0.2)).toBe(1);
		expect(tickDecimals(0.01)).toBe(2);
	});
	it('finds the nearest chart period', () => {
		expect(nearestPeriod([2012, 2016, 2020], 2017.9)).toBe(2016);
		expect(nearestPeriod([], 2017)).toBeNull();
	});
});
