/**
 * The area page's figures on the REAL data package, on every engine. Every
 * expected number is worked out by hand from the package's CSV files
 * (observations/*.csv), written below as the arithmetic on those values:
 *
 *   obesitas_pct (rivm-50090NED)     2012   2016   2020
 *     BU05991081 Bloemhof            19.0   21.2   22.5
 *     GM0599 Rotterdam               14.9   16.7   17.5
 *     NL01                           12.9   14.3   15.6
 *     GM0363 Amsterdam               11.8   12.5   12.5
 *     GM0518 Den Haag                13.9   14.2   15.8
 *     GM0344 Utrecht                 10.2   11.3   11.4
 *     WK034403 Overvecht             14.9   16.9   17.9
 *     WK051833 / WK051834 / WK051836 17.6 / 16.7 / 17.1, 19.3 / 18.2 / 18.6, 21.1 / 20.1 / 21.1
 *
 *   inwoners (weights; the nearest period is used, ties to the earlier one)
 *     GM0599 2012 616260, 2017 634660, 2019 644618 (cbs-kwb-gemeenten)
 *     GM0363 2012 790110, 2017 844947, 2019 862965
 *     GM0518 2012 502055, 2017 524882, 2019 537833
 *     GM0344 2012 316275, 2017 343038, 2019 352866
 *     BU05991081 2022 14090 (cbs-kwb-rotterdam-2022-2025; its first year, nearest to 2012–2020)
 *     WK034403 2021 34155 (cbs-kwb-2021-2022; its first year, nearest to 2012–2020)
 *     WK051833 29190, WK051834 20265, WK051836 20995 (2021, cbs-kwb-2021-2022)
 * For 2016 the gemeenten's nearest count is 2017 (1 year off), for 2020 it is 2019
 * (2019 and 2021 are both 1 year off; ties go to the earlier one).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/lib/i18n';
import { summarise } from '../../src/lib/indicators/summary';
import { config, missingGeodataMessage } from '../../src/lib/server/env';
import { importDataPackage } from '../../src/lib/server/import/loader';
import type { AreaPage, PageIndicator } from '../../src/lib/area/types';
import { areaPage } from '../../src/lib/server/data/area-page';
import { Data } from '../../src/lib/server/data/index';
import { seriesFor, seriesForIndicators } from '../../src/lib/server/data/series';
import { crosswalkRows } from '../../src/lib/server/queries/crosswalk';
import { listIndicators } from '../../src/lib/server/queries/indicators';
import { pageCsv } from '../../src/lib/server/area-csv';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const SUPPRESSION = { minPopulation: 50, minCount: 10 };
const defaults = { references: null, extra: [], indicators: null, suppression: SUPPRESSION };

// Rest of Rotterdam without Bloemhof: (city × city weight − Bloemhof × its weight) / (difference of weights).
const REST_ROTTERDAM_BLOEMHOF = [
	(14.9 * 616260 - 19.0 * 14090) / (616260 - 14090), // 14.804
	(16.7 * 634660 - 21.2 * 14090) / (634660 - 14090), // 16.598
	(17.5 * 644618 - 22.5 * 14090) / (644618 - 14090) // 17.388
];
// G4: the four gemeenten weighted with their inhabitants.
const G4 = [
	(11.8 * 790110 + 14.9 * 616260 + 13.9 * 502055 + 10.2 * 316275) / (790110 + 616260 + 502055 + 316275), // 12.905
	(12.5 * 844947 + 16.7 * 634660 + 14.2 * 524882 + 11.3 * 343038) / (844947 + 634660 + 524882 + 343038), // 13.840
	(12.5 * 862965 + 17.5 * 644618 + 15.8 * 537833 + 11.4 * 352866) / (862965 + 644618 + 537833 + 352866) // 14.422
];
const REST_UTRECHT_OVERVECHT = [
	(10.2 * 316275 - 14.9 * 34155) / (316275 - 34155), // 9.631
	(11.3 * 343038 - 16.9 * 34155) / (343038 - 34155), // 10.681
	(11.4 * 352866 - 17.9 * 34155) / (352866 - 34155) // 10.703
];
// Den Haag Zuidwest: its three wijken weighted with their 2021 inhabitants (29190 + 20265 + 20995 = 70450).
const ZUIDWEST_SUM = [17.6 * 29190 + 16.7 * 20265 + 17.1 * 20995, 19.3 * 29190 + 18.2 * 20265 + 18.6 * 20995, 21.1 * 29190 + 20.1 * 20265 + 21.1 * 20995];
const ZUIDWEST = ZUIDWEST_SUM.map((s) => s / 70450);
const REST_DEN_HAAG_ZUIDWEST = [
	(13.9 * 502055 - ZUIDWEST_SUM[0]) / (502055 - 70450),
	(14.2 * 524882 - ZUIDWEST_SUM[1]) / (524882 - 70450),
	(15.8 * 537833 - ZUIDWEST_SUM[2]) / (537833 - 70450)
];

const indicator = (page: AreaPage, key: string): PageIndicator => {
	const found = page.themes.flatMap((t) => t.indicators).find((i) => i.key === key);
	if (!found) throw new Error(`${key} not on the page`);
	return found;
};
const values = (ind: PageIndicator, key: string) => ind.series.find((s) => s.key === key)?.points.map((p) => [p.period, p.value]);
const expectSeries = (ind: PageIndicator, key: string, expected: number[]) => {
	const got = values(ind, key)!;
	expect(
		got.map(([p]) => p),
		key
	).toEqual([2012, 2016, 2020]);
	got.forEach(([, v], i) => expect(v, `${key} ${got[i][0]}`).toBeCloseTo(expected[i], 6));
};

describe.each(engines())('area page on the real data package (%s)', (engine) => {
	let t: TestDatabase;
	const dir = config().geodataDir;

	beforeAll(async () => {
		if (!dir) throw new Error(missingGeodataMessage(config()));
		t = await createTestDatabase(engine);
		await importDataPackage(t, dir, {});
	}, 600_000);
	afterAll(() => t?.drop());

	it('shows Bloemhof’s obesity 2012–2020 against Rotterdam, the rest of Rotterdam, NL and the G4', async () => {
		const page = (await areaPage(t.db, 'nprz-bloemhof', defaults))!;
		expect(page.references).toEqual(['stad', 'rest', 'nl', 'g4']);
		const ob = indicator(page, 'obesitas_pct');
		expect(ob.periods).toEqual([2012, 2016, 2020]);
		expectSeries(ob, 'area', [19.0, 21.2, 22.5]);
		expectSeries(ob, 'stad', [14.9, 16.7, 17.5]);
		expectSeries(ob, 'rest', REST_ROTTERDAM_BLOEMHOF);
		expectSeries(ob, 'nl', [12.9, 14.3, 15.6]);
		expectSeries(ob, 'g4', G4);
		const area = ob.series.find((s) => s.key === 'area')!;
		expect(area.points.every((p) => p.estimate && p.sources.includes('rivm-50090NED'))).toBe(true);
		// One published member: no weights involved. The rest is weighted with Bloemhof's 2022 count.
		expect(area.points.every((p) => !p.weightPeriods && !p.coverage)).toBe(true);
		expect(ob.series.find((s) => s.key === 'rest')!.points[0].weightPeriods).toEqual([2022]);
		expect(ob.series.find((s) => s.key === 'g4')!.points.map((p) => p.weightPeriods)).toEqual([undefined, [2017], [2019]]);
	});

	it('gives the same figures for the buurt BU05991081 itself, and the issue’s sentence', async () => {
		const page = (await areaPage(t.db, 'BU05991081', defaults))!;
		expect(page.subject).toMatchObject({ kind: 'buurt', name: 'Bloemhof', municipality: 'Rotterdam', wijk: { code: 'WK059910', name: 'Feijenoord' } });
		expect(page.subject.partOf.map((f) => f.id)).toEqual(expect.arrayContaining(['nprz-bloemhof', 'rotterdam-zuid']));
		const ob = indicator(page, 'obesitas_pct');
		expectSeries(ob, 'area', [19.0, 21.2, 22.5]);
		expectSeries(ob, 'rest', REST_ROTTERDAM_BLOEMHOF);
		const pts = (key: string) => ob.series.find((s) => s.key === key)!.points;
		expect(summarise('nl', { ...ob, labelNl: 'Obesitas' }, { name: 'Bloemhof', points: pts('area') }, { name: 'Rotterdam', points: pts('stad') })).toBe(
			'Bloemhof: obesitas steeg van 19,0% in 2012 naar 22,5% in 2020; Rotterdam van 14,9% naar 17,5%; het verschil nam toe met 0,9 procentpunt.'
		);
	});

	it('shows Utrecht Overvecht and Den Haag Zuidwest the same way', async () => {
		const overvecht = indicator((await areaPage(t.db, 'utrecht-overvecht', defaults))!, 'obesitas_pct');
		expectSeries(overvecht, 'area', [14.9, 16.9, 17.9]);
		expectSeries(overvecht, 'stad', [10.2, 11.3, 11.4]);
		expectSeries(overvecht, 'rest', REST_UTRECHT_OVERVECHT);
		expectSeries(overvecht, 'nl', [12.9, 14.3, 15.6]);

		const zuidwest = indicator((await areaPage(t.db, 'den-haag-zuidwest', defaults))!, 'obesitas_pct');
		expectSeries(zuidwest, 'area', ZUIDWEST);
		expectSeries(zuidwest, 'stad', [13.9, 14.2, 15.8]);
		expectSeries(zuidwest, 'rest', REST_DEN_HAAG_ZUIDWEST);
		// Three wijken weighted with 2021 inhabitants: the nearest-year weights are named.
		expect(zuidwest.series[0].points.map((p) => p.weightPeriods)).toEqual([[2021], [2021], [2021]]);
	});

	it('describes the area: members, boundary quality, inhabitants, outline', async () => {
		const page = (await areaPage(t.db, 'nprz-bloemhof', defaults))!;
		expect(page.subject.members).toEqual([{ code: 'BU05991081', name: 'Bloemhof', level: 'buurt', partial: false, quality: 'detailed-vintage-approx-2015' }]);
		// inwoners BU05991081 2025: 13740 (cbs-kwb-rotterdam-2022-2025).
		expect(page.subject.population).toEqual({ value: 13740, period: 2025, complete: true });
		expect(page.outline!.qualities).toEqual(['detailed-vintage-approx-2015']);
		expect(page.outline!.members[0].d).toMatch(/^M[\d.]+,[\d.]+L/);
		// Around a buurt: the neighbouring buurten of Rotterdam (Bloemhof itself is not context).
		expect(page.outline!.context.some((c) => c.code.startsWith('BU0599'))).toBe(true);
		expect(page.outline!.context.some((c) => c.code === 'BU05991081')).toBe(false);

		const zuid = (await areaPage(t.db, 'rotterdam-zuid', defaults))!;
		expect(zuid.subject.members.map((m) => m.code)).toEqual(['WK059910', 'WK059912', 'WK059915']);
		expect(zuid.subject.members.every((m) => m.quality === 'exact')).toBe(true);
		expect(zuid.outline!.qualities).toEqual(['exact']);
		expect(zuid.outline!.context.every((c) => c.code.startsWith('WK0599') || c.code === 'GM0599')).toBe(true);
	});

	it('keeps the chosen references, added areas and indicators, and no reference lines for counts', async () => {
		const page = (await areaPage(t.db, 'nprz-bloemhof', {
			...defaults,
			references: ['nl'],
			extra: ['GM0363', 'bogus'],
			indicators: ['obesitas_pct', 'inwoners']
		}))!;
		expect(page.references).toEqual(['nl']);
		expect(page.extra).toEqual([{ id: 'GM0363', name: 'Amsterdam' }]);
		expect(page.themes.flatMap((th) => th.indicators.map((i) => i.key)).sort()).toEqual(['inwoners', 'obesitas_pct']);
		const ob = indicator(page, 'obesitas_pct');
		expect(ob.series.map((s) => s.key)).toEqual(['area', 'nl', 'extra:GM0363']);
		expectSeries(ob, 'extra:GM0363', [11.8, 12.5, 12.5]);
		expect(indicator(page, 'inwoners').series.map((s) => s.key)).toEqual(['area', 'extra:GM0363']);
		expect(page.choices.length).toBeGreaterThan(30);
	});

	it('leaves out reference values that cover too little of their area (the G4 of one city)', async () => {
		const page = (await areaPage(t.db, 'nprz-bloemhof', { ...defaults, indicators: ['inkomen_per_inwoner_keur'] }))!;
		const g4 = indicator(page, 'inkomen_per_inwoner_keur').series.find((s) => s.key === 'g4')!;
		// inkomen_per_inwoner_keur 2023 exists only for Rotterdam (cbs-kwb-rotterdam-2022-2025): no G4 value then.
		expect(g4.points.map((p) => p.period)).not.toContain(2023);
		expect(g4.points.map((p) => p.period)).toContain(2024);
	});

	it('exports exactly the figures of the page as CSV, with the attribution', async () => {
		const page = (await areaPage(t.db, 'nprz-bloemhof', { ...defaults, indicators: ['obesitas_pct'] }))!;
		const csv = pageCsv(page, translator('nl'), { url: 'http://localhost/gebied/nprz-bloemhof?ind=obesitas_pct', date: '2026-11-30' });
		const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
		const rows = lines.filter((l) => l.includes(',obesitas_pct,')).map((l) => l.split(','));
		// 5 series × 3 periods.
		expect(rows).toHaveLength(15);
		const cell = (series: string, period: string) => rows.find((r) => r[2] === series && r[7] === period)!;
		expect(cell('area', '2020').slice(8, 13)).toEqual(['22.5', '', '', 'ja', 'nee']);
		// Rotterdam 2020: 17.5; gap 22.5 − 17.5 = 5.0; relative 5 / 17.5 = 29 %.
		expect(cell('stad', '2020').slice(8, 11)).toEqual(['17.5', '5.0', '29']);
		// Rest 2012: 14.804 → 14.8; gap 19.0 − 14.804 = 4.196 → 4.2; weights of 2022.
		expect(cell('rest', '2012')[8]).toBe(REST_ROTTERDAM_BLOEMHOF[0].toFixed(1));
		expect(cell('rest', '2012')[9]).toBe((19.0 - REST_ROTTERDAM_BLOEMHOF[0]).toFixed(1));
		expect(cell('rest', '2012')[15]).toBe('2022');
		expect(cell('g4', '2016')[8]).toBe(G4[1].toFixed(1));
		expect(cell('nl', '2016')[17]).toBe('RIVM 50090NED');
		expect(lines).toContain('Bronvermelding');
		expect(csv).toContain('Bron: RIVM, GGD');
	});

	it('keeps seriesFor’s single-indicator behaviour and agrees with the batched call', async () => {
		const targets = [{ type: 'focus' as const, id: 'nprz-bloemhof' }, { type: 'rest' as const, focusId: 'nprz-bloemhof' }, { type: 'g4' as const }];
		const single = await seriesFor(t.db, targets, 'obesitas_pct');
		expect(single.get('rest:nprz-bloemhof')!.map((p) => p.value)).toEqual(REST_ROTTERDAM_BLOEMHOF.map((v) => expect.closeTo(v, 6)));
		const batched = (
			await seriesForIndicators(
				t.db,
				targets,
				(await listIndicators(t.db)).filter((i) => ['obesitas_pct', 'roker_pct'].includes(i.key))
			)
		).get('obesitas_pct')!;
		expect(batched).toEqual(single);
	});

	// Het Hogeland (GM1966) exists since 2019: Bedum, De Marne, Eemsmond and most of Winsum.
	// Winsum's 2024 buurten (cbs-kwb-2024 inwoners, by wijk): Sauwerd 1955, Winsum 7440 and
	// Baflo 2660 lie in Het Hogeland, Wijk 13 (Ezinge) 1495 in Westerkwartier (GM1969).
	// Hoeksche Waard (GM1963, since 2019) is five whole gemeenten.
	const WINSUM_TO_HOGELAND = (1955 + 7440 + 2660) / (1955 + 7440 + 2660 + 1495); // 0.8897
	it('converts earlier figures of a merged gemeente from the gemeenten of then, by their inhabitants', async () => {
		const cw = await crosswalkRows(t.db, ['GM1966', 'GM1969']);
		const winsum = cw.filter((r) => r.from === 'GM0053' && r.vintage === 2018);
		expect(winsum.map((r) => [r.to, r.basis])).toEqual([
			['GM1966', 'inwoners'],
			['GM1969', 'inwoners']
		]);
		expect(winsum[0].share).toBeCloseTo(WINSUM_TO_HOGELAND, 10);
		expect(winsum[1].share).toBeCloseTo(1495 / 13550, 10);
		expect(cw.filter((r) => r.to === 'GM1966' && r.vintage === 2018).map((r) => r.from)).toEqual(['GM0005', 'GM0053', 'GM1651', 'GM1663']);
		expect(cw.every((r) => r.since === 2019)).toBe(true);

		const inwoners = await seriesFor(
			t.db,
			[
				{ type: 'area', code: 'GM1963' },
				{ type: 'area', code: 'GM1966' }
			],
			'inwoners'
		);
		const point = (code: string, period: number) => inwoners.get(`area:${code}`)!.find((p) => p.period === period)!;
		// cbs-kwb-gemeenten 2012: Binnenmaas 28960, Cromstrijen 12780, Korendijk 10800, Oud-Beijerland 23415, Strijen 8850.
		expect(point('GM1963', 2012)).toMatchObject({ value: 28960 + 12780 + 10800 + 23415 + 8850, crosswalk: [2012] });
		// 2018: Bedum 10475, De Marne 10058, Eemsmond 15553, Winsum 13560 × its share.
		expect(point('GM1966', 2018).value).toBeCloseTo(10475 + 10058 + 15553 + 13560 * WINSUM_TO_HOGELAND, 6);
		expect(point('GM1966', 2019)).toMatchObject({ value: 47888, method: 'published' });
		expect(point('GM1966', 2019).crosswalk).toBeUndefined();
		// The map keeps each year's own codes: no converted figure.
		const plain = await seriesFor(t.db, [{ type: 'area', code: 'GM1966' }], 'inwoners', { crosswalk: false });
		expect(plain.get('area:GM1966')!.find((p) => p.period === 2018)?.value ?? null).toBeNull();

		const page = (await areaPage(t.db, 'GM1966', { ...defaults, indicators: ['inwoners'] }))!;
		expect(page.crosswalk).toEqual([
			{
				code: 'GM1966',
				name: 'Het Hogeland',
				since: 2019,
				vintage: 2018,
				parts: [
					{ code: 'GM0005', name: 'Bedum', share: 1, basis: 'inwoners' },
					{ code: 'GM1663', name: 'De Marne', share: 1, basis: 'inwoners' },
					{ code: 'GM1651', name: 'Eemsmond', share: 1, basis: 'inwoners' },
					{ code: 'GM0053', name: 'Winsum', share: expect.closeTo(WINSUM_TO_HOGELAND, 10), basis: 'inwoners' }
				]
			}
		]);
		const area = indicator(page, 'inwoners').series.find((s) => s.key === 'area')!;
		expect(area.points.filter((p) => p.crosswalk).map((p) => p.period)).toEqual([2012, 2017, 2018]);
		const csv = pageCsv(page, translator('nl'), { url: 'http://localhost/gebied/GM1966?ind=inwoners', date: '2026-12-06' });
		const row2017 = csv.split('\r\n').find((l) => l.startsWith('GM1966,') && l.includes(',area,') && l.includes(',2017,'))!;
		expect(row2017.endsWith(',omgerekend uit de gebieden van de indeling 2017')).toBe(true);
	});

	it('answers unknown ids with null and gives the same page from the data object, cold and cached', async () => {
		expect(await areaPage(t.db, 'bestaat-niet', defaults)).toBeNull();
		const data = new Data(t, { suppression: SUPPRESSION });
		const view = { references: null, extra: [], indicators: null };
		expect(await data.areaPage('bestaat-niet', view)).toBeNull();
		const cold = indicator((await data.areaPage('GM0599', view))!, 'obesitas_pct');
		const warm = indicator((await data.areaPage('GM0599', view))!, 'obesitas_pct');
		expect(await data.areaPage('GM0599', view)).toBe(await data.areaPage('GM0599', view));
		expect(indicator((await areaPage(t.db, 'GM0599', defaults))!, 'obesitas_pct')).toEqual(cold);
		expect(cold).toEqual(warm);
		expect(cold.series.map((s) => s.key)).toEqual(['area', 'nl', 'g4']);
		expectSeries(cold, 'g4', G4);
	});
});
