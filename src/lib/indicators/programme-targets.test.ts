import { describe, expect, it } from 'vitest';
import { convergence, evaluateTarget, glidePath, plannedDistance, type ProgrammeTarget } from './programme-targets';

/** A test target (not a published one): obesity in a focus area down to 15.0 % by 2030, from 2010. */
const absolute: ProgrammeTarget = {
	id: 'test-obesitas-15',
	area: 'nprz-bloemhof',
	indicator: 'obesitas_pct',
	kind: 'waarde',
	value: 15,
	reference: null,
	baseYear: 2010,
	targetYear: 2030,
	citation: 'testdoel',
	url: null,
	setBy: 'test',
	setOn: '2010'
};
const lowerIsBetter = { higherIsBetter: false, decimals: 1 };
const series = (pairs: [number, number | null][]) => pairs.map(([period, value]) => ({ period, value }));

describe('plannedDistance', () => {
	it('runs straight from the baseline distance to 0 in the target year, and stays 0 after', () => {
		expect(plannedDistance(10, 2010, 2030, 2010)).toBe(10);
		expect(plannedDistance(10, 2010, 2030, 2020)).toBe(5);
		expect(plannedDistance(10, 2010, 2030, 2025)).toBe(2.5);
		expect(plannedDistance(10, 2010, 2030, 2030)).toBe(0);
		expect(plannedDistance(10, 2010, 2030, 2035)).toBe(0);
	});
});

describe('evaluateTarget: absolute target, lower is better', () => {
	it('is on course at or below the path', () => {
		// Baseline 25 → distance 10; path in 2020: 15 + 5 = 20. Value 19.0: 1 below the path.
		const e = evaluateTarget(
			absolute,
			lowerIsBetter,
			series([
				[2010, 25],
				[2015, 22],
				[2020, 19]
			])
		);
		expect(e.status).toBe('op_koers');
		expect(e.baseline).toEqual({ period: 2010, distance: 10 });
		expect(e.latest).toEqual({ period: 2020, distance: 4, planned: 5 });
		expect(e.path).toEqual(
			series([
				[2010, 25],
				[2030, 15]
			])
		);
	});

	it('is on course when exactly on the path, and within the display tolerance', () => {
		expect(
			evaluateTarget(
				absolute,
				lowerIsBetter,
				series([
					[2010, 25],
					[2020, 20]
				])
			).status
		).toBe('op_koers');
		// 20.04 shows as 20,0: the same as the path.
		expect(
			evaluateTarget(
				absolute,
				lowerIsBetter,
				series([
					[2010, 25],
					[2020, 20.04]
				])
			).status
		).toBe('op_koers');
	});

	it('is off course above the path', () => {
		// Path 2020: 20. Value 21: 1 worse.
		const e = evaluateTarget(
			absolute,
			lowerIsBetter,
			series([
				[2010, 25],
				[2020, 21]
			])
		);
		expect(e.status).toBe('niet_op_koers');
		expect(e.latest).toEqual({ period: 2020, distance: 6, planned: 5 });
	});

	it('is achieved at or below the target value, also before the target year', () => {
		expect(
			evaluateTarget(
				absolute,
				lowerIsBetter,
				series([
					[2010, 25],
					[2020, 15]
				])
			).status
		).toBe('gehaald');
		expect(
			evaluateTarget(
				absolute,
				lowerIsBetter,
				series([
					[2010, 25],
					[2020, 14.2]
				])
			).status
		).toBe('gehaald');
	});

	it('is off course after the target year when not reached', () => {
		expect(
			evaluateTarget(
				absolute,
				lowerIsBetter,
				series([
					[2010, 25],
					[2032, 15.5]
				])
			).status
		).toBe('niet_op_koers');
	});

	it('uses the latest value after the baseline; values before the baseline play no part', () => {
		const e = evaluateTarget(
			absolute,
			lowerIsBetter,
			series([
				[2005, 40],
				[2010, 25],
				[2016, 30],
				[2020, null]
			])
		);
		// 2016: path 15 + 10 × (1 − 6/20) = 22; value 30: off course.
		expect(e.status).toBe('niet_op_koers');
		expect(e.latest!.period).toBe(2016);
		expect(e.latest!.planned).toBeCloseTo(7, 10);
	});

	it('respects higher-is-better', () => {
		const up: ProgrammeTarget = { ...absolute, value: 70 };
		// Baseline 60 → distance −10; 2020 plans −5 (65). 66: better than the path.
		expect(
			evaluateTarget(
				up,
				{ higherIsBetter: true, decimals: 1 },
				series([
					[2010, 60],
					[2020, 66]
				])
			).status
		).toBe('op_koers');
		expect(
			evaluateTarget(
				up,
				{ higherIsBetter: true, decimals: 1 },
				series([
					[2010, 60],
					[2020, 64]
				])
			).status
		).toBe('niet_op_koers');
		expect(
			evaluateTarget(
				up,
				{ higherIsBetter: true, decimals: 1 },
				series([
					[2010, 60],
					[2020, 71]
				])
			).status
		).toBe('gehaald');
	});
});

