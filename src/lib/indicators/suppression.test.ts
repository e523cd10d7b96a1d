import { describe, expect, it } from 'vitest';
import { casesOf, hierarchyLookup, primaryReason, restReason, setReason, suppressHierarchy, union, type Unit } from './suppression';

const cfg = { minPopulation: 50, minCount: 10 };
const u = (code: string, parent: string | null, population: number | null, count: number | null = null, hasValue = true): Unit => ({
	code,
	parent,
	population,
	count,
	hasValue
});

/*
 * A made-up gemeente GM9901 (populations in inhabitants):
 *   W1: b1 30 (too few), b2 400, b3 1200, b4 900
 *   W2: c1 20, c2 25 (both too few, 45 together), c3 2000
 *   W3: d1 10 (too few), d2 500 without a value for this indicator
 *   W4: e1 5000 with 3 cases (too few cases), e2 3000 with 40 cases
 */
const units: Unit[] = [
	u('GM9901', null, 15_085),
	u('W1', 'GM9901', 2530),
	u('b1', 'W1', 30),
	u('b2', 'W1', 400),
	u('b3', 'W1', 1200),
	u('b4', 'W1', 900),
	u('W2', 'GM9901', 2045),
	u('c1', 'W2', 20),
	u('c2', 'W2', 25),
	u('c3', 'W2', 2000),
	u('W3', 'GM9901', 510),
	u('d1', 'W3', 10),
	u('d2', 'W3', 500, null, false),
	u('W4', 'GM9901', 8000, 43),
	u('e1', 'W4', 5000, 3),
	u('e2', 'W4', 3000, 40)
];

describe('primaryReason', () => {
	it('hides fewer than the minimum inhabitants or cases, and checks nothing unknown', () => {
		expect(primaryReason({ population: 49, count: null }, cfg)).toBe('population');
		expect(primaryReason({ population: 50, count: null }, cfg)).toBeNull();
		expect(primaryReason({ population: 5000, count: 9 }, cfg)).toBe('count');
		expect(primaryReason({ population: 5000, count: 0 }, cfg)).toBe('count');
		expect(primaryReason({ population: 5000, count: 10 }, cfg)).toBeNull();
		expect(primaryReason({ population: null, count: null }, cfg)).toBeNull();
	});

	it('is switched off by a minimum of 0', () => {
		expect(primaryReason({ population: 3, count: 1 }, { minPopulation: 0, minCount: 0 })).toBeNull();
	});
});

describe('suppressHierarchy', () => {
	const h = suppressHierarchy(units, cfg);

	it('hides the smallest sibling of a lone suppressed buurt', () => {
		expect(h.reasons.get('b1')).toBe('population');
		// b2 (400) is the smallest of b2, b3, b4: W1 − b3 − b4 now gives only b1 + b2 (430 inhabitants).
		expect(h.reasons.get('b2')).toBe('complementary');
		expect(h.reasons.has('b3')).toBe(false);
		expect(h.reasons.has('b4')).toBe(false);
		expect(h.groupOf.get('b1')).toEqual(['b1', 'b2']);
	});

	it('adds siblings until the suppressed ones together pass the minimum', () => {
		// c1 + c2 = 45 < 50: c3 is added; the three together (2045) pass.
		expect(h.reasons.get('c1')).toBe('population');
		expect(h.reasons.get('c2')).toBe('population');
		expect(h.reasons.get('c3')).toBe('complementary');
		expect(h.groupOf.get('c3')).toEqual(['c1', 'c2', 'c3']);
	});

	it('hides the parent when no sibling with a value is left, and protects it among its own siblings', () => {
		expect(h.reasons.get('d1')).toBe('population');
		expect(h.reasons.has('d2')).toBe(false); // no value: nothing to hide
		expect(h.reasons.get('W3')).toBe('secondary');
		// Among the wijken W3 is now hidden: the smallest other wijk (W2, 2045) is hidden with it.
		expect(h.reasons.get('W2')).toBe('complementary');
		expect(h.reasons.has('W1')).toBe(false);
		expect(h.groupOf.get('W3')).toEqual(['W2', 'W3']);
	});

	it('applies the count rule to cases, not only to inhabitants', () => {
		expect(h.reasons.get('e1')).toBe('count');
		// e2 is the only sibling; e1 + e2 = 43 cases pass.
		expect(h.reasons.get('e2')).toBe('complementary');
		expect(h.reasons.has('W4')).toBe(false);
	});

	it('never hides the top of the hierarchy for its parts', () => {
		expect(h.reasons.has('GM9901')).toBe(false);
	});
});

