import { describe, expect, it } from 'vitest';
import { aggregate, coverageShare, difference, isComplete, nearest, type AggregationRule, type MemberInput } from './aggregate';

// Hand-computed cases; the arithmetic is in the comments. Numbers are invented.
const COUNT: AggregationRule = { kind: 'count', estimate: false, hasNumerator: false, scale: null };
const SHARE: AggregationRule = { kind: 'rate', estimate: false, hasNumerator: false, scale: null };
const ESTIMATED_SHARE: AggregationRule = { ...SHARE, estimate: true };
const PER_1000: AggregationRule = { kind: 'rate', estimate: false, hasNumerator: true, scale: 1000 };

const w = (value: number, period = 2020) => ({ value, period });

describe('aggregate: counts', () => {
	it('sums the members that have a value and reports coverage', () => {
		// 120 + 80 = 200; C has no value: 2 of 3 members, 1000 + 500 of 1800 inhabitants.
		const a = aggregate(COUNT, 2020, [
			{ code: 'A', value: 120, population: 1000 },
			{ code: 'B', value: 80, population: 500 },
			{ code: 'C', value: null, population: 300 }
		]);
		expect(a).toMatchObject({
			value: 200,
			method: 'sum',
			total: 200,
			weightSum: null,
			membersTotal: 3,
			membersWithData: 2,
			populationTotal: 1800,
			populationCovered: 1500
		});
		expect(coverageShare(a)).toBeCloseTo(1500 / 1800, 12);
		expect(isComplete(a)).toBe(false);
	});

	it('a single member with a value is "published", and complete', () => {
		const a = aggregate(COUNT, 2020, [{ code: 'A', value: 52728, population: 650000, source: 'politie-x' }]);
		expect(a).toMatchObject({ value: 52728, method: 'published', membersWithData: 1, membersTotal: 1, sources: ['politie-x'] });
		expect(isComplete(a)).toBe(true);
	});

	it('gives null, never 0, when no member has a value', () => {
		const a = aggregate(COUNT, 2020, [
			{ code: 'A', value: null, population: 1000 },
			{ code: 'B', value: null, population: 500, children: [{ code: 'B1', value: null }] }
		]);
		expect(a.value).toBeNull();
		expect(a.method).toBe('none');
		expect(a.membersWithData).toBe(0);
		expect(a.membersTotal).toBe(2);
		// Inhabitants are known (1500), none of them covered.
		expect(a.populationTotal).toBe(1500);
		expect(a.populationCovered).toBe(0);
		expect(coverageShare(a)).toBe(0);
		expect(aggregate(COUNT, 2020, []).value).toBeNull();
		expect(aggregate(SHARE, 2020, [{ code: 'A', value: null, weight: w(100) }]).value).toBeNull();
	});

	it('builds a member without a value of its own from its children, and only then', () => {
		// Wijk W has no value: 3 + 4 = 7 from its buurten; V has 5 → 7 + 5 = 12.
		const a = aggregate(COUNT, 2024, [
			{
				code: 'W',
				value: null,
				children: [
					{ code: 'W1', value: 3 },
					{ code: 'W2', value: 4 }
				]
			},
			{ code: 'V', value: 5, children: [{ code: 'V1', value: 100 }] }
		]);
		expect(a.value).toBe(12);
		expect(a.membersWithData).toBe(2);
	});
});

