/**
 * The series engine on plain rows, no database. Made-up areas (synthetic test
 * data), every expected value worked out by hand beside it.
 *
 *   GM9901 Testgemeente (5130 inhabitants; test_pct published 14.0, test_count 164)
 *     WK990101 Noord (no values of its own)
 *       BU99010101 Haven    30 inh.  test_pct 40.0  test_count 20   ← too few inhabitants
 *       BU99010102 Kade    400 inh.  test_pct 20.0  test_count 30
 *       BU99010103 Plein  1200 inh.  test_pct 10.0  test_count  4   ← too few cases
 *     WK990102 Zuid (no values of its own)
 *       BU99010201 Park   2000 inh.  test_pct 15.0  test_count 50
 *       BU99010202 Dorp   1500 inh.  test_pct 25.0  test_count 60
 *   Focus areas: test-mixed = Haven + Plein; test-pair = Haven + Kade; test-zuid = WK990102.
 *   The G4 gemeenten and NL01 carry a rate `obese_pct` for 2020 (below).
 */
import { describe, expect, it } from 'vitest';
import {
	buildForest,
	computeSeries,
	seriesScope,
	targetIds,
	valueKeys,
	withCrosswalk,
	type AreaInfo,
	type CrosswalkRow,
	type FocusMembers,
	type ObservationRow,
	type SeriesIndicator,
	type SeriesPoint,
	type SubArea
} from './series';
import type { SuppressionConfig } from './suppression';
import { targetKey, type Target } from './targets';

const cfg: SuppressionConfig = { minPopulation: 50, minCount: 10 };

const ind = (key: string, kind: SeriesIndicator['kind'], format: SeriesIndicator['format'], weight: string | null): SeriesIndicator => ({
	key,
	kind,
	estimate: false,
	format,
	weight,
	numerator: null,
	denominator: null,
	scale: null
});
const INDICATORS = [
	ind('inwoners', 'count', 'count', null),
	ind('test_pct', 'rate', 'percent', 'inwoners'),
	ind('test_count', 'count', 'count', null),
	ind('obese_pct', 'rate', 'percent', 'inwoners')
];

const BUURTEN = [
	{ code: 'BU99010101', wijk: 'WK990101', pop: 30, pct: 40, count: 20 },
	{ code: 'BU99010102', wijk: 'WK990101', pop: 400, pct: 20, count: 30 },
	{ code: 'BU99010103', wijk: 'WK990101', pop: 1200, pct: 10, count: 4 },
	{ code: 'BU99010201', wijk: 'WK990102', pop: 2000, pct: 15, count: 50 },
	{ code: 'BU99010202', wijk: 'WK990102', pop: 1500, pct: 25, count: 60 }
];
const AREAS: AreaInfo[] = [
	{ code: 'GM9901', level: 'gemeente', gemeente: 'GM9901', superseded: false },
	{ code: 'WK990101', level: 'wijk', gemeente: 'GM9901', superseded: false },
	{ code: 'WK990102', level: 'wijk', gemeente: 'GM9901', superseded: false },
	...BUURTEN.map((b) => ({ code: b.code, level: 'buurt', gemeente: 'GM9901', superseded: false })),
	...['GM0363', 'GM0599', 'GM0518', 'GM0344'].map((code) => ({ code, level: 'gemeente', gemeente: code, superseded: false }))
];
const SUBS: SubArea[] = [
	{ code: 'WK990101', level: 'wijk', gemeenteCode: 'GM9901', wijkCode: null },
	{ code: 'WK990102', level: 'wijk', gemeenteCode: 'GM9901', wijkCode: null },
	...BUURTEN.map((b) => ({ code: b.code, level: 'buurt', gemeenteCode: 'GM9901', wijkCode: b.wijk }))
];
const FOCUS = new Map<string, FocusMembers>([
	['test-mixed', { gemeente: 'GM9901', codes: ['BU99010101', 'BU99010103'] }],
	['test-pair', { gemeente: 'GM9901', codes: ['BU99010101', 'BU99010102'] }],
	['test-zuid', { gemeente: 'GM9901', codes: ['WK990102'] }]
]);
const row = (code: string, indicator: string, value: number, period = 2024): ObservationRow => ({
	code,
	indicator,
	period,
	value,
	provisional: false,
	source: 'test'
});
const OBSERVATIONS: ObservationRow[] = [
	row('GM9901', 'inwoners', 5130),
	row('WK990101', 'inwoners', 1630),
	row('WK990102', 'inwoners', 3500),
	row('GM9901', 'test_pct', 14.0),
	row('GM9901', 'test_count', 164),
	...BUURTEN.flatMap((b) => [row(b.code, 'inwoners', b.pop), row(b.code, 'test_pct', b.pct), row(b.code, 'test_count', b.count)]),
	// G4 inhabitants 2019 (nearest to 2020) and obesity 2020; NL has its own figure only for 2020.
	row('GM0363', 'inwoners', 800, 2019),
	row('GM0599', 'inwoners', 600, 2019),
	row('GM0518', 'inwoners', 500, 2019),
	row('GM0344', 'inwoners', 300, 2019),
	row('GM0363', 'obese_pct', 12, 2020),
	row('GM0599', 'obese_pct', 17, 2020),
	row('GM0518', 'obese_pct', 16, 2020),
	row('GM0344', 'obese_pct', 11, 2020),
	row('NL01', 'obese_pct', 15.6, 2020),
	row('GM0363', 'obese_pct', 11, 2016),
	row('GM0599', 'obese_pct', 15, 2016)
];

