import { describe, expect, it } from 'vitest';
import { EMPTY } from '../indicators/aggregate';
import type { IndicatorEntry } from '../indicators/registry';
import type { SeriesPoint } from '../indicators/series';
import { compareIndicator, compareQuery, parseCompareView, rankValues, rankingPeriod, type CompareArea } from './compare';

const obesity: IndicatorEntry = {
	key: 'obesitas_pct',
	labelNl: 'Obesitas',
	labelEn: 'Obesity',
	unit: '%',
	unitEn: '%',
	format: 'percent',
	decimals: 1,
	kind: 'rate',
	higherIsBetter: false,
	estimate: true,
	theme: 'gezondheid',
	themeOrder: 1,
	themeNl: 'Gezondheid',
	themeEn: 'Health'
};
const crimes: IndicatorEntry = { ...obesity, key: 'misdrijven_per_1000', estimate: false, decimals: 1, format: 'per1000' };

const pt = (period: number, value: number | null, extra: Partial<SeriesPoint> = {}): SeriesPoint => ({ ...EMPTY, period, value, ...extra });
const area = (id: string, gemeenteCode = 'GM0599'): CompareArea => ({ id, name: id, municipality: 'Rotterdam', gemeenteCode, target: { type: 'focus', id } });

describe('ranking', () => {
	it('puts the better first by direction and gives equal shown figures one rank (1, 2, 2, 4)', () => {
		const e = [
			{ id: 'a', name: 'A', value: 20.04 },
			{ id: 'b', name: 'B', value: 18 },
			{ id: 'c', name: 'C', value: 19.96 },
			{ id: 'd', name: 'D', value: 25 }
		];
		// Lower is better: 18 first; 19.96 and 20.04 both show as 20.0: rank 2 twice, then 4.
		expect(rankValues(e, false, 1, 0.05).map((r) => [r.id, r.rank])).toEqual([
			['b', 1],
			['c', 2],
			['a', 2],
			['d', 4]
		]);
		// Higher is better: the other way round.
		expect(rankValues(e, true, 1, 0.05).map((r) => [r.id, r.rank])).toEqual([
			['d', 1],
			['a', 2],
			['c', 2],
			['b', 4]
		]);
		// No direction: high to low, no ranks.
		expect(rankValues(e, null, 1, 0.05).map((r) => [r.id, r.rank])).toEqual([
			['d', null],
			['a', null],
			['c', null],
			['b', null]
		]);
	});

	it('marks neighbours within the noise as not distinguishable, and not those with equal rank or further apart', () => {
		const e = [
			{ id: 'a', name: 'A', value: 20.0 },
			{ id: 'b', name: 'B', value: 20.8 },
			{ id: 'c', name: 'C', value: 22.0 }
		];
		const r = rankValues(e, false, 1, 1);
		// A–B differ 0.8 ≤ 1: both marked; B–C differ 1.2: not.
		expect(r.map((x) => [x.id, x.indistinct])).toEqual([
			['a', ['B']],
			['b', ['A']],
			['c', []]
		]);
	});

	it('ranks at the latest period in which at least half of the areas with figures have a value', () => {
		const p = (period: number, value: number | null) => ({ period, value, sources: [] });
		// 2022: one of three (too few); 2020: three of three.
		expect(
			rankingPeriod([
				[p(2016, 1), p(2020, 2), p(2022, 3)],
				[p(2016, 1), p(2020, 2)],
				[p(2020, 1), p(2022, null)]
			])
		).toBe(2020);
		// 2020: two of the three areas with figures (the fourth has none): enough.
		expect(rankingPeriod([[p(2016, 1)], [p(2016, 1), p(2020, 2)], [p(2020, 2)], [p(2020, null)]])).toBe(2020);
		expect(rankingPeriod([[p(2016, null)]])).toBeNull();
	});
});

