import { describe, expect, it } from 'vitest';
import type { PageIndicator } from './types';
import { peerGroupOf, scorecard, spineOf } from './scorecard';

describe('spine', () => {
	const lowerBetter = { higherIsBetter: false, decimals: 1 };
	it('gives the spread of the peers and the rank, best = 1, equal shown figures sharing it', () => {
		// Obesity of the NPRZ focuswijken 2020; Bloemhof 22.5: four lower, so 5th.
		const s = spineOf('nprz', [18.7, 18.9, 19.8, 21.7, 22.5, 23.3, 23.9], 22.5, lowerBetter)!;
		expect([s.rank, s.of, s.min, s.max, s.median]).toEqual([5, 7, 18.7, 23.9, 21.7]);
		// Quartiles by linear interpolation: positions 1.5 and 4.5 of 0..6.
		expect(s.q1).toBeCloseTo(19.35);
		expect(s.q3).toBeCloseTo(22.9);
		// Higher is better: the same value is 3rd.
		expect(spineOf('nprz', [18.7, 18.9, 19.8, 21.7, 22.5, 23.3, 23.9], 22.5, { higherIsBetter: true, decimals: 1 })!.rank).toBe(3);
		// 19.84 shows as 19.8: shares rank 3 with 19.8.
		expect(spineOf('nprz', [18.7, 18.9, 19.8, 21.7], 19.84, lowerBetter)!.rank).toBe(3);
	});
	it('adds the area when the peers lack it, gives no rank without direction, and no spine below three values', () => {
		const s = spineOf('wijk', [10, 20], 15, { higherIsBetter: null, decimals: 0 })!;
		expect([s.values, s.rank, s.of]).toEqual([[10, 15, 20], null, 3]);
		expect(spineOf('wijk', [10], 15, lowerBetter)).toBeNull();
	});
	it('compares a focus area with its programme, a wijk or buurt with its gemeente, a gemeente with all', () => {
		expect(peerGroupOf({ kind: 'focus', programme: 'NPLV', gemeenteCode: 'GM0599' })).toBe('nplv');
		expect(peerGroupOf({ kind: 'focus', programme: 'NPRZ-focuswijk', gemeenteCode: 'GM0599' })).toBe('nprz');
		expect(peerGroupOf({ kind: 'wijk', programme: null, gemeenteCode: 'GM0599' })).toBe('wijk');
		expect(peerGroupOf({ kind: 'gemeente', programme: null, gemeenteCode: 'GM0599' })).toBe('gemeente');
		expect(peerGroupOf({ kind: 'land', programme: null, gemeenteCode: null })).toBeNull();
	});
});

describe('scorecard rows', () => {
	const series = (role: string, points: [number, number | null][]) => ({
		key: role,
		role,
		name: role,
		points: points.map(([period, value]) => ({ period, value, sources: [] }))
	});
	const obesity = {
		key: 'obesitas_pct',
		theme: 'gezondheid',
		kind: 'rate',
		higherIsBetter: false,
		decimals: 1,
		series: [
			series('area', [
				[2012, 19.0],
				[2016, 21.2],
				[2020, 22.5]
			]),
			series('stad', [
				[2012, 14.9],
				[2016, 16.7],
				[2020, 17.5]
			]),
			series('nl', [
				[2016, 14.3],
				[2020, 15.6]
			])
		]
	} as unknown as PageIndicator;
	const inhabitants = {
		...obesity,
		key: 'inwoners',
		kind: 'count',
		higherIsBetter: null,
		decimals: 0,
		series: [
			series('area', [
				[2024, 13900],
				[2025, 13740]
			]),
			series('stad', [[2025, 670000]])
		]
	} as unknown as PageIndicator;

	it('holds the city, NL and G4 of the same period, the gap to the city and the changes judged by direction', () => {
		const [row] = scorecard([{ indicators: [obesity] }], ['obesitas_pct']);
		expect(row).toMatchObject({ period: 2020, value: 22.5, city: 17.5, nl: 15.6, g4: null, spine: null });
		expect(row.gapCity).toBeCloseTo(5.0);
		expect(row.sincePrevious).toMatchObject({ period: 2016, better: false });
		expect(row.sincePrevious!.change).toBeCloseTo(1.3);
		expect(row.sinceFirst).toMatchObject({ period: 2012, better: false });
		expect(row.sinceFirst!.change).toBeCloseTo(3.5);
	});
	it('gives counts no references, gap or judgement; one earlier period gives no change since the first', () => {
		const [row] = scorecard([{ indicators: [inhabitants] }], ['inwoners']);
		expect(row).toMatchObject({ period: 2025, value: 13740, nl: null, g4: null, gapCity: null, sinceFirst: null });
		expect(row.sincePrevious).toEqual({ period: 2024, change: -160, better: null });
	});
});