/** The three steps of the data layer, with the "database" being the arrays above. */
function run(targets: Target[], key: string, suppression: SuppressionConfig | null = cfg): Map<string, SeriesPoint[]> {
	const { focusIds, areaCodes } = targetIds(targets);
	const focus = new Map([...FOCUS].filter(([id]) => focusIds.includes(id)));
	const scope = seriesScope(
		targets,
		focus,
		AREAS.filter((a) => areaCodes.includes(a.code)),
		suppression
	);
	const forest = buildForest(
		scope,
		SUBS.filter((s) => scope.gemeenten.includes(s.gemeenteCode!))
	);
	const inds = INDICATORS.filter((i) => i.key === key);
	const keys = valueKeys(inds);
	const nationalPeriods = new Set(OBSERVATIONS.filter((o) => o.code === 'NL01').map((o) => `${o.indicator}|${o.period}`));
	const rows = OBSERVATIONS.filter(
		(o) =>
			keys.includes(o.indicator) &&
			(forest.codes.includes(o.code) || (forest.wantNational && o.code.startsWith('GM') && !nationalPeriods.has(`${o.indicator}|${o.period}`)))
	);
	return computeSeries(forest, inds, rows).get(key)!;
}
const one = (target: Target, key: string, suppression: SuppressionConfig | null = cfg): SeriesPoint =>
	run([target], key, suppression).get(targetKey(target))![0];

describe('series engine: aggregation and references', () => {
	it('builds a wijk without figures of its own from its buurten, weighted by inhabitants', () => {
		// (40 × 30 + 20 × 400 + 10 × 1200) / 1630 = 21200 / 1630.
		expect(one({ type: 'area', code: 'WK990101' }, 'test_pct', null)).toMatchObject({
			value: 21200 / 1630,
			method: 'weighted',
			membersWithData: 1,
			membersTotal: 1
		});
		// Counts are summed: 20 + 30 + 4.
		expect(one({ type: 'area', code: 'WK990101' }, 'test_count', null)).toMatchObject({ value: 54, method: 'sum' });
	});

	it('subtracts the focus area from its city for the rest of the city', () => {
		// test-pair: (40 × 30 + 20 × 400) / 430 = 9200 / 430; rest (14.0 × 5130 − 9200) / (5130 − 430).
		expect(one({ type: 'focus', id: 'test-pair' }, 'test_pct', null).value).toBeCloseTo(9200 / 430, 10);
		expect(one({ type: 'rest', focusId: 'test-pair' }, 'test_pct', null)).toMatchObject({ value: expect.closeTo(62620 / 4700, 10), method: 'difference' });
		// The gemeente of a buurt without that buurt: (14.0 × 5130 − 20 × 400) / (5130 − 400).
		expect(one({ type: 'areaRest', code: 'BU99010102' }, 'test_pct', null).value).toBeCloseTo((14 * 5130 - 8000) / 4730, 10);
	});

	it('weighs the G4 with the nearest inhabitants, and uses the published national figure', () => {
		const s = run([{ type: 'g4' }, { type: 'nl' }], 'obese_pct', null);
		const g4 = s.get('g4')!;
		// 2020: (12 × 800 + 17 × 600 + 16 × 500 + 11 × 300) / 2200, weights from 2019.
		expect(g4.find((p) => p.period === 2020)).toMatchObject({ value: expect.closeTo(31100 / 2200, 10), weightPeriods: [2019] });
		// 2016: only two of the four cities: partial coverage, said so.
		expect(g4.find((p) => p.period === 2016)).toMatchObject({ value: expect.closeTo((11 * 800 + 15 * 600) / 1400, 10), membersWithData: 2, membersTotal: 4 });
		const nl = s.get('nl')!;
		expect(nl.find((p) => p.period === 2020)).toMatchObject({ value: 15.6, method: 'published' });
		// No national figure for 2016: the gemeenten that have one or an inhabitant count, weighted.
		expect(nl.find((p) => p.period === 2016)?.value).toBeCloseTo((11 * 800 + 15 * 600) / 1400, 10);
	});

	it('gives null, never 0, where nothing is known', () => {
		expect(
			run([{ type: 'focus', id: 'bestaat-niet' }], 'test_pct')
				.get('focus:bestaat-niet')!
				.every((p) => p.value == null)
		).toBe(true);
	});
});

