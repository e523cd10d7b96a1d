/**
 * Acceptance checks of the foundation on the REAL data package (config().geodataDir:
 * GEODATA_DIR, else ../shared/geodata/nl-wijkaanpak) with the project's own
 * geodata/focus-areas.json and geodata/indicator-rules.json, on every engine.
 * The expected figures are the package README's spot checks and totals.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { config, missingGeodataMessage } from '../../src/lib/server/env';
import { importDataPackage, type ImportResult } from '../../src/lib/server/import/loader';
import { listFocusAreas } from '../../src/lib/server/queries/areas';
import { seriesFor } from '../../src/lib/server/data/series';
import { areaPage } from '../../src/lib/server/data/area-page';
import { headlineOverview } from '../../src/lib/server/data/overview';
import { HEADLINES } from '../../src/lib/indicators/headlines';
import { createTestDatabase, engines, type TestDatabase } from './engines';

/** Members per focus area as defined in geodata/focus-areas.json (CBS 2024 wijk or buurt codes). */
const MEMBERS: Record<string, number> = {
	'amsterdam-nieuw-west': 15,
	'amsterdam-zuidoost': 12,
	'arnhem-oost': 8,
	'breda-noord': 13,
	'delft-west': 3,
	'den-haag-zuidwest': 3,
	'dordrecht-west': 29,
	'eindhoven-woensel-zuid': 3,
	'groningen-noord': 16,
	'heerlen-noord': 14,
	'leeuwarden-oost': 5,
	'lelystad-oost': 38,
	'nieuwegein-centrale-as': 10,
	'roosendaal-ring': 5,
	'rotterdam-zuid': 3,
	'schiedam-nieuwland-oost': 2,
	'tilburg-noordwest': 6,
	'utrecht-overvecht': 1,
	'vlaardingen-westwijk': 1,
	'zaandam-oost': 5,
	'nprz-afrikaanderwijk': 1,
	'nprz-bloemhof': 1,
	'nprz-feijenoord': 1,
	'nprz-hillesluis': 1,
	'nprz-oud-charlois': 1,
	'nprz-carnisse': 1,
	'nprz-tarwewijk': 1
};