describe('evaluateTarget: unknown, with the reason', () => {
	it('an indicator without a better direction', () => {
		expect(
			evaluateTarget(
				absolute,
				{ higherIsBetter: null, decimals: 1 },
				series([
					[2010, 25],
					[2020, 19]
				])
			)
		).toMatchObject({
			status: 'onbekend',
			reason: 'no-direction'
		});
	});
	it('no figures for the area (a source that does not cover it)', () => {
		expect(evaluateTarget(absolute, lowerIsBetter, [])).toMatchObject({ status: 'onbekend', reason: 'no-area-figures', path: [] });
		expect(evaluateTarget(absolute, lowerIsBetter, series([[2010, null]]))).toMatchObject({ status: 'onbekend', reason: 'no-area-figures' });
	});
	it('no figure in the baseline period', () => {
		expect(
			evaluateTarget(
				absolute,
				lowerIsBetter,
				series([
					[2012, 25],
					[2020, 19]
				])
			)
		).toMatchObject({ status: 'onbekend', reason: 'no-baseline' });
	});
	it('no figure after the baseline: the path is known, the status is not', () => {
		const e = evaluateTarget(absolute, lowerIsBetter, series([[2010, 25]]));
		expect(e).toMatchObject({ status: 'onbekend', reason: 'no-latest', baseline: { period: 2010, distance: 10 } });
		expect(e.path).toHaveLength(2);
	});
	it('a reference target without reference figures', () => {
		const ref: ProgrammeTarget = { ...absolute, kind: 'referentie', value: null, reference: 'g4' };
		expect(
			evaluateTarget(
				ref,
				lowerIsBetter,
				series([
					[2010, 25],
					[2020, 19]
				]),
				[]
			)
		).toMatchObject({ status: 'onbekend', reason: 'no-reference-figures' });
	});
	it('a reference target whose area and reference share no period', () => {
		const ref: ProgrammeTarget = { ...absolute, kind: 'referentie', value: null, reference: 'g4' };
		expect(evaluateTarget(ref, lowerIsBetter, series([[2010, 25]]), series([[2012, 6]]))).toMatchObject({ status: 'onbekend', reason: 'no-common-period' });
	});
});

