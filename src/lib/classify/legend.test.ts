import { describe, expect, it } from 'vitest';
import { differenceClasses, legendEntries, rangeLabel, valueClasses } from './legend';

describe('valueClasses', () => {
	const values = [8.5, 10, 12.1, 14, 15.8, 17, 18.3, 20, 21.3, 24.5];

	it('gives breaks, colours and counts that agree', () => {
		const cs = valueClasses(values, { method: 'kwantiel', higherIsBetter: false, decimals: 1 });
		expect(cs.scheme).toBe('sequential');
		expect(cs.colours).toHaveLength(cs.breaks.length + 1);
		expect(cs.counts.reduce((a, b) => a + b, 0)).toBe(values.length);
		expect([cs.min, cs.max]).toEqual([8.5, 24.5]);
	});

	it('has no classes without values', () => {
		const cs = valueClasses([], { method: 'natuurlijk', higherIsBetter: null });
		expect(cs).toMatchObject({ breaks: [], colours: [], counts: [], min: null, max: null });
	});
});

describe('differenceClasses and legend entries', () => {
	it('marks the class around zero as the middle one', () => {
		const cs = differenceClasses([-9, -6, -3, -1, 0, 1, 2, 4, 7], { higherIsBetter: false, decimals: 1 });
		const entries = legendEntries(cs);
		expect(entries).toHaveLength(5);
		expect(entries.map((e) => e.middle)).toEqual([false, false, true, false, false]);
		expect(entries[2]).toMatchObject({ from: -2, to: 2, count: 3 });
		expect(entries[0]).toMatchObject({ from: null, to: -6 });
		expect(entries[4]).toMatchObject({ from: 6, to: null });
	});
});

describe('rangeLabel', () => {
	const fmt = (v: number) => v.toFixed(1).replace('.', ',');
	it('writes open ends with < and ≥', () => {
		expect(rangeLabel({ from: null, to: 12 }, fmt)).toBe('< 12,0');
		expect(rangeLabel({ from: 12, to: 16 }, fmt)).toBe('12,0 – 16,0');
		expect(rangeLabel({ from: 16, to: null }, fmt)).toBe('≥ 16,0');
	});
	it('shows the range of values for a single class', () => {
		expect(rangeLabel({ from: null, to: null }, fmt, { min: 3, max: 4 })).toBe('3,0 – 4,0');
		expect(rangeLabel({ from: null, to: null }, fmt, { min: 3, max: 3 })).toBe('3,0');
	});
});