describe('aggregate: rates and amounts', () => {
	it('weights the members by their weight', () => {
		// (20 × 1000 + 10 × 3000) / (1000 + 3000) = 50 000 / 4000 = 12.5
		const a = aggregate(SHARE, 2020, [
			{ code: 'A', value: 20, weight: w(1000) },
			{ code: 'B', value: 10, weight: w(3000) }
		]);
		expect(a).toMatchObject({ value: 12.5, method: 'weighted', total: 50000, weightSum: 4000, weightPeriods: [] });
	});

	it('recomputes a rate from numerator and denominator where a member has both', () => {
		// Published 100 and 50 are rounded; (31 + 10) / (300 + 200) × 1000 = 41 / 500 × 1000 = 82.
		const a = aggregate(PER_1000, 2024, [
			{ code: 'A', value: 100, numerator: 31, denominator: 300, weight: w(300, 2024) },
			{ code: 'B', value: 50, numerator: 10, denominator: 200, weight: w(200, 2024) }
		]);
		expect(a.method).toBe('ratio');
		expect(a.value).toBeCloseTo(82, 12);
		expect(a.total).toBe(41000);
		expect(a.weightSum).toBe(500);
	});

	it('mixes recomputed and weighted members as "weighted"', () => {
		// A: 30 / 300 → 30 × 1000 = 30 000 over 300; B has no numerator: 50 × 200 = 10 000 over 200.
		// (30 000 + 10 000) / (300 + 200) = 80.
		const a = aggregate(PER_1000, 2024, [
			{ code: 'A', value: 99, numerator: 30, denominator: 300, weight: w(300, 2024) },
			{ code: 'B', value: 50, numerator: null, denominator: null, weight: w(200, 2024) }
		]);
		expect(a.method).toBe('weighted');
		expect(a.value).toBeCloseTo(80, 12);
	});

	it('reports partial coverage: members and inhabitants', () => {
		// Only A (1000 inhabitants) has a value: 20. B (3000) has none → 1 of 2 members, 1000 / 4000 = 25 %.
		const a = aggregate(SHARE, 2020, [
			{ code: 'A', value: 20, weight: w(1000), population: 1000 },
			{ code: 'B', value: null, weight: w(3000), population: 3000 }
		]);
		expect(a).toMatchObject({ value: 20, membersWithData: 1, membersTotal: 2, populationTotal: 4000, populationCovered: 1000 });
		expect(coverageShare(a)).toBe(0.25);
		expect(isComplete(a)).toBe(false);
	});

	it('counts the inhabitants of a member built from its children in the total as well', () => {
		// W has no own value or inhabitant count; its buurten have both (1000 + 1500 = 2500).
		// V (2000 inhabitants) has no value. Covered 2500 of 2500 + 2000 = 4500 → 55.6 %, not 100 %.
		const a = aggregate(SHARE, 2024, [
			{
				code: 'W',
				value: null,
				population: null,
				children: [
					{ code: 'W1', value: 10, weight: w(1000, 2024), population: 1000 },
					{ code: 'W2', value: 20, weight: w(1500, 2024), population: 1500 }
				]
			},
			{ code: 'V', value: null, weight: w(2000, 2024), population: 2000 }
		]);
		// (10 × 1000 + 20 × 1500) / 2500 = 40 000 / 2500 = 16
		expect(a.value).toBe(16);
		expect(a.populationTotal).toBe(4500);
		expect(a.populationCovered).toBe(2500);
		expect(coverageShare(a)).toBeCloseTo(2500 / 4500, 12);
	});

	it('notes weights taken from another period', () => {
		// The 2020 value of A is weighted with inhabitants of 2022, B's with 2020 and C's with 2018.
		// (20 × 1000 + 10 × 1000 + 30 × 2000) / 4000 = 90 000 / 4000 = 22.5
		const a = aggregate(SHARE, 2020, [
			{ code: 'A', value: 20, weight: w(1000, 2022) },
			{ code: 'B', value: 10, weight: w(1000, 2020) },
			{ code: 'C', value: 30, weight: w(2000, 2018) }
		]);
		expect(a.value).toBe(22.5);
		expect(a.weightPeriods).toEqual([2018, 2022]);
	});

	it('uses children only when the parent has no value', () => {
		const children: MemberInput[] = [
			{ code: 'W1', value: 10, weight: w(400), source: 'child-src' },
			{ code: 'W2', value: 40, weight: w(100), source: 'child-src' }
		];
		// Parent published 25 (weight 500): the children are ignored.
		const own = aggregate(SHARE, 2020, [{ code: 'W', value: 25, weight: w(500), source: 'own-src', children }]);
		expect(own).toMatchObject({ value: 25, method: 'published', sources: ['own-src'] });
		// Parent without value: (10 × 400 + 40 × 100) / 500 = 8000 / 500 = 16, with the children's source.
		const built = aggregate(SHARE, 2020, [{ code: 'W', value: null, weight: w(500), children }]);
		expect(built).toMatchObject({ value: 16, total: 8000, weightSum: 500, sources: ['child-src'], membersWithData: 1 });
		// Next to a sibling: (8000 + 30 × 500) / (500 + 500) = 23 000 / 1000 = 23.
		const withSibling = aggregate(SHARE, 2020, [
			{ code: 'W', value: null, weight: w(500), children },
			{ code: 'V', value: 30, weight: w(500) }
		]);
		expect(withSibling.value).toBe(23);
	});

	it('recomputes a ratio inside children too', () => {
		// Wijk without its own rate; buurten (100 / 1000) and (180 / 1500): 280 / 2500 × 1000 = 112.
		const a = aggregate(PER_1000, 2024, [
			{
				code: 'W',
				value: null,
				children: [
					{ code: 'B1', value: 100, numerator: 100, denominator: 1000 },
					{ code: 'B2', value: 120, numerator: 180, denominator: 1500 }
				]
			}
		]);
		expect(a.value).toBeCloseTo(112, 12);
		expect(a.weightSum).toBe(2500);
	});

	it('uses a single member without a weight as it is, but cannot combine two', () => {
		const one = aggregate(SHARE, 2020, [{ code: 'NL01', value: 15, weight: null, source: 'rivm' }]);
		expect(one).toMatchObject({ value: 15, method: 'published', membersWithData: 1, total: null, weightSum: null, sources: ['rivm'] });
		const two = aggregate(SHARE, 2020, [
			{ code: 'A', value: 15, weight: null },
			{ code: 'B', value: 25, weight: null }
		]);
		expect(two.value).toBeNull();
		expect(two.membersWithData).toBe(0);
		// A weight of 0 is no weight either.
		expect(
			aggregate(SHARE, 2020, [
				{ code: 'A', value: 15, weight: w(0) },
				{ code: 'B', value: 25, weight: w(0) }
			]).value
		).toBeNull();
	});

	it('leaves out a member value that cannot be weighed, with its source and flags', () => {
		// A (weight 1000) gives 20; B has no weight and cannot be combined, so neither its
		// source nor its provisional mark describe the result.
		const a = aggregate(SHARE, 2023, [
			{ code: 'A', value: 20, weight: w(1000, 2023), source: 'a-src', provisional: false },
			{ code: 'B', value: 90, weight: null, source: 'b-src', provisional: true }
		]);
		expect(a).toMatchObject({ value: 20, membersWithData: 1, membersTotal: 2, sources: ['a-src'], provisional: false });
	});
});

