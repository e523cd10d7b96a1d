/**
 * Every query module against the synthetic package (tests/fixtures/package.ts),
 * on every engine. Expected values are computed by hand from the fixture's rows;
 * the arithmetic is in the comments.
 */
import { coverageShare } from '../../src/lib/indicators/aggregate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaByCode, focusAreaById, gemeenteCodes, listFocusAreas, subAreasOf } from '../../src/lib/server/queries/areas';
import { indicatorByKey, listIndicators } from '../../src/lib/server/queries/indicators';
import { latest, type SeriesPoint } from '../../src/lib/indicators/series';
import { targetKey, type Target } from '../../src/lib/indicators/targets';
import { headlineOverview } from '../../src/lib/server/data/overview';
import { seriesFor } from '../../src/lib/server/data/series';
import { importHistory, listSources, sourceLabel, sourceLabels } from '../../src/lib/server/queries/sources';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

describe.each(engines())('queries on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	let firstBatch: number;

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage();
		firstBatch = (await importDataPackage(t, pkg.dir, pkg.options)).batchId;
	});
	afterAll(async () => {
		await pkg?.cleanup();
		await t?.drop();
	});

	/** Series per target, then the point of one period. */
	async function series(indicator: string, targets: Target[]) {
		const s = await seriesFor(t.db, targets, indicator);
		return (target: Target, period: number): SeriesPoint => {
			const points = s.get(targetKey(target));
			if (!points) throw new Error(`no series for ${targetKey(target)}`);
			const p = points.find((x) => x.period === period);
			if (!p) throw new Error(`no point ${period} for ${targetKey(target)} (periods ${points.map((x) => x.period).join(', ')})`);
			return p;
		};
	}
	const noord: Target = { type: 'focus', id: 'test-noord' };
	const rest: Target = { type: 'rest', focusId: 'test-noord' };
	const nl: Target = { type: 'nl' };
	const g4: Target = { type: 'g4' };
	const area = (code: string): Target => ({ type: 'area', code });

	describe('areas', () => {
		it('listFocusAreas: by municipality and name, with named members', async () => {
			const list = await listFocusAreas(t.db);
			// "Testdorp" < "Teststad"; within Teststad "Testbuurt Zuid …" < "Testwijken Noord …".
			expect(list.map((f) => f.id)).toEqual(['test-dorp', 'test-zuid', 'test-noord']);
			const n = list[2];
			expect(n).toMatchObject({ gemeenteCode: 'GM0599', level: 'wijk', programme: 'NPLV', populationKwb2024: 4500, partOf: null, confidence: 'synthetic' });
			expect(n.members).toEqual([
				{ code: 'WK059901', name: 'Noordwijk (synthetisch)', partial: false },
				{ code: 'WK059902', name: 'Ringwijk (synthetisch)', partial: true }
			]);
			expect(list[0].members).toEqual([{ code: 'WK999901', name: 'Dorpskern (synthetisch)', partial: false }]);
		});

		it('focusAreaById: one area with its members, null when unknown', async () => {
			const f = await focusAreaById(t.db, 'test-zuid');
			expect(f).toMatchObject({ id: 'test-zuid', name: 'Testbuurt Zuid (synthetisch)', level: 'buurt', sources: ['tests/fixtures/package.ts (synthetisch)'] });
			expect(f?.members).toEqual([{ code: 'BU05990301', name: 'Zuid-West (synthetisch)', partial: false }]);
			expect(await focusAreaById(t.db, 'bestaat-niet')).toBeNull();
		});

		it('areaByCode: an area with its place in the hierarchy, null when unknown', async () => {
			expect(await areaByCode(t.db, 'BU05990101')).toEqual({
				code: 'BU05990101',
				level: 'buurt',
				name: 'Noord-A (synthetisch)',
				gemeenteCode: 'GM0599',
				wijkCode: 'WK059901',
				note: null,
				superseded: false,
				batchId: firstBatch
			});
			expect(await areaByCode(t.db, 'WK999950')).toMatchObject({ name: null, superseded: true, note: 'indeling-2020-code-not-in-2024' });
			expect(await areaByCode(t.db, 'GM0000')).toBeNull();
		});

		it('subAreasOf: current wijken and buurten only (also without boundary), not superseded codes', async () => {
			const codes = async (g: string[]) => (await subAreasOf(t.db, g)).map((a) => a.code).sort();
			expect(await codes(['GM0599'])).toEqual([
				'BU05990101',
				'BU05990102',
				'BU05990201',
				'BU05990301',
				'BU05990302',
				'BU05990399',
				'WK059901',
				'WK059902',
				'WK059903'
			]);
			expect(await codes(['GM9999'])).toEqual(['BU99990101', 'WK999901']); // not WK999950
			expect(await codes(['GM0599', 'GM9999'])).toHaveLength(11);
			expect(await subAreasOf(t.db, [])).toEqual([]);
			const b = (await subAreasOf(t.db, ['GM0599'])).find((a) => a.code === 'BU05990399');
			expect(b).toEqual({ code: 'BU05990399', level: 'buurt', gemeenteCode: 'GM0599', wijkCode: 'WK059903' });
			expect((await gemeenteCodes(t.db)).sort()).toEqual(['GM0599', 'GM9999']);
		});
	});

	describe('indicators and sources', () => {
		it("listIndicators: in the rules' theme order, then by Dutch label", async () => {
			const list = await listIndicators(t.db);
			// gezondheid (1): Ernstig overgewicht; veiligheid (3): Geregistreerde … < Misdrijven per …; bevolking (5): Aantal inwoners
			expect(list.map((i) => i.key)).toEqual(['obesitas_pct', 'misdrijven_totaal', 'misdrijven_per_1000', 'inwoners']);
			expect(await indicatorByKey(t.db, 'misdrijven_per_1000')).toMatchObject({
				kind: 'rate',
				unit: 'per 1 000 inwoners',
				weight: 'inwoners',
				numerator: 'misdrijven_totaal',
				scale: 1000
			});
			expect(await indicatorByKey(t.db, 'bestaat_niet')).toBeNull();
		});

		it('listSources, sourceLabel and sourceLabels', async () => {
			const list = await listSources(t.db);
			expect(list.map((s) => s.id)).toEqual(['cbs-synthetisch', 'geo-synthetisch', 'politie-synthetisch', 'rivm-synthetisch']);
			expect(list[0]).toMatchObject({
				publisher: 'CBS (synthetisch)',
				tableRef: '99901NED',
				licenceName: 'CC0-1.0',
				caveats: ['Verzonnen cijfers voor geautomatiseerde tests.']
			});
			const labels = await sourceLabels(t.db);
			// Publisher's first word + StatLine table; without a table the title.
			expect(labels['cbs-synthetisch'].label).toBe('CBS 99901NED');
			expect(labels['politie-synthetisch'].label).toBe('Politie 99902NED');
			expect(labels['rivm-synthetisch'].label).toBe('Synthetische gezondheidsschattingen');
			expect(labels['rivm-synthetisch'].attribution).toBe('Synthetische testdata (tests/fixtures/package.ts), geen echte cijfers');
			// The shape of a real record: the table is found in the id when tableRef has none.
			expect(
				sourceLabel({ id: 'rivm-50090NED', title: "RIVM/GGD'en/CBS Gezondheid per wijk en buurt", publisher: "RIVM, GGD'en, CBS", tableRef: null }).label
			).toBe('RIVM 50090NED');
			// A source with one table per year names the table of each period.
			const kwb = sourceLabel({
				id: 'cbs-kwb-gemeenten',
				title: 'CBS Kerncijfers wijken en buurten, gemeenten 2012-2023',
				publisher: 'CBS (Centraal Bureau voor de Statistiek) / Kadaster via PDOK',
				tableRef: 'KWB per year: 2012 (PDOK layer gemeenten2012), 83765NED (2017), 84286NED (2018), 85318NED (2022)'
			});
			expect(kwb.label).toBe('CBS Kerncijfers wijken en buurten, gemeenten 2012-2023');
			expect(kwb.byPeriod).toEqual({ 2017: 'CBS 83765NED', 2018: 'CBS 84286NED', 2022: 'CBS 85318NED' });
		});
	});

	describe('seriesFor', () => {
		it('counts: inhabitants of an area, a focus area built partly from buurten, the rest of the city, G4 and NL', async () => {
			const at = await series('inwoners', [area('WK059901'), noord, rest, g4, nl]);
			// WK059901 has its own 2022 figure; for 2024 only its buurten: 1000 + 1500.
			expect(at(area('WK059901'), 2022)).toMatchObject({ value: 2000, method: 'published' });
			expect(at(area('WK059901'), 2024)).toMatchObject({ value: 2500, method: 'sum' });
			// test-noord = WK059901 + WK059902: 2000 + 1800 = 3800; 2500 + 2000 = 4500.
			expect(at(noord, 2022)).toMatchObject({ value: 3800, membersWithData: 2, membersTotal: 2 });
			expect(at(noord, 2024)).toMatchObject({ value: 4500, membersWithData: 2, method: 'sum' });
			// Rest of Teststad: 9000 − 3800 = 5200; 10 000 − 4500 = 5500.
			expect(at(rest, 2022)).toMatchObject({ value: 5200, method: 'difference' });
			expect(at(rest, 2024)).toMatchObject({ value: 5500, method: 'difference' });
			// G4: only GM0599 exists in the fixture: 1 of 4 members.
			expect(at(g4, 2024)).toMatchObject({ value: 10000, membersWithData: 1, membersTotal: 4 });
			// NL has no figure of its own: the sum of the gemeenten, 9000 + 700 and 10 000 + 800.
			expect(at(nl, 2022).value).toBe(9700);
			expect(at(nl, 2024).value).toBe(10800);
		});

		it('counts: a missing buurt stays null, provisional police years are marked', async () => {
			const s = await seriesFor(t.db, [area('BU05990302'), area('WK059903'), noord, rest, nl], 'misdrijven_totaal');
			expect(s.get('area:BU05990302')!.map((p) => p.period)).toEqual([2022, 2023, 2024]);
			// BU05990302 has no crime figure in any year: null, never 0.
			for (const p of s.get('area:BU05990302')!) expect(p).toMatchObject({ value: null, method: 'none', membersWithData: 0, membersTotal: 1 });
			const at = await series('misdrijven_totaal', [area('WK059903'), noord, rest, nl]);
			expect([2022, 2023, 2024].map((y) => at(area('WK059903'), y).value)).toEqual([600, 630, 730]);
			// test-noord: 200 + 100; 210 + 110; 2024 WK059901 from its buurten 100 + 180 = 280, + 120 = 400.
			expect([2022, 2023, 2024].map((y) => at(noord, y).value)).toEqual([300, 320, 400]);
			// Police figures of 2023 and 2024 are provisional (package of 2024).
			expect([2022, 2023, 2024].map((y) => at(noord, y).provisional)).toEqual([false, true, true]);
			// Rest: 900 − 300, 950 − 320, 1130 − 400.
			expect([2022, 2023, 2024].map((y) => at(rest, y).value)).toEqual([600, 630, 730]);
			// NL: GM0599 alone in 2022/2023; 1130 + 40 = 1170 in 2024.
			expect([2022, 2023, 2024].map((y) => at(nl, y).value)).toEqual([900, 950, 1170]);
			// In 2022 Testdorp existed (700 inhabitants) but has no crime figure: NL covers 9000 of 9700.
			expect(coverageShare(at(nl, 2022))).toBeCloseTo(9000 / 9700, 9);
			expect(coverageShare(at(nl, 2024))).toBeCloseTo(1, 9);
		});

		it('rates: recomputed from numerator and denominator, also for a wijk built from its buurten', async () => {
			const targets = [noord, rest, area('BU05990301'), area('GM0599'), nl, g4];
			const s = await seriesFor(t.db, targets, 'misdrijven_per_1000');
			// No rate in 2023 (no inhabitants that year): the series skips the year.
			expect(s.get(targetKey(noord))!.map((p) => p.period)).toEqual([2022, 2024]);
			const at = await series('misdrijven_per_1000', targets);
			// 2022: (200 + 100) / (2000 + 1800) × 1000 = 78.947…
			expect(at(noord, 2022).value).toBeCloseTo((300 / 3800) * 1000, 9);
			expect(at(noord, 2022).method).toBe('ratio');
			// 2024: WK059901 from its buurten (100 + 180) / (1000 + 1500), WK059902 120 / 2000:
			// (280 + 120) / (2500 + 2000) × 1000 = 88.888…
			expect(at(noord, 2024).value).toBeCloseTo((400 / 4500) * 1000, 9);
			expect(at(noord, 2024)).toMatchObject({ method: 'ratio', membersWithData: 2, provisional: true, estimate: false, sources: ['politie-synthetisch'] });
			// Rest: (900 − 300) / (9000 − 3800) × 1000 = 115.38…; (1130 − 400) / (10 000 − 4500) × 1000 = 132.72…
			expect(at(rest, 2022).value).toBeCloseTo((600 / 5200) * 1000, 9);
			expect(at(rest, 2024).value).toBeCloseTo((730 / 5500) * 1000, 9);
			// A single buurt: 400 / 3000 × 1000 = 133.33… (the published 133.3 is rounded); none in 2022.
			expect(at(area('BU05990301'), 2024).value).toBeCloseTo(400 / 3, 9);
			expect(at(area('BU05990301'), 2022)).toMatchObject({ value: null, membersWithData: 0 });
			// The city: 900 / 9000 × 1000 = 100; 1130 / 10 000 × 1000 = 113.
			expect(at(area('GM0599'), 2022).value).toBeCloseTo(100, 9);
			expect(at(area('GM0599'), 2024).value).toBeCloseTo(113, 9);
			// NL from the gemeenten: 2022 GM0599 only = 100; 2024 (1130 + 40) / (10 000 + 800) × 1000 = 108.33…
			expect(at(nl, 2022).value).toBeCloseTo(100, 9);
			expect(at(nl, 2024).value).toBeCloseTo((1170 / 10800) * 1000, 9);
			expect(at(g4, 2024)).toMatchObject({ membersWithData: 1, membersTotal: 4 });
			expect(at(g4, 2024).value).toBeCloseTo(113, 9);
		});

		it('weighted estimates: a missing year in one member, nearest-period weights, children ignored when the wijk has a value', async () => {
			const zuid: Target = { type: 'focus', id: 'test-zuid' };
			const targets = [noord, rest, area('WK059901'), zuid, nl, area('WK999950')];
			const at = await series('obesitas_pct', targets);
			// 2016: WK059902 has no value: only WK059901 = 20.0 (weight 2000 inhabitants of 2022).
			expect(at(noord, 2016)).toMatchObject({ value: 20, membersWithData: 1, membersTotal: 2, estimate: true, weightPeriods: [2022] });
			// Inhabitants (nearest year 2022): 2000 of 2000 + 1800 covered.
			expect(at(noord, 2016)).toMatchObject({ populationTotal: 3800, populationCovered: 2000 });
			// 2020: (22 × 2000 + 18 × 1800) / 3800 = 76 400 / 3800 = 20.105…
			expect(at(noord, 2020).value).toBeCloseTo(76400 / 3800, 9);
			expect(at(noord, 2020)).toMatchObject({ membersWithData: 2, method: 'weighted', weightPeriods: [2022], sources: ['rivm-synthetisch'] });
			// Rest 2016: (15 × 9000 − 20 × 2000) / (9000 − 2000) = 95 000 / 7000 = 13.571…; inhabitants 9000 − 3800 = 5200,
			// of which 5200 − 1800 (WK059902, no data in the part) = 3400 covered.
			expect(at(rest, 2016).value).toBeCloseTo(95000 / 7000, 9);
			expect(at(rest, 2016)).toMatchObject({ populationTotal: 5200, populationCovered: 3400, estimate: true });
			// Rest 2020: (16.5 × 9000 − 76 400) / 5200 = 72 100 / 5200 = 13.865… (not WK059903's 13.0: subtracted, not re-aggregated).
			expect(at(rest, 2020).value).toBeCloseTo(72100 / 5200, 9);
			// WK059901 publishes 22.0 itself; its buurt's 21.0 is not used.
			expect(at(area('WK059901'), 2020)).toMatchObject({ value: 22, method: 'published' });
			expect(at(zuid, 2020)).toMatchObject({ value: 14, method: 'published' });
			expect(at(zuid, 2016)).toMatchObject({ value: null, membersWithData: 0 });
			// NL publishes its own (unweighted) figure.
			expect(at(nl, 2016)).toMatchObject({ value: 14, method: 'published' });
			expect(at(nl, 2020)).toMatchObject({ value: 15, method: 'published' });
			// A superseded code keeps its own series.
			expect(at(area('WK999950'), 2016).value).toBe(30);
			expect(at(area('WK999950'), 2020).value).toBeNull();
		});

		it('an unknown indicator gives no series; an unknown focus area gives empty points', async () => {
			expect((await seriesFor(t.db, [noord], 'bestaat_niet')).size).toBe(0);
			const s = await seriesFor(t.db, [{ type: 'focus', id: 'bestaat-niet' }], 'inwoners');
			expect(s.get('focus:bestaat-niet')).toEqual([]);
			expect(latest(s.get('focus:bestaat-niet'))).toBeNull();
		});
	});

	describe('headlineOverview', () => {
		it('gives each focus area its latest figures next to its city, and says why a cell is empty', async () => {
			const o = await headlineOverview(t.db, { minPopulation: 0, minCount: 0 });
			expect(o.rows.map((r) => r.area.id)).toEqual(['test-dorp', 'test-zuid', 'test-noord']);
			expect(Object.keys(o.indicators).sort()).toEqual(['inwoners', 'misdrijven_per_1000', 'obesitas_pct']);
			expect(o.rows[0].area).not.toHaveProperty('sources');

			// Testdorp: its wijk has no figures; obesity exists only on an old-classification code there.
			const dorp = o.rows[0];
			expect(dorp.cells).toEqual({ obesity: null, work: null, crime: null, socialHousing: null });
			expect(dorp.missing).toEqual({ obesity: 'oldClassification', work: 'noSource', crime: 'noSource', socialHousing: 'noSource' });

			const zuid = o.rows[1];
			expect(zuid.missing).toEqual({ work: 'noSource', socialHousing: 'noSource' });
			expect(zuid.cells.obesity).toEqual({
				indicator: 'obesitas_pct',
				period: 2020,
				value: 14,
				estimate: true,
				provisional: false,
				membersWithData: 1,
				membersTotal: 1,
				coverage: 1,
				weightPeriods: [2022],
				sources: ['rivm-synthetisch'],
				city: { value: 16.5, period: 2020 }
			});
			// 400 / 3000 × 1000 against the city's 1130 / 10 000 × 1000 = 113.
			expect(zuid.cells.crime).toMatchObject({
				indicator: 'misdrijven_per_1000',
				period: 2024,
				provisional: true,
				estimate: false,
				membersWithData: 1,
				membersTotal: 1
			});
			expect(zuid.cells.crime!.value).toBeCloseTo(400 / 3, 9);
			expect(zuid.cells.crime!.city!.value).toBeCloseTo(113, 9);
			expect(zuid.cells.crime!.city!.period).toBe(2024);

			const noordRow = o.rows[2];
			expect(noordRow.cells.obesity!.value).toBeCloseTo(76400 / 3800, 9);
			expect(noordRow.cells.obesity).toMatchObject({ period: 2020, membersWithData: 2, membersTotal: 2, coverage: 1, city: { value: 16.5, period: 2020 } });
			expect(noordRow.cells.crime!.value).toBeCloseTo((400 / 4500) * 1000, 9);
			expect(noordRow.cells.crime).toMatchObject({ period: 2024, provisional: true, membersWithData: 2 });
		});

		it('withholds focus-area figures of too few inhabitants, and says so', async () => {
			// Every synthetic focus area has fewer than 100 000 inhabitants: all their figures are withheld.
			const o = await headlineOverview(t.db, { minPopulation: 100_000, minCount: 0 });
			const zuid = o.rows.find((r) => r.area.id === 'test-zuid')!;
			expect(zuid.cells.obesity).toBeNull();
			expect(zuid.cells.crime).toBeNull();
			expect(zuid.missing).toMatchObject({ obesity: 'suppressed', crime: 'suppressed', work: 'noSource' });
			// With the minimums switched off nothing is withheld.
			const open = await headlineOverview(t.db, { minPopulation: 0, minCount: 0 });
			expect(open.rows.find((r) => r.area.id === 'test-zuid')!.cells.obesity!.value).toBe(14);
		});
	});

	describe('importHistory', () => {
		it('lists batches newest first, with checksums and counts', async () => {
			const [only] = await importHistory(t.db);
			expect(only).toMatchObject({
				id: firstBatch,
				kind: 'datapackage',
				input: 'package',
				status: 'ok',
				rowCounts: { observations: 65, boundaries: 12, focus_areas: 3 }
			});
			expect(only.checksum).toMatch(/^[0-9a-f]{64}$/);
			expect(only.files.map((f) => f.path)).toContain('observations/politie.csv');
			const again = await importDataPackage(t, pkg.dir, { ...pkg.options, force: true });
			const history = await importHistory(t.db);
			expect(history.map((b) => b.id)).toEqual([again.batchId, firstBatch]);
			expect((await importHistory(t.db, 1)).map((b) => b.id)).toEqual([again.batchId]);
			expect(history[0].checksum).toBe(only.checksum);
		});
	});
});
