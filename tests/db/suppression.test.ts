/**
 * Small-number suppression through the series engine and the area page, on a
 * made-up gemeente built for it, on every engine. Expected values are worked
 * out by hand below.
 *
 *   GM9901 Testgemeente (5130 inhabitants; test_pct published 14.0, test_count 164)
 *     WK990101 Noord (no values of its own)
 *       BU99010101 Haven    30 inh.  test_pct 40.0  test_count 20   ← too few inhabitants
 *       BU99010102 Kade    400 inh.  test_pct 20.0  test_count 30
 *       BU99010103 Plein  1200 inh.  test_pct 10.0  test_count  4   ← too few cases (count)
 *     WK990102 Zuid (no values of its own)
 *       BU99010201 Park   2000 inh.  test_pct 15.0  test_count 50
 *       BU99010202 Dorp   1500 inh.  test_pct 25.0  test_count 60
 *   Focus areas: test-mixed = Haven + Plein; test-pair = Haven + Kade; test-zuid = WK990102.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { area, focusArea, focusAreaMember, indicator, observation, source } from '../../src/lib/server/db/schema/index';
import { ConfigError, loadConfig } from '../../src/lib/server/env';
import type { SeriesPoint } from '../../src/lib/indicators/series';
import type { Target } from '../../src/lib/indicators/targets';
import { areaPage } from '../../src/lib/server/data/area-page';
import { seriesFor } from '../../src/lib/server/data/series';
import { pageCsv } from '../../src/lib/server/area-csv';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const cfg = { minPopulation: 50, minCount: 10 };

const BUURTEN = [
	{ code: 'BU99010101', name: 'Haven', wijk: 'WK990101', pop: 30, pct: 40, count: 20 },
	{ code: 'BU99010102', name: 'Kade', wijk: 'WK990101', pop: 400, pct: 20, count: 30 },
	{ code: 'BU99010103', name: 'Plein', wijk: 'WK990101', pop: 1200, pct: 10, count: 4 },
	{ code: 'BU99010201', name: 'Park', wijk: 'WK990102', pop: 2000, pct: 15, count: 50 },
	{ code: 'BU99010202', name: 'Dorp', wijk: 'WK990102', pop: 1500, pct: 25, count: 60 }
];

async function fixture(t: TestDatabase) {
	await t.db.insert(source).values({ id: 'test', title: 'Testbron', attribution: 'Bron: testgegevens, gemaakt voor deze test' });
	const ind = (key: string, kind: 'rate' | 'count', unit: string, weight: string | null) => ({
		key,
		labelNl: key,
		labelEn: key,
		unit,
		unitEn: unit,
		format: kind === 'count' ? ('count' as const) : ('percent' as const),
		decimals: kind === 'count' ? 0 : 1,
		definitionNl: '',
		definitionEn: '',
		higherIsBetter: null,
		kind,
		weight,
		estimate: false,
		theme: 'bevolking',
		themeOrder: 1,
		themeNl: 'Bevolking',
		themeEn: 'Population',
		sourceTable: 'test'
	});
	await t.db
		.insert(indicator)
		.values([ind('inwoners', 'count', 'personen', null), ind('test_pct', 'rate', '% van inwoners', 'inwoners'), ind('test_count', 'count', 'gevallen', null)]);
	await t.db
		.insert(area)
		.values([
			{ code: 'GM9901', level: 'gemeente', name: 'Testgemeente', gemeenteCode: 'GM9901' },
			{ code: 'WK990101', level: 'wijk', name: 'Noord', gemeenteCode: 'GM9901' },
			{ code: 'WK990102', level: 'wijk', name: 'Zuid', gemeenteCode: 'GM9901' },
			...BUURTEN.map((b) => ({ code: b.code, level: 'buurt' as const, name: b.name, gemeenteCode: 'GM9901', wijkCode: b.wijk }))
		]);
	const obs = (areaCode: string, key: string, value: number) => ({ areaCode, indicator: key, period: 2024, value, sourceId: 'test', batchId: 1 });
	await t.db
		.insert(observation)
		.values([
			obs('GM9901', 'inwoners', 5130),
			obs('WK990101', 'inwoners', 1630),
			obs('WK990102', 'inwoners', 3500),
			obs('GM9901', 'test_pct', 14.0),
			obs('GM9901', 'test_count', 164),
			...BUURTEN.flatMap((b) => [obs(b.code, 'inwoners', b.pop), obs(b.code, 'test_pct', b.pct), obs(b.code, 'test_count', b.count)])
		]);
	const fa = (id: string, level: 'wijk' | 'buurt') => ({
		id,
		name: id,
		municipality: 'Testgemeente',
		gemeenteCode: 'GM9901',
		programme: 'TEST',
		level,
		confidence: 'official',
		sources: []
	});
	await t.db.insert(focusArea).values([fa('test-mixed', 'buurt'), fa('test-pair', 'buurt'), fa('test-zuid', 'wijk')]);
	await t.db.insert(focusAreaMember).values([
		{ focusAreaId: 'test-mixed', areaCode: 'BU99010101' },
		{ focusAreaId: 'test-mixed', areaCode: 'BU99010103' },
		{ focusAreaId: 'test-pair', areaCode: 'BU99010101' },
		{ focusAreaId: 'test-pair', areaCode: 'BU99010102' },
		{ focusAreaId: 'test-zuid', areaCode: 'WK990102' }
	]);
}

describe.each(engines())('small-number suppression on %s', (engine) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(engine);
		await fixture(t);
	});
	afterAll(() => t?.drop());

	const one = async (target: Target, key: string, suppression: typeof cfg | null = cfg): Promise<SeriesPoint> => {
		const s = await seriesFor(t.db, [target], key, { suppression });
		return [...s.values()][0][0];
	};

	it('withholds a buurt with too few inhabitants, and only when suppression is on', async () => {
		const open = await one({ type: 'area', code: 'BU99010101' }, 'test_pct', null);
		expect(open.value).toBe(40);
		expect(open.suppressed ?? null).toBeNull();
		const p = await one({ type: 'area', code: 'BU99010101' }, 'test_pct');
		expect(p).toMatchObject({ value: null, total: null, weightSum: null, suppressed: 'population' });
	});

	it('withholds the smallest sibling too, so the wijk total cannot give the buurt away', async () => {
		expect(await one({ type: 'area', code: 'BU99010102' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'complementary' });
		expect((await one({ type: 'area', code: 'BU99010103' }, 'test_pct')).value).toBe(10);
		// The wijk, built from its buurten, may be shown: (40 × 30 + 20 × 400 + 10 × 1200) / 1630 = 21200 / 1630.
		expect((await one({ type: 'area', code: 'WK990101' }, 'test_pct')).value).toBeCloseTo(21200 / 1630, 10);
	});

	it('withholds a focus area holding part of a suppressed group, and the rest of the city with it', async () => {
		expect(await one({ type: 'focus', id: 'test-mixed' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'secondary' });
		expect(await one({ type: 'rest', focusId: 'test-mixed' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'secondary' });
		// The city without the suppressed buurt would be city − rest = the buurt: withheld as well.
		expect(await one({ type: 'areaRest', code: 'BU99010101' }, 'test_pct')).toMatchObject({ value: null, suppressed: 'secondary' });
		// Without suppression, the rest would reveal it: (14.0 × 5130 − (40 × 30 + 10 × 1200)) / (5130 − 1230).
		expect((await one({ type: 'rest', focusId: 'test-mixed' }, 'test_pct', null)).value).toBeCloseTo((14 * 5130 - 13200) / 3900, 10);
	});

	it('shows a focus area holding the whole suppressed group, and its rest of the city', async () => {
		// (40 × 30 + 20 × 400) / 430 = 9200 / 430; rest (14.0 × 5130 − 9200) / (5130 − 430) = 62620 / 4700.
		expect((await one({ type: 'focus', id: 'test-pair' }, 'test_pct')).value).toBeCloseTo(9200 / 430, 10);
		expect((await one({ type: 'rest', focusId: 'test-pair' }, 'test_pct')).value).toBeCloseTo(62620 / 4700, 10);
		// A wijk focus area without suppressed parts: (15 × 2000 + 25 × 1500) / 3500.
		expect((await one({ type: 'focus', id: 'test-zuid' }, 'test_pct')).value).toBeCloseTo(67500 / 3500, 10);
	});

	it('applies the count rule: two small siblings cover each other', async () => {
		expect(await one({ type: 'area', code: 'BU99010103' }, 'test_count')).toMatchObject({ value: null, suppressed: 'count' });
		expect(await one({ type: 'area', code: 'BU99010101' }, 'test_count')).toMatchObject({ value: null, suppressed: 'population' });
		// Haven (30 inh., 20 cases) and Plein (1200 inh., 4 cases) together pass both rules: Kade stays visible.
		expect((await one({ type: 'area', code: 'BU99010102' }, 'test_count')).value).toBe(30);
		// test-mixed holds exactly that pair: 20 + 4 = 24; the rest 164 − 24 = 140.
		expect((await one({ type: 'focus', id: 'test-mixed' }, 'test_count')).value).toBe(24);
		expect((await one({ type: 'rest', focusId: 'test-mixed' }, 'test_count')).value).toBe(140);
	});

	it('never sends a withheld value to the page or the CSV', async () => {
		const page = (await areaPage(t.db, 'BU99010101', { references: ['stad', 'rest'], extra: [], indicators: ['test_pct'], suppression: cfg }))!;
		const ind = page.themes[0].indicators[0];
		const own = ind.series.find((s) => s.key === 'area')!.points[0];
		expect(own).toMatchObject({ value: null, suppressed: 'population' });
		expect(ind.series.find((s) => s.key === 'rest')!.points[0]).toMatchObject({ value: null, suppressed: 'secondary' });
		expect(ind.series.find((s) => s.key === 'stad')!.points[0].value).toBe(14);
		expect(JSON.stringify(page)).not.toMatch(/"value":40\b/);
		const csv = pageCsv(page, translator('nl'), { url: 'http://localhost/gebied/BU99010101', date: '2026-11-30' });
		const row = csv.split('\r\n').find((l) => l.startsWith('BU99010101,Haven,area,'))!;
		expect(row.split(',')[8]).toBe('');
		expect(row).toContain('afgeschermd: minder dan 50 inwoners');
		expect(csv).toContain('Bron: testgegevens, gemaakt voor deze test');
	});
});

describe('suppression thresholds in the configuration', () => {
	it('defaults to 50 inhabitants and 10 cases, accepts 0, and names a bad variable', () => {
		expect(loadConfig({}).suppression).toEqual({ minPopulation: 50, minCount: 10 });
		expect(loadConfig({ SUPPRESS_MIN_INHABITANTS: '100', SUPPRESS_MIN_CASES: '0' }).suppression).toEqual({ minPopulation: 100, minCount: 0 });
		expect(() => loadConfig({ SUPPRESS_MIN_INHABITANTS: 'veel' })).toThrow(ConfigError);
		expect(() => loadConfig({ SUPPRESS_MIN_CASES: '-1' })).toThrow(/SUPPRESS_MIN_CASES/);
	});
});