describe('aggregate: flags', () => {
	it('marks a model estimate', () => {
		const members: MemberInput[] = [{ code: 'A', value: 20, weight: w(1000) }];
		expect(aggregate(ESTIMATED_SHARE, 2020, members).estimate).toBe(true);
		expect(aggregate(SHARE, 2020, members).estimate).toBe(false);
		// Nothing known: nothing estimated either.
		expect(aggregate(ESTIMATED_SHARE, 2020, [{ code: 'A', value: null, weight: w(1000) }]).estimate).toBe(false);
		// From children.
		expect(aggregate(ESTIMATED_SHARE, 2020, [{ code: 'W', value: null, children: members }]).estimate).toBe(true);
	});

	it('marks a result provisional when any contributing member is', () => {
		const a = aggregate(COUNT, 2024, [
			{ code: 'A', value: 10, provisional: false },
			{ code: 'B', value: 5, provisional: true }
		]);
		expect(a).toMatchObject({ value: 15, provisional: true });
		expect(aggregate(COUNT, 2022, [{ code: 'A', value: 10, provisional: false }]).provisional).toBe(false);
		expect(aggregate(COUNT, 2024, [{ code: 'W', value: null, children: [{ code: 'B', value: 5, provisional: true }] }]).provisional).toBe(true);
		// A member without a value does not make the result provisional.
		expect(
			aggregate(COUNT, 2024, [
				{ code: 'A', value: 10 },
				{ code: 'B', value: null, provisional: true }
			]).provisional
		).toBe(false);
	});
});