describe('series engine: small-number suppression', () => {
	it('withholds a buurt with too few inhabitants, and only when suppression is on', () => {
		expect(one({ type: 'area', code: 'BU99010101' }, 'test_pct', null)).toMatchObject({ value: 40 });
		expect(one({ type: 'area', code: 'BU99010101' }, 'test_pct')).toMatchObject({ value: null, total: null, weightSum: null, suppressed: 'population' });
	});

	it('withholds the smallest sibling too, so the wijk cannot give the buurt away', () => {
		expect(one({ type: 'area', code: 'BU99010102' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'complementary' });
		expect(one({ type: 'area', code: 'BU99010103' }, 'test_pct').value).toBe(10);
		expect(one({ type: 'area', code: 'WK990101' }, 'test_pct').value).toBeCloseTo(21200 / 1630, 10);
	});

	it('withholds a focus area holding part of a suppressed group, and the rest of the city with it', () => {
		expect(one({ type: 'focus', id: 'test-mixed' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'secondary' });
		expect(one({ type: 'rest', focusId: 'test-mixed' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'secondary' });
		expect(one({ type: 'areaRest', code: 'BU99010101' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'secondary' });
		// Without suppression the rest would reveal it: (14.0 × 5130 − (40 × 30 + 10 × 1200)) / (5130 − 1230).
		expect(one({ type: 'rest', focusId: 'test-mixed' }, 'test_pct', null).value).toBeCloseTo((14 * 5130 - 13200) / 3900, 10);
	});

	it('shows a focus area holding the whole suppressed group', () => {
		expect(one({ type: 'focus', id: 'test-pair' }, 'test_pct').value).toBeCloseTo(9200 / 430, 10);
		expect(one({ type: 'focus', id: 'test-zuid' }, 'test_pct').value).toBeCloseTo(67500 / 3500, 10);
	});

	it('applies the count rule: two small siblings cover each other', () => {
		expect(one({ type: 'area', code: 'BU99010103' }, 'test_count')).toMatchObject({ value: null, suppressed: 'count' });
		expect(one({ type: 'area', code: 'BU99010102' }, 'test_count').value).toBe(30);
		expect(one({ type: 'focus', id: 'test-mixed' }, 'test_count').value).toBe(24);
		expect(one({ type: 'rest', focusId: 'test-mixed' }, 'test_count').value).toBe(140);
	});
});

/**
 * The crosswalk between vintages (synthetic): GM9950 Nieuwgemeente exists from
 * 2019 and was made of GM9951 Oost (whole) and 25 % of GM9952 West (the rest
 * of West went elsewhere). Before 2019 figures were published on the old codes.
 *
 *   2018   GM9951  1000 inh.  test_pct 10.0  test_count 40
 *          GM9952  2000 inh.  test_pct 20.0  test_count 80
 *   2019   GM9950  1600 inh.  test_pct 12.0  test_count 60   (its own figures)
 *   2012   GM9951   900 inh.  test_pct  8.0   (GM9952 has no 2012 figures)
 */
describe('the crosswalk between boundary vintages', () => {
	const rows: CrosswalkRow[] = [
		{ to: 'GM9950', since: 2019, vintage: 2012, from: 'GM9951', share: 1, basis: 'inwoners' },
		{ to: 'GM9950', since: 2019, vintage: 2012, from: 'GM9952', share: 0.25, basis: 'inwoners' },
		{ to: 'GM9950', since: 2019, vintage: 2018, from: 'GM9951', share: 1, basis: 'inwoners' },
		{ to: 'GM9950', since: 2019, vintage: 2018, from: 'GM9952', share: 0.25, basis: 'inwoners' }
	];
	const obs = [
		row('GM9951', 'inwoners', 1000, 2018),
		row('GM9951', 'test_pct', 10, 2018),
		row('GM9951', 'test_count', 40, 2018),
		row('GM9952', 'inwoners', 2000, 2018),
		row('GM9952', 'test_pct', 20, 2018),
		row('GM9952', 'test_count', 80, 2018),
		row('GM9950', 'inwoners', 1600, 2019),
		row('GM9950', 'test_pct', 12, 2019),
		row('GM9950', 'test_count', 60, 2019),
		row('GM9951', 'inwoners', 900, 2012),
		row('GM9951', 'test_pct', 8, 2012)
	];
	const target: Target = { type: 'area', code: 'GM9950' };
	const series = (key: string, crosswalk: CrosswalkRow[]) => {
		const scope = seriesScope([target], new Map(), [{ code: 'GM9950', level: 'gemeente', gemeente: 'GM9950', superseded: false }], null);
		const forest = withCrosswalk(buildForest(scope, []), crosswalk);
		const inds = INDICATORS.filter((i) => i.key === key);
		const keys = valueKeys(inds);
		const fetched = obs.filter((o) => keys.includes(o.indicator) && forest.codes.includes(o.code));
		return computeSeries(forest, inds, fetched).get(key)!.get(targetKey(target))!;
	};
	const at = (points: SeriesPoint[], period: number) => points.find((p) => p.period === period)!;

	it('fetches the older areas and sums their shares of a count', () => {
		const s = series('test_count', rows);
		// 40 + 0.25 × 80
		expect(at(s, 2018)).toMatchObject({ value: 60, method: 'sum', crosswalk: [2018] });
		expect(at(s, 2019)).toMatchObject({ value: 60, method: 'published' });
		expect(at(s, 2019).crosswalk).toBeUndefined();
	});

	it('weights an average with each older area’s share of its weight', () => {
		const s = series('test_pct', rows);
		// (10 × 1000 + 20 × 0.25 × 2000) / (1000 + 0.25 × 2000) = 20000 / 1500
		expect(at(s, 2018).value).toBeCloseTo(20000 / 1500, 10);
		expect(at(s, 2018).crosswalk).toEqual([2018]);
		// Inhabitants covered: 1000 + 500 of 1500, complete.
		expect(at(s, 2018)).toMatchObject({ populationTotal: 1500, populationCovered: 1500, membersWithData: 1, membersTotal: 1 });
	});

	it('marks a period in which not every older area has a figure as incomplete', () => {
		const p = at(series('test_pct', rows), 2012);
		expect(p.value).toBe(8);
		expect(p.crosswalk).toEqual([2012]);
		// Oost's 900 inhabitants of the 900 + 0.25 × 2000 (West's nearest count) the area then had.
		expect(p.populationCovered).toBe(900);
		expect(p.populationTotal).toBe(1400);
	});

	it('gives nothing before the area existed without a crosswalk', () => {
		const s = series('test_count', []);
		expect(s.map((p) => p.period)).toEqual([2019]);
	});

	it('never converts a period from which the area has figures of its own', () => {
		// A (wrong) figure on an old code in 2019 is not used: GM9950 publishes its own.
		const s = series('test_count', [...rows, { to: 'GM9950', since: 2019, vintage: 2019, from: 'GM9951', share: 1, basis: 'inwoners' }]);
		expect(at(s, 2019)).toMatchObject({ value: 60, method: 'published' });
	});
});
