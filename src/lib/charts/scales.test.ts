import { describe, expect, it } from 'vitest';
import { lineRuns, nearestPeriod, periodTicks, runPath, tickDecimals, valueDomain, type ChartPoint } from './scales';

describe('lineRuns and runPath', () => {
	const periods = [2012, 2016, 2020, 2022];
	// Identity scales: the path shows periods and values as they are.
	const path = (run: ChartPoint[]) =>
		runPath(
			run,
			(p) => p,
			(v) => v
		);

	it('joins consecutive chart periods and breaks at a missing value', () => {
		const runs = lineRuns(
			[
				{ period: 2012, value: 19 },
				{ period: 2016, value: null },
				{ period: 2020, value: 22.5 },
				{ period: 2022, value: 23 }
			],
			periods
		);
		expect(runs.estimate).toEqual([]);
		expect(path(runs.solid)).toBe('M2020,22.5L2022,23');
		expect(path(runs.estimate)).toBe('');
	});

	it('draws a line with a gap as two pieces of one path', () => {
		const runs = lineRuns(
			[1, 2, null, 4, 5].map((value, i) => ({ period: i + 1, value })),
			[1, 2, 3, 4, 5]
		);
		expect(path(runs.solid)).toBe('M1,1L2,2M4,4L5,5');
	});

	it('breaks where the series lacks a period that the chart has, and dashes pieces with an estimate end', () => {
		const runs = lineRuns(
			[
				{ period: 2012, value: 19, estimate: true },
				{ period: 2016, value: 21.2, estimate: true },
				{ period: 2022, value: 25 }
			],
			periods
		);
		expect(path(runs.estimate)).toBe('M2012,19L2016,21.2');
		expect(path(runs.solid)).toBe('');
	});

	it('gives each piece one style: estimate at either end is dashed, the rest solid', () => {
		// est · measured · measured · est: dashed 1–2 and 3–4, solid 2–3, never both.
		const runs = lineRuns(
			[
				{ period: 1, value: 10, estimate: true },
				{ period: 2, value: 20 },
				{ period: 3, value: 30 },
				{ period: 4, value: 40, estimate: true }
			],
			[1, 2, 3, 4]
		);
		expect(path(runs.estimate)).toBe('M1,10L2,20M3,30L4,40');
		expect(path(runs.solid)).toBe('M2,20L3,30');
		// A lone value between gaps is no piece: only its marker shows it.
		const lone = lineRuns([{ period: 2, value: 20 }], [1, 2, 3]);
		expect(lone).toEqual({ solid: [], estimate: [] });
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
	it('spaces labels by year: no two closer than the span over the room for labels', () => {
		// Room for 5 labels over 2012–2024: at least 12 / 5 = 2.4 years apart.
		expect(periodTicks([2012, 2017, 2018, 2019, 2021, 2022, 2023, 2024], 5)).toEqual([2012, 2017, 2021, 2024]);
		expect(periodTicks([2012, 2016, 2020], 6)).toEqual([2012, 2016, 2020]);
		expect(periodTicks([2012, 2023, 2024], 6)).toEqual([2012, 2024]);
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
