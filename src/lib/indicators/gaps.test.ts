import { describe, expect, it } from 'vitest';
import { commonPeriods, gapBetween, gapKind, gapTrend, toleranceFor } from './gaps';

// Obesity (RIVM 50090NED): Bloemhof 19.0 / 21.2 / 22.5, Rotterdam 14.9 / 16.7 / 17.5.
const bloemhof = [
	{ period: 2012, value: 19.0 },
	{ period: 2016, value: 21.2 },
	{ period: 2020, value: 22.5 }
];
const rotterdam = [
	{ period: 2012, value: 14.9 },
	{ period: 2016, value: 16.7 },
	{ period: 2020, value: 17.5 }
];

describe('gapBetween', () => {
	it('gives the latest gap, absolute and relative, and how it changed', () => {
		const g = gapBetween(bloemhof, rotterdam, 'rate', 1)!;
		expect(g.period).toBe(2020);
		expect(g.absolute).toBeCloseTo(5.0, 10); // 22.5 − 17.5
		expect(g.relative).toBeCloseTo(5 / 17.5, 10); // +28.6 %
		// 2016: 21.2 − 16.7 = 4.5 → 5.0: widened by 0.5.
		expect(g.sincePrevious).toMatchObject({ period: 2016, trend: 'widened' });
		expect(g.sincePrevious!.change).toBeCloseTo(0.5, 10);
		// 2012: 19.0 − 14.9 = 4.1 → 5.0: widened by 0.9.
		expect(g.sinceFirst).toMatchObject({ period: 2012, trend: 'widened' });
		expect(g.sinceFirst!.change).toBeCloseTo(0.9, 10);
	});

	it('compares only periods both series have, never across periods', () => {
		const ref = [
			{ period: 2012, value: 14.9 },
			{ period: 2016, value: null },
			{ period: 2021, value: 18 }
		];
		const g = gapBetween(bloemhof, ref, 'rate', 1)!;
		expect(g.period).toBe(2012);
		expect(g.sincePrevious).toBeNull();
		expect(g.sinceFirst).toBeNull();
		expect(gapBetween(bloemhof, [{ period: 2024, value: 3 }], 'rate', 1)).toBeNull();
	});

	it('calls a gap that changed side and grew widened, and one that shrank narrowed', () => {
		const area = [
			{ period: 1, value: 10 },
			{ period: 2, value: 12 }
		];
		expect(
			gapBetween(
				area,
				[
					{ period: 1, value: 12 },
					{ period: 2, value: 9 }
				],
				'rate',
				1
			)!.sincePrevious!.trend
		).toBe('widened'); // −2 → +3
		expect(
			gapBetween(
				area,
				[
					{ period: 1, value: 15 },
					{ period: 2, value: 13 }
				],
				'rate',
				1
			)!.sincePrevious!.trend
		).toBe('narrowed'); // −5 → −1
	});

	it('has no relative gap for an index or a non-positive reference, and no gap at all for counts', () => {
		expect(gapBetween(bloemhof, rotterdam, 'index', 0)!.relative).toBeNull();
		expect(gapBetween(bloemhof, rotterdam, 'count', 0)).toBeNull();
		expect(gapBetween([{ period: 1, value: 2 }], [{ period: 1, value: 0 }], 'rate', 1)!.relative).toBeNull();
		expect(gapKind('currency')).toBe('both');
	});
});

describe('gapTrend', () => {
	it('treats a change below half the last shown decimal as unchanged', () => {
		expect(toleranceFor(1)).toBeCloseTo(0.05, 12);
		expect(gapTrend(4.1, 4.14, toleranceFor(1))).toBe('unchanged');
		expect(gapTrend(4.1, 4.16, toleranceFor(1))).toBe('widened');
		expect(gapTrend(-4.1, -4.0, toleranceFor(1))).toBe('narrowed');
	});
});

describe('commonPeriods', () => {
	it('pairs values by period and skips unknowns', () => {
		expect(
			commonPeriods(bloemhof, [
				{ period: 2020, value: 17.5 },
				{ period: 2012, value: null }
			])
		).toEqual([{ period: 2020, area: 22.5, reference: 17.5 }]);
	});
});