describe('evaluateTarget: reaching a moving reference', () => {
	// Bijstand-like rate, lower is better: the area should reach the G4 by 2030, from 2010.
	const toG4: ProgrammeTarget = { ...absolute, kind: 'referentie', value: null, reference: 'g4' };

	it('works on the gap, so a reference that improves raises the bar', () => {
		// 2010: 12 vs 6 → gap 6. 2020 plans gap 3.
		// The area falls to 10 (−2) but the G4 falls to 5: gap 5 > 3 → off course,
		// although against the 2010 G4 the area would be "on course".
		const e = evaluateTarget(
			toG4,
			lowerIsBetter,
			series([
				[2010, 12],
				[2020, 10]
			]),
			series([
				[2010, 6],
				[2020, 5]
			])
		);
		expect(e.status).toBe('niet_op_koers');
		expect(e.latest).toEqual({ period: 2020, distance: 5, planned: 3 });
		// The path on the chart: the reference of each period plus the planned gap.
		expect(e.path).toEqual(
			series([
				[2010, 12],
				[2020, 8]
			])
		);
	});

	it('is on course when the gap closes as planned, whatever the reference does', () => {
		// Gap 2010: 6; 2020: 8.8 − 6 = 2.8 ≤ 3.
		expect(
			evaluateTarget(
				toG4,
				lowerIsBetter,
				series([
					[2010, 12],
					[2020, 8.8]
				]),
				series([
					[2010, 6],
					[2020, 6]
				])
			).status
		).toBe('op_koers');
	});

	it('is achieved when the gap is closed or on the better side', () => {
		expect(
			evaluateTarget(
				toG4,
				lowerIsBetter,
				series([
					[2010, 12],
					[2020, 5]
				]),
				series([
					[2010, 6],
					[2020, 5]
				])
			).status
		).toBe('gehaald');
		expect(
			evaluateTarget(
				toG4,
				lowerIsBetter,
				series([
					[2010, 12],
					[2020, 4]
				]),
				series([
					[2010, 6],
					[2020, 5]
				])
			).status
		).toBe('gehaald');
	});

	it('compares only periods both have', () => {
		const e = evaluateTarget(
			toG4,
			lowerIsBetter,
			series([
				[2010, 12],
				[2015, 9],
				[2020, 10]
			]),
			series([
				[2010, 6],
				[2015, 5]
			])
		);
		// 2020 has no G4 figure: the latest common period is 2015 (gap 4; plans 4.5) → on course.
		expect(e.latest).toEqual({ period: 2015, distance: 4, planned: 4.5 });
		expect(e.status).toBe('op_koers');
	});

	it('draws the path only where the reference has a value', () => {
		expect(
			glidePath(
				toG4,
				6,
				series([
					[2005, 7],
					[2010, 6],
					[2015, null],
					[2020, 5]
				])
			)
		).toEqual(
			series([
				[2010, 12],
				[2020, 8]
			])
		);
	});
});

describe('convergence', () => {
	it('converging: the year a least-squares line through the gap reaches 0, rounded up', () => {
		// Gap 6, 5, 4 in 2010, 2012, 2014: slope −0.5 a year, 0 in 2022.
		expect(convergence(series3([6, 5, 4]), -1, 0.05)).toEqual({ kind: 'jaar', year: 2022, points: 3 });
		// 6, 5, 4.5: slope −0.375, intercept at 2010 = 5.9167 → 2010 + 15.78 → 2026.
		expect(convergence(series3([6, 5, 4.5]), -1, 0.05)).toEqual({ kind: 'jaar', year: 2026, points: 3 });
	});
	it('diverging: the gap grows', () => {
		expect(convergence(series3([4, 5, 6]), -1, 0.05)).toEqual({ kind: 'uiteen' });
	});
	it('flat: never reaches 0', () => {
		expect(convergence(series3([4, 4, 4]), -1, 0.05)).toEqual({ kind: 'uiteen' });
	});
	it('fewer than 3 points: too few', () => {
		expect(convergence(series3([6, 5]), -1, 0.05)).toEqual({ kind: 'te-weinig', points: 2 });
		expect(convergence([], -1, 0.05)).toEqual({ kind: 'te-weinig', points: 0 });
	});
	it('already reached', () => {
		expect(convergence(series3([6, 3, 0]), -1, 0.05)).toEqual({ kind: 'gehaald' });
	});
	it('higher is better: the distance has to rise to 0', () => {
		expect(convergence(series3([-6, -5, -4]), 1, 0.05)).toEqual({ kind: 'jaar', year: 2022, points: 3 });
		expect(convergence(series3([-4, -5, -6]), 1, 0.05)).toEqual({ kind: 'uiteen' });
	});
	it('is part of the evaluation, from the baseline on', () => {
		const e = evaluateTarget(
			absolute,
			lowerIsBetter,
			series([
				[2005, 40],
				[2010, 21],
				[2012, 20],
				[2014, 19]
			])
		);
		// Distances 6, 5, 4 from 2010 (the 2005 figure is before the baseline).
		expect(e.convergence).toEqual({ kind: 'jaar', year: 2022, points: 3 });
	});
});

/** Distances in 2010, 2012, 2014 … */
function series3(ds: number[]) {
	return ds.map((distance, i) => ({ period: 2010 + 2 * i, distance }));
}