describe.each(engines())('the real data package on %s', (engine) => {
	let t: TestDatabase;
	let first: ImportResult;
	const dir = config().geodataDir;

	beforeAll(async () => {
		if (!dir) throw new Error(missingGeodataMessage(config()));
		t = await createTestDatabase(engine);
		first = await importDataPackage(t, dir);
	}, 400_000);
	afterAll(() => t?.drop());

	it('has all 20 NPLV areas and 7 NPRZ focuswijken with their members, each a current area', async () => {
		const areas = await listFocusAreas(t.db);
		expect(areas.filter((a) => a.programme === 'NPLV')).toHaveLength(20);
		const nprz = areas.filter((a) => a.programme === 'NPRZ-focuswijk');
		expect(nprz).toHaveLength(7);
		expect(new Set(nprz.map((a) => a.partOf))).toEqual(new Set(['rotterdam-zuid']));
		expect(Object.fromEntries(areas.map((a) => [a.id, a.members.length]))).toEqual(MEMBERS);
		// Every member is a known, current area of the focus area's level, in its gemeente.
		const bad = await t.rows<{ id: string; code: string }>(sql`
			SELECT m.focus_area_id AS id, m.area_code AS code
			FROM focus_area_member m JOIN focus_area f ON f.id = m.focus_area_id LEFT JOIN area a ON a.code = m.area_code
			WHERE a.code IS NULL OR a.level <> f.level OR a.superseded OR a.gemeente_code <> f.gemeente_code`);
		expect(bad).toEqual([]);
		expect(areas.find((a) => a.id === 'nprz-bloemhof')!.members.map((m) => m.code)).toEqual(['BU05991081']);
	});

	it('Bloemhof: obesity 2012/2016/2020 = 19.0 / 21.2 / 22.5, RIVM 50090NED, a model estimate', async () => {
		const rows = await t.rows<{ period: number; value: number; source_id: string }>(
			sql`SELECT period, value, source_id FROM observation WHERE area_code = 'BU05991081' AND indicator = 'obesitas_pct' ORDER BY period`
		);
		expect(rows.map((r) => ({ ...r, value: Number(r.value) }))).toEqual([
			{ period: 2012, value: 19.0, source_id: 'rivm-50090NED' },
			{ period: 2016, value: 21.2, source_id: 'rivm-50090NED' },
			{ period: 2020, value: 22.5, source_id: 'rivm-50090NED' }
		]);
		const s = await seriesFor(
			t.db,
			[
				{ type: 'focus', id: 'nprz-bloemhof' },
				{ type: 'area', code: 'BU05991081' }
			],
			'obesitas_pct'
		);
		for (const key of ['focus:nprz-bloemhof', 'area:BU05991081']) {
			const points = s.get(key)!;
			expect(
				points.map((p) => p.period),
				key
			).toEqual([2012, 2016, 2020]);
			[19.0, 21.2, 22.5].forEach((v, i) => expect(points[i].value, `${key} ${points[i].period}`).toBeCloseTo(v, 9));
			for (const p of points)
				expect(p, key).toMatchObject({ estimate: true, provisional: false, sources: ['rivm-50090NED'], membersWithData: 1, membersTotal: 1 });
		}
		const [ind] = await t.rows<{ estimate: boolean; weight: string }>(sql`SELECT estimate, weight FROM indicator WHERE key = 'obesitas_pct'`);
		expect(ind).toEqual({ estimate: true, weight: 'inwoners' });
	});

	it('Rotterdam GM0599: 52 728 registered crimes in 2022, from a Politie source', async () => {
		const [r] = await t.rows<{ value: number; source_id: string; publisher: string; provisional: boolean }>(sql`
			SELECT o.value, o.source_id, s.publisher, o.provisional FROM observation o JOIN source s ON s.id = o.source_id
			WHERE o.area_code = 'GM0599' AND o.indicator = 'misdrijven_totaal' AND o.period = 2022`);
		expect(Number(r.value)).toBe(52728);
		expect(r.source_id).toMatch(/^politie/);
		expect(r.publisher).toMatch(/Politie/);
		// Police figures are final two years on; the package was created in 2026.
		expect(r.provisional).toBe(false);
		const s = await seriesFor(t.db, [{ type: 'area', code: 'GM0599' }], 'misdrijven_totaal');
		expect(s.get('area:GM0599')!.find((p) => p.period === 2022)).toMatchObject({ value: 52728, method: 'published' });
	});

	it('keeps codes of the old Amsterdam classification apart from the current areas', async () => {
		const [a] = await t.rows<{ superseded: boolean; note: string }>(sql`SELECT superseded, note FROM area WHERE code = 'WK036300'`);
		expect(a).toEqual({ superseded: true, note: 'indeling-2020-amsterdam-recoded-2022' });
	});

	it('records the batch: a checksum per file equal to the descriptor, and the counts of the README', async () => {
		const descriptor = JSON.parse(await readFile(path.join(dir!, 'datapackage.json'), 'utf8')) as {
			sources: unknown[];
			resources: { path: string; hash: string }[];
		};
		const batches = await t.rows<{ id: number; checksum: string; files: { path: string; sha256: string; rows: number }[]; row_counts: Record<string, number> }>(
			sql`SELECT id, checksum, files, row_counts FROM import_batch`
		);
		expect(batches).toHaveLength(1);
		const [batch] = batches;
		expect(batch.id).toBe(first.batchId);
		expect(batch.checksum).toBe(first.checksum);
		const files = new Map(batch.files.map((f) => [f.path, f]));
		for (const r of descriptor.resources) expect(`sha256:${files.get(r.path)?.sha256}`, r.path).toBe(r.hash);
		const own = await readFile(path.resolve('geodata/focus-areas.json'));
		expect(files.get('focus-areas.json')?.sha256).toBe(createHash('sha256').update(own).digest('hex'));
		expect(files.has('indicator-rules.json')).toBe(true);
		// README: 498,676 observation rows, 75 indicators and 18 sources after the third build; 20,489 boundary features.
		expect(descriptor.sources).toHaveLength(18);
		expect(batch.row_counts).toMatchObject({ observations: 498676, indicators: 75, boundaries: 20489, focus_areas: 27, sources: descriptor.sources.length });
		const [c] = await t.rows<Record<string, number>>(sql`
			SELECT (SELECT count(*)::int FROM observation) AS observations, (SELECT count(*)::int FROM indicator) AS indicators,
				(SELECT count(*)::int FROM boundary) AS boundaries, (SELECT count(*)::int FROM focus_area) AS focus_areas,
				(SELECT count(*)::int FROM source) AS sources, (SELECT count(*)::int FROM area) AS areas`);
		expect(c).toEqual(batch.row_counts);
		expect(files.get('observations/rivm-50090NED.csv')?.rows).toBe(185697);
	});

	it('shows on the overview the figures of each focus area’s page: the same inhabitants, and one indicator per column', async () => {
		const suppression = config().suppression;
		const { rows } = await headlineOverview(t.db, suppression);
		expect(rows).toHaveLength(Object.keys(MEMBERS).length);
		for (const row of rows) {
			const page = (await areaPage(t.db, row.area.id, { references: null, extra: [], indicators: null, suppression, figuresOnly: true }))!;
			expect(row.population, row.area.id).toEqual(page.subject.population);
			const onPage = (key: string) => {
				const area = page.themes
					.flatMap((th) => th.indicators)
					.find((i) => i.key === key)
					?.series.find((s) => s.role === 'area');
				const last = area?.points.filter((p) => p.value != null).at(-1);
				return last ? { period: last.period, value: last.value } : null;
			};
			for (const slot of HEADLINES) {
				const own = row.cells[slot.id];
				const other = row.fallbacks[slot.id];
				if (own) expect(own.indicator, `${row.area.id} ${slot.id}`).toBe(slot.indicator);
				else expect(onPage(slot.indicator), `${row.area.id} ${slot.id}`).toBeNull();
				if (other) {
					expect(own).toBeNull();
					expect(other.indicator).not.toBe(slot.indicator);
				}
				for (const shown of [own, other])
					if (shown) expect({ period: shown.period, value: shown.value }, `${row.area.id} ${shown.indicator}`).toEqual(onPage(shown.indicator));
			}
		}
		// Afrikaanderwijk's inhabitants: one figure on both pages, from the package, with its period.
		const afrikaanderwijk = rows.find((r) => r.area.id === 'nprz-afrikaanderwijk')!;
		expect(afrikaanderwijk.population).toMatchObject({ complete: true });
		expect(afrikaanderwijk.population!.value).not.toBe(afrikaanderwijk.area.populationKwb2024);
	}, 300_000);

	it('imports the same package again as "unchanged"', async () => {
		const before = await t.rows(sql`SELECT (SELECT count(*)::int FROM observation) AS o, (SELECT count(*)::int FROM import_batch) AS b`);
		const again = await importDataPackage(t, dir!);
		expect(again).toMatchObject({ status: 'unchanged', batchId: first.batchId, checksum: first.checksum });
		expect(await t.rows(sql`SELECT (SELECT count(*)::int FROM observation) AS o, (SELECT count(*)::int FROM import_batch) AS b`)).toEqual(before);
	}, 120_000);
});