describe('difference (rest of the city)', () => {
	// City: one published value 16.5 weighted with 9000 inhabitants → total 148 500, weight 9000.
	const city = aggregate(ESTIMATED_SHARE, 2020, [{ code: 'GM', value: 16.5, weight: w(9000, 2022), population: 9000 }]);
	// Focus area: 22 × 2000 + 18 × 1800 = 44 000 + 32 400 = 76 400 over 3800.
	const focus = aggregate(ESTIMATED_SHARE, 2020, [
		{ code: 'W1', value: 22, weight: w(2000, 2022), population: 2000 },
		{ code: 'W2', value: 18, weight: w(1800, 2022), population: 1800 }
	]);

	it('subtracts weighted sums and weights, not a re-aggregation of the remaining areas', () => {
		expect(focus.value).toBeCloseTo(76400 / 3800, 12); // 20.105…
		// (148 500 − 76 400) / (9000 − 3800) = 72 100 / 5200 = 13.865…
		const rest = difference(ESTIMATED_SHARE, city, focus);
		expect(rest.method).toBe('difference');
		expect(rest.value).toBeCloseTo(72100 / 5200, 12);
		expect(rest.total).toBeCloseTo(72100, 9);
		expect(rest.weightSum).toBe(5200);
		expect(rest).toMatchObject({ estimate: true, weightPeriods: [2022], populationTotal: 5200, populationCovered: 5200 });
	});

	it('subtracts counts', () => {
		// 1130 − (280 + 120) = 730
		const whole = aggregate(COUNT, 2024, [{ code: 'GM', value: 1130, provisional: true }]);
		const part = aggregate(COUNT, 2024, [
			{ code: 'W1', value: 280 },
			{ code: 'W2', value: 120 }
		]);
		expect(difference(COUNT, whole, part)).toMatchObject({ value: 730, method: 'difference', provisional: true });
	});

	it('carries the incompleteness of the part into the rest', () => {
		// Part: only W1 (2000 of 3800 inhabitants) has a value → 22 × 2000 = 44 000 over 2000.
		// Rest: (148 500 − 44 000) / (9000 − 2000) = 104 500 / 7000 = 14.928…; W2's 1800 inhabitants are
		// still inside it, so of the 5200 rest inhabitants 5200 − 1800 = 3400 are covered.
		const part = aggregate(ESTIMATED_SHARE, 2020, [
			{ code: 'W1', value: 22, weight: w(2000, 2022), population: 2000 },
			{ code: 'W2', value: null, weight: w(1800, 2022), population: 1800 }
		]);
		const rest = difference(ESTIMATED_SHARE, city, part);
		expect(rest.value).toBeCloseTo(104500 / 7000, 12);
		expect(rest).toMatchObject({ membersWithData: 1, membersTotal: 2, populationTotal: 5200, populationCovered: 3400 });
		expect(coverageShare(rest)).toBeCloseTo(3400 / 5200, 12);
	});

	it('carries the incompleteness of the whole into the rest', () => {
		// City built from its wijken, of which only W1 (2000) and W3 (5000) have values; W2 (2000) has none:
		// the city covers 7000 of 9000 inhabitants. Focus area = W1 (complete).
		// Rest: of its 9000 − 2000 = 7000 inhabitants only W3's 5000 are covered.
		const whole = aggregate(SHARE, 2020, [
			{
				code: 'GM',
				value: null,
				population: 9000,
				children: [
					{ code: 'W1', value: 20, weight: w(2000), population: 2000 },
					{ code: 'W2', value: null, weight: w(2000), population: 2000 },
					{ code: 'W3', value: 10, weight: w(5000), population: 5000 }
				]
			}
		]);
		const part = aggregate(SHARE, 2020, [{ code: 'W1', value: 20, weight: w(2000), population: 2000 }]);
		const rest = difference(SHARE, whole, part);
		// (20 × 2000 + 10 × 5000 − 20 × 2000) / (7000 − 2000) = 50 000 / 5000 = 10
		expect(rest.value).toBeCloseTo(10, 12);
		expect(rest).toMatchObject({ populationTotal: 7000, populationCovered: 5000 });
		expect(isComplete(rest)).toBe(false);
	});

	it('is null when the remaining weight is zero or negative', () => {
		// Part weight 9000 = whole weight 9000 → 0 left; part weight 9500 > 9000 → negative.
		const same = aggregate(SHARE, 2020, [{ code: 'W', value: 10, weight: w(9000) }]);
		const bigger = aggregate(SHARE, 2020, [{ code: 'W', value: 10, weight: w(9500) }]);
		const whole = aggregate(SHARE, 2020, [{ code: 'GM', value: 16.5, weight: w(9000) }]);
		expect(difference(SHARE, whole, same).value).toBeNull();
		expect(difference(SHARE, whole, bigger).value).toBeNull();
		expect(difference(SHARE, whole, bigger).method).toBe('none');
	});

	it('is null when a count would become negative, or either side is unknown or unweighted', () => {
		const whole = aggregate(COUNT, 2024, [{ code: 'GM', value: 100 }]);
		const part = aggregate(COUNT, 2024, [{ code: 'W', value: 150 }]);
		expect(difference(COUNT, whole, part).value).toBeNull();
		const nothing = aggregate(COUNT, 2024, [{ code: 'W', value: null }]);
		expect(difference(COUNT, whole, nothing).value).toBeNull();
		expect(difference(COUNT, nothing, whole).value).toBeNull();
		// The city's value has no weight (published alone): it cannot be subtracted from.
		const unweighted = aggregate(SHARE, 2020, [{ code: 'GM', value: 16.5, weight: null }]);
		expect(unweighted.value).toBe(16.5);
		expect(difference(SHARE, unweighted, focus).value).toBeNull();
	});
});

describe('nearest', () => {
	const series = new Map([
		[2018, 100],
		[2022, 140],
		[2024, 150]
	]);
	it('takes the period itself when present', () => {
		expect(nearest(series, 2022)).toEqual({ period: 2022, value: 140 });
	});
	it('takes the nearest period, the earlier one on a tie', () => {
		expect(nearest(series, 2021)).toEqual({ period: 2022, value: 140 });
		expect(nearest(series, 2020)).toEqual({ period: 2018, value: 100 }); // 2 years either side
		expect(nearest(series, 2023)).toEqual({ period: 2022, value: 140 }); // 2022 and 2024 tie
		expect(nearest(series, 2030)).toEqual({ period: 2024, value: 150 });
		expect(nearest(series, 2000)).toEqual({ period: 2018, value: 100 });
	});
	it('is null for an empty series', () => {
		expect(nearest(new Map(), 2020)).toBeNull();
	});
});

describe('coverageShare', () => {
	it('is null when inhabitants are unknown', () => {
		expect(coverageShare(aggregate(COUNT, 2020, [{ code: 'A', value: 1 }]))).toBeNull();
	});
});
