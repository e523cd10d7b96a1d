import { describe, expect, it } from 'vitest';
import { extremes, rankAmong, ranks } from './ranking';

describe('ranks', () => {
	const values = { A: 10, B: 30, C: 20, D: 20 };

	it('ranks the lowest first when lower is better, ties sharing a rank', () => {
		expect(Object.fromEntries(ranks(values, false))).toEqual({ A: 1, C: 2, D: 2, B: 4 });
	});

	it('ranks the highest first when higher is better or there is no direction', () => {
		expect(Object.fromEntries(ranks(values, true))).toEqual({ B: 1, C: 2, D: 2, A: 4 });
		expect(Object.fromEntries(ranks(values, null))).toEqual({ B: 1, C: 2, D: 2, A: 4 });
	});

	it('gives a set of areas the rank it would have', () => {
		expect(rankAmong(25, Object.values(values), false)).toBe(4);
		expect(rankAmong(25, Object.values(values), true)).toBe(2);
		expect(rankAmong(5, Object.values(values), false)).toBe(1);
	});
});

describe('extremes', () => {
	it('names the highest and lowest, the first code on a tie', () => {
		expect(extremes({ X: 3, B: 9, A: 9, C: 1 })).toEqual({ highest: 'A', lowest: 'C' });
		expect(extremes({})).toBeNull();
	});
});