describe('one indicator across a set', () => {
	const series = new Map<string, SeriesPoint[]>([
		['focus:bloemhof', [pt(2012, 19.0), pt(2016, 21.0), pt(2020, 22.5)]],
		['focus:hillesluis', [pt(2012, 20.0), pt(2020, 22.0)]],
		['focus:feijenoord', [pt(2012, 15.0), pt(2016, 16.0)]],
		['focus:klein', [pt(2020, null, { suppressed: 'population' })]],
		['area:GM0599', [pt(2012, 14.9), pt(2016, 16.7), pt(2020, 17.5)]],
		['nl', [pt(2012, 12.9), pt(2016, 14.3), pt(2020, 15.6)]],
		// A G4 of one city in 2020 (coverage 1 of 4): not shown, no gap.
		['g4', [pt(2016, 13.8), pt(2020, 14.4, { membersTotal: 4, membersWithData: 1 })]]
	]);
	const areas = ['bloemhof', 'hillesluis', 'feijenoord', 'klein', 'leeg'].map((id) => area(id));
	const c = compareIndicator(obesity, areas, series);

	it('ranks at the shared period, better first, and lists the areas without a rank with the reason', () => {
		// Two of the three areas with figures have 2020.
		expect(c.rankPeriod).toBe(2020);
		expect(c.rows.map((r) => [r.id, r.rank, r.missing])).toEqual([
			['hillesluis', 1, null],
			['bloemhof', 2, null],
			// Ranked rows first, then the others by name.
			['feijenoord', null, 'period'],
			['klein', null, 'withheld'],
			['leeg', null, 'none']
		]);
		// 22.0 and 22.5 are model estimates 0.5 apart: not distinguishable (noise 1).
		expect(c.rows[0].indistinct).toEqual(['bloemhof']);
	});

	it('gives each area the gap to its city, NL and the G4 at its latest period, and its changes judged by direction', () => {
		const bloemhof = c.rows.find((r) => r.id === 'bloemhof')!;
		expect(bloemhof.latest).toMatchObject({ period: 2020, value: 22.5 });
		expect(bloemhof.gaps.stad).toBeCloseTo(5.0);
		expect(bloemhof.gaps.nl).toBeCloseTo(6.9);
		expect(bloemhof.gaps.g4).toBeNull();
		// 21.0 → 22.5: up 1.5, and lower is better: worse. 19.0 → 22.5 since 2012.
		expect(bloemhof.sincePrevious).toMatchObject({ period: 2016, better: false });
		expect(bloemhof.sincePrevious!.change).toBeCloseTo(1.5);
		expect(bloemhof.sinceFirst!.change).toBeCloseTo(3.5);
		// Feijenoord's latest is 2016: its gaps are of 2016 (G4 complete then).
		const feijenoord = c.rows.find((r) => r.id === 'feijenoord')!;
		expect(feijenoord.gaps.g4).toBeCloseTo(2.2);
		// The withheld area's figure stays withheld.
		expect(c.rows.find((r) => r.id === 'klein')!.latest).toMatchObject({ value: null, suppressed: 'population' });
	});

	it('draws a line per area and NL and the G4, without the G4 where it covers one city', () => {
		expect(c.lines.map((l) => l.key)).toEqual(['bloemhof', 'hillesluis', 'feijenoord', 'klein', 'leeg', 'nl', 'g4']);
		expect(c.lines.find((l) => l.key === 'g4')!.points.map((p) => p.period)).toEqual([2016]);
		expect(c.periods).toEqual([2012, 2016, 2020]);
	});

	it('ranks registered figures only apart when they differ at the shown precision', () => {
		const s = new Map([
			['focus:a', [pt(2024, 80.0)]],
			['focus:b', [pt(2024, 80.3)]]
		]);
		const r = compareIndicator(crimes, [area('a'), area('b')], s);
		expect(r.rows.map((x) => [x.id, x.rank, x.indistinct])).toEqual([
			['a', 1, []],
			['b', 2, []]
		]);
	});

	it('does not rank counts and gives them no gaps', () => {
		const count: IndicatorEntry = { ...crimes, key: 'misdrijven_totaal', kind: 'count', format: 'count', decimals: 0 };
		const s = new Map([
			['focus:a', [pt(2024, 800)]],
			['focus:b', [pt(2024, 300)]],
			['area:GM0599', [pt(2024, 60000)]]
		]);
		const r = compareIndicator(count, [area('a'), area('b')], s);
		expect(r.ranked).toBe(false);
		expect(r.rows.map((x) => [x.id, x.rank, x.gaps.stad])).toEqual([
			['a', null, null],
			['b', null, null]
		]);
		expect(r.lines.map((l) => l.key)).toEqual(['a', 'b']);
	});
});

describe('the view in the URL', () => {
	it('reads sets, an own choice in either form, and indicators; writes them back', () => {
		expect(parseCompareView(new URLSearchParams(''))).toEqual({ set: 'nplv', areas: [], indicators: [] });
		expect(parseCompareView(new URLSearchParams('set=stad:GM0599'))).toMatchObject({ set: 'stad:GM0599' });
		expect(parseCompareView(new URLSearchParams('set=stad:drop table'))).toMatchObject({ set: 'nplv' });
		const own = parseCompareView(new URLSearchParams('set=eigen&gebied=a&gebied=b&gebieden=b,c&indicator=x'));
		expect(own).toEqual({ set: 'eigen', areas: ['b', 'c', 'a'], indicators: ['x'] });
		// Ticked areas count only with the own choice.
		expect(parseCompareView(new URLSearchParams('set=nprz&gebied=a'))).toEqual({ set: 'nprz', areas: [], indicators: [] });
		expect(compareQuery(own, 'en')).toBe('set=eigen&gebieden=b%2Cc%2Ca&indicatoren=x&lang=en');
	});
});