describe('hierarchyLookup (worked out only as far as asked)', () => {
	const byCode = new Map(units.map((x) => [x.code, x]));
	const lookup = (asked: string[]) =>
		hierarchyLookup(
			{
				unit: (c) => (asked.push(c), byCode.get(c)),
				parts: (c) => units.filter((x) => x.parent === c && x.hasValue).map((x) => x.code)
			},
			cfg
		);

	it('answers for a buurt from its own wijk alone, as the whole hierarchy does', () => {
		const asked: string[] = [];
		const h = lookup(asked);
		expect(h.reason('b2')).toBe('complementary');
		expect(h.group('b1')).toEqual(['b1', 'b2']);
		expect(h.reason('b3')).toBeNull();
		expect(new Set(asked)).toEqual(new Set(['b1', 'b2', 'b3', 'b4', 'W1']));
	});

	it('works out every wijk for a wijk: a wijk hidden for its buurten counts among the wijken', () => {
		const asked: string[] = [];
		const h = lookup(asked);
		const whole = suppressHierarchy(units, cfg);
		for (const w of ['W1', 'W2', 'W3', 'W4']) expect(h.reason(w)).toBe(whole.reasons.get(w) ?? null);
		expect(h.reason('W3')).toBe('secondary');
		expect(asked).toContain('d1');
		expect(asked).toContain('e2');
	});
});

describe('setReason (a focus area or comparison area made of these units)', () => {
	const h = suppressHierarchy(units, cfg);
	const pop = (codes: string[]) => ({ population: codes.reduce((s, c) => s + units.find((x) => x.code === c)!.population!, 0), count: null });

	it('hides a set holding part of a suppressed group: set − shown members would reveal it', () => {
		expect(setReason(['b1', 'b3'], pop(['b1', 'b3']), h, cfg)).toBe('secondary');
		expect(setReason(['b2'], pop(['b2']), h, cfg)).toBe('secondary');
		expect(setReason(['c1', 'c2', 'b3'], pop(['c1', 'c2', 'b3']), h, cfg)).toBe('secondary');
		expect(setReason(['W1', 'W3'], pop(['W1', 'W3']), h, cfg)).toBe('secondary');
	});

	it('shows a set holding whole suppressed groups that pass together', () => {
		expect(setReason(['b1', 'b2', 'b3'], pop(['b1', 'b2', 'b3']), h, cfg)).toBeNull();
		expect(setReason(['b1', 'b2'], pop(['b1', 'b2']), h, cfg)).toBeNull();
		expect(setReason(['b3', 'b4', 'c1', 'c2', 'c3'], pop(['b3', 'b4', 'c1', 'c2', 'c3']), h, cfg)).toBeNull();
		expect(setReason(['W1'], pop(['W1']), h, cfg)).toBeNull();
	});

	it('hides a set that is itself too small', () => {
		expect(setReason(['x'], { population: 40, count: null }, h, cfg)).toBe('population');
		expect(setReason(['c1', 'c2'], pop(['c1', 'c2']), h, cfg)).toBe('population');
		expect(setReason(['x'], { population: 4000, count: 2 }, null, cfg)).toBe('count');
	});

	it('hides the rest of the city whenever the set is hidden, or when the rest is too small', () => {
		expect(restReason('secondary', { population: 600_000, count: null }, cfg)).toBe('secondary');
		expect(restReason('population', { population: 600_000, count: null }, cfg)).toBe('secondary');
		expect(restReason(null, { population: 600_000, count: null }, cfg)).toBeNull();
		expect(restReason(null, { population: 30, count: null }, cfg)).toBe('population');
	});
});

describe('union and casesOf', () => {
	it('sums populations and counts, unknown when one is unknown', () => {
		expect(
			union([
				{ population: 20, count: 3 },
				{ population: 25, count: 4 }
			])
		).toEqual({ population: 45, count: 7 });
		expect(
			union([
				{ population: 20, count: null },
				{ population: 25, count: 4 }
			])
		).toEqual({ population: 45, count: null });
	});

	it('derives cases from counts, numerators and registered rates, not from model estimates', () => {
		const rate = (format: 'percent' | 'per1000' | 'count', estimate = false) => ({ kind: 'rate' as const, format, estimate });
		expect(casesOf({ kind: 'count', format: 'count', estimate: false }, 7, null, null)).toBe(7);
		expect(casesOf(rate('per1000'), 75, 150, 2000)).toBe(150);
		// 12.5 % of 400 households = 50 cases; 75 per 1 000 of 2 000 inhabitants = 150.
		expect(casesOf(rate('percent'), 12.5, null, 400)).toBe(50);
		expect(casesOf(rate('per1000'), 75, null, 2000)).toBe(150);
		expect(casesOf(rate('percent', true), 22.5, null, 14_090)).toBeNull();
		expect(casesOf({ kind: 'index', format: 'index', estimate: false }, 97, null, 1000)).toBeNull();
		expect(casesOf(rate('percent'), null, null, 1000)).toBeNull();
		// A rate whose scale the registry does not give has no cases.
		expect(casesOf(rate('count'), 75, null, 2000)).toBeNull();
	});
});
