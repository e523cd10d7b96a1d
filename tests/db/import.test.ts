/**
 * The importer against the synthetic package (tests/fixtures/package.ts) on every
 * engine: counts, atomicity, idempotence, replacement, and a clear message that
 * names the place for every kind of malformed input.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { formatValue } from '../../src/lib/indicators/format';
import { localized, unitLabel } from '../../src/lib/indicators/registry';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { formatProblem, ImportError, type Problem } from '../../src/lib/server/import/problems';
import { areaPage } from '../../src/lib/server/data/area-page';
import { indicatorByKey, indicatorMeta, listIndicators } from '../../src/lib/server/queries/indicators';
import {
	addEducationIndicator,
	addRdBoundary,
	baseSpec,
	EDUCATION,
	FOCUS,
	FOCUS_AREAS,
	GEO,
	INDICATORS,
	lineCount,
	OBS,
	RD_ORIGIN,
	RULES,
	writePackage,
	type PackageSpec,
	type WrittenPackage
} from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const TABLES = ['source', 'indicator', 'area', 'boundary', 'observation', 'focus_area', 'focus_area_member', 'import_batch'] as const;

/** Counts of the valid synthetic package, from its files (see the fixture). */
const EXPECTED = {
	sources: 4, // cbs-, politie-, rivm-, geo-synthetisch
	indicators: 4, // inwoners, misdrijven_totaal, misdrijven_per_1000, obesitas_pct
	// NL01, 2 gemeenten, 4 wijken and 6 buurten with a boundary, and WK999950 and BU05990399 from unmatched_areas.csv
	areas: 15,
	boundaries: 12, // 2 + 4 + 6 features
	observations: 65, // 23 cbs + 29 politie + 13 rivm rows
	focus_areas: 3
};

describe.each(engines())('import on %s', (engine) => {
	let t: TestDatabase;
	const written: WrittenPackage[] = [];

	beforeAll(async () => {
		t = await createTestDatabase(engine);
	});
	afterAll(async () => {
		for (const p of written) await p.cleanup();
		await t?.drop();
	});
	beforeEach(async () => {
		await t.rows(sql.raw(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`));
	});

	async function write(spec: PackageSpec = baseSpec()) {
		const p = await writePackage(spec);
		written.push(p);
		return p;
	}
	const run = (p: WrittenPackage, extra: { force?: boolean } = {}) => importDataPackage(t, p.dir, { ...p.options, ...extra });

	async function counts(): Promise<Record<(typeof TABLES)[number], number>> {
		const out = {} as Record<(typeof TABLES)[number], number>;
		for (const table of TABLES) {
			const [r] = await t.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
			out[table] = Number(r.n);
		}
		return out;
	}
	/** Counts plus a digest of every row that matters: "unchanged" means all of it. */
	async function snapshot() {
		const [d] = await t.rows<Record<string, string | null>>(sql`
			SELECT
				(SELECT md5(string_agg(concat_ws('|', area_code, indicator, period, value, source_id, provisional, batch_id), ',' ORDER BY area_code, indicator, period)) FROM observation) AS observation,
				(SELECT md5(string_agg(concat_ws('|', code, vintage, geometry_quality, ST_AsText(geom), batch_id), ',' ORDER BY code, vintage)) FROM boundary) AS boundary,
				(SELECT md5(string_agg(concat_ws('|', code, level, name, gemeente_code, wijk_code, note, superseded, batch_id), ',' ORDER BY code)) FROM area) AS area,
				(SELECT md5(string_agg(concat_ws('|', focus_area_id, area_code, partial), ',' ORDER BY focus_area_id, area_code)) FROM focus_area_member) AS members,
				(SELECT md5(string_agg(concat_ws('|', id, checksum, finished_at), ',' ORDER BY id)) FROM import_batch) AS batches`);
		return { counts: await counts(), digest: d };
	}
	async function refused(p: WrittenPackage): Promise<ImportError> {
		try {
			await run(p);
		} catch (e) {
			if (e instanceof ImportError) return e;
			throw e;
		}
		throw new Error('the import was accepted');
	}
	const problem = (p: Omit<Problem, 'reason'> & { reason: RegExp }) => expect.objectContaining({ ...p, reason: expect.stringMatching(p.reason) });
	const value = async (code: string, indicator: string, period: number) =>
		(
			await t.rows<{ value: number; provisional: boolean; source_id: string }>(
				sql`SELECT value, provisional, source_id FROM observation WHERE area_code = ${code} AND indicator = ${indicator} AND period = ${period}`
			)
		)[0];

	it('imports the valid package with the right counts, registry, areas and geometry', async () => {
		const spec = baseSpec();
		const p = await write(spec);
		const result = await run(p);
		expect(result.status).toBe('imported');
		expect(result.counts).toEqual(EXPECTED);
		const c = await counts();
		expect(c).toEqual({
			source: 4,
			indicator: 4,
			area: 15,
			boundary: 12,
			observation: 65,
			focus_area: 3,
			focus_area_member: 4, // test-noord 2 wijken, test-zuid 1 buurt, test-dorp 1 wijk
			import_batch: 1
		});

		// Values as written, police figures of the last two years (2023, 2024; package of 2024) provisional.
		expect(await value('GM0599', 'inwoners', 2024)).toMatchObject({ value: 10000, provisional: false, source_id: 'cbs-synthetisch' });
		expect(await value('WK059902', 'misdrijven_per_1000', 2022)).toMatchObject({ value: 55.6, provisional: false });
		expect(await value('GM0599', 'misdrijven_totaal', 2023)).toMatchObject({ value: 950, provisional: true });
		expect(await value('GM0599', 'misdrijven_totaal', 2024)).toMatchObject({ value: 1130, provisional: true });
		expect(await value('NL01', 'obesitas_pct', 2020)).toMatchObject({ value: 15, provisional: false, source_id: 'rivm-synthetisch' });
		// Missing stays missing: no row, never 0.
		expect(await value('BU05990302', 'misdrijven_totaal', 2024)).toBeUndefined();
		expect(await value('WK059901', 'inwoners', 2024)).toBeUndefined();

		// Registry: weight from the denominator or the unit, numerator + scale from the rules file.
		const ind = await t.rows<{
			key: string;
			kind: string;
			weight: string | null;
			numerator: string | null;
			denominator: string | null;
			scale: number | null;
			estimate: boolean;
			higher_is_better: boolean | null;
		}>(sql`SELECT key, kind, weight, numerator, denominator, scale, estimate, higher_is_better FROM indicator ORDER BY key`);
		expect(ind).toEqual([
			{ key: 'inwoners', kind: 'count', weight: null, numerator: null, denominator: null, scale: null, estimate: false, higher_is_better: null },
			{
				key: 'misdrijven_per_1000',
				kind: 'rate',
				weight: 'inwoners',
				numerator: 'misdrijven_totaal',
				denominator: 'inwoners',
				scale: 1000,
				estimate: false,
				higher_is_better: false
			},
			{ key: 'misdrijven_totaal', kind: 'count', weight: null, numerator: null, denominator: null, scale: null, estimate: false, higher_is_better: null },
			{ key: 'obesitas_pct', kind: 'rate', weight: 'inwoners', numerator: null, denominator: null, scale: null, estimate: true, higher_is_better: false }
		]);
		// Registry fields from the rules' units and themes.
		const fromRules = await t.rows(sql`SELECT key, unit_en, format, decimals, theme_order, theme_nl, theme_en FROM indicator ORDER BY key`);
		expect(fromRules).toEqual([
			{ key: 'inwoners', unit_en: 'persons', format: 'count', decimals: 0, theme_order: 5, theme_nl: 'Bevolking', theme_en: 'Population' },
			{
				key: 'misdrijven_per_1000',
				unit_en: 'per 1,000 inhabitants',
				format: 'per1000',
				decimals: 1,
				theme_order: 3,
				theme_nl: 'Veiligheid',
				theme_en: 'Safety'
			},
			{ key: 'misdrijven_totaal', unit_en: 'crimes', format: 'count', decimals: 0, theme_order: 3, theme_nl: 'Veiligheid', theme_en: 'Safety' },
			{ key: 'obesitas_pct', unit_en: '% of adults 18+', format: 'percent', decimals: 1, theme_order: 1, theme_nl: 'Gezondheid', theme_en: 'Health' }
		]);
		const [defn] = await t.rows<{ d: string }>(sql`SELECT definition_en AS d FROM indicator WHERE key = 'inwoners'`);
		expect(defn.d).toBe('Synthetic: inhabitants on 1 January, invented for tests.'); // quoted field with a comma

		// Areas: hierarchy from the codes and properties, old-classification codes superseded.
		const areas = await t.rows<{
			code: string;
			level: string;
			name: string | null;
			gemeente_code: string | null;
			wijk_code: string | null;
			note: string | null;
			superseded: boolean;
		}>(
			sql`SELECT code, level, name, gemeente_code, wijk_code, note, superseded FROM area WHERE code IN ('NL01', 'GM0599', 'BU05990101', 'WK999950', 'BU05990399') ORDER BY code`
		);
		expect(areas).toEqual([
			{ code: 'BU05990101', level: 'buurt', name: 'Noord-A (synthetisch)', gemeente_code: 'GM0599', wijk_code: 'WK059901', note: null, superseded: false },
			{
				code: 'BU05990399',
				level: 'buurt',
				name: null,
				gemeente_code: 'GM0599',
				wijk_code: 'WK059903',
				note: 'buurt-2024-missing-in-approx-layer',
				superseded: false
			},
			{ code: 'GM0599', level: 'gemeente', name: 'Teststad (synthetisch)', gemeente_code: 'GM0599', wijk_code: null, note: null, superseded: false },
			{ code: 'NL01', level: 'land', name: 'Nederland', gemeente_code: null, wijk_code: null, note: null, superseded: false },
			{ code: 'WK999950', level: 'wijk', name: null, gemeente_code: 'GM9999', wijk_code: null, note: 'indeling-2020-code-not-in-2024', superseded: true }
		]);

		// Geometry: MultiPolygon with two parts, a polygon with a hole, stored as 4326 MultiPolygons.
		const geoms = await t.rows<{ code: string; parts: number; holes: number; area: number; srid: number; quality: string }>(sql`
			SELECT code, ST_NumGeometries(geom) AS parts, ST_NumInteriorRings(ST_GeometryN(geom, 1)) AS holes, ST_Area(geom) AS area,
				ST_SRID(geom) AS srid, geometry_quality AS quality
			FROM boundary WHERE code IN ('WK059901', 'WK059902', 'BU05990301') ORDER BY code`);
		// BU05990301: 0.1° × 0.05° = 0.005; WK059901: 0.05 × 0.05 + 0.02 × 0.02 = 0.0029;
		// WK059902: 0.1 × 0.05 − hole 0.02 × 0.01 = 0.0048 (square degrees).
		expect(geoms.map((g) => ({ ...g, area: Number(Number(g.area).toFixed(6)) }))).toEqual([
			{ code: 'BU05990301', parts: 1, holes: 0, area: 0.005, srid: 4326, quality: 'approximate' },
			{ code: 'WK059901', parts: 2, holes: 0, area: 0.0029, srid: 4326, quality: 'exact' },
			{ code: 'WK059902', parts: 1, holes: 1, area: 0.0048, srid: 4326, quality: 'exact' }
		]);

		// Sources keep their attribution; focus areas their members and partial flags.
		const [src] = await t.rows<{ attribution: string; publisher: string }>(sql`SELECT attribution, publisher FROM source WHERE id = 'politie-synthetisch'`);
		expect(src).toEqual({ attribution: 'Synthetische testdata (tests/fixtures/package.ts), geen echte cijfers', publisher: 'Politie (synthetisch)' });
		const members = await t.rows<{ id: string; code: string; partial: boolean }>(
			sql`SELECT focus_area_id AS id, area_code AS code, partial FROM focus_area_member ORDER BY 1, 2`
		);
		expect(members).toEqual([
			{ id: 'test-dorp', code: 'WK999901', partial: false },
			{ id: 'test-noord', code: 'WK059901', partial: false },
			{ id: 'test-noord', code: 'WK059902', partial: true },
			{ id: 'test-zuid', code: 'BU05990301', partial: false }
		]);
		// Each focus area's delineation note arrives in both languages.
		const notes = await t.rows<{ id: string; nl: string | null; en: string | null }>(
			sql`SELECT id, notes_nl AS nl, notes_en AS en FROM focus_area ORDER BY id`
		);
		expect(notes.find((n) => n.id === 'test-noord')).toEqual({ id: 'test-noord', nl: 'Synthetische testdata.', en: 'Synthetic test data.' });

		// The batch records what went in: a checksum per file (recomputed here from the bytes) and the counts.
		const [batch] = await t.rows<{
			id: number;
			checksum: string;
			files: { path: string; sha256: string; rows: number }[];
			row_counts: Record<string, number>;
			status: string;
		}>(sql`SELECT id, checksum, files, row_counts, status FROM import_batch`);
		expect(batch.id).toBe(result.batchId);
		expect(batch.checksum).toBe(result.checksum);
		expect(batch.status).toBe('ok');
		expect(batch.row_counts).toEqual(EXPECTED);
		const sha = (s: string) => createHash('sha256').update(s).digest('hex');
		const files = new Map(batch.files.map((f) => [f.path, f]));
		for (const [rel, text] of Object.entries(spec.files)) expect(files.get(rel)?.sha256, rel).toBe(sha(text));
		expect(files.get(FOCUS)?.sha256).toBe(sha(spec.focusAreas));
		expect(files.get(OBS.cbs)?.rows).toBe(23);
		expect(files.get(OBS.politie)?.rows).toBe(29);
		expect(files.get(GEO.buurten)?.rows).toBe(6);
	});

	it('takes an indicator with a new unit and a new theme as data only: formatted and placed by the rules file', async () => {
		const spec = baseSpec();
		addEducationIndicator(spec);
		expect((await run(await write(spec))).counts).toMatchObject({ indicators: 5, observations: 67 });

		const row = await indicatorByKey(t.db, EDUCATION.key);
		expect(row).toMatchObject({ unit: EDUCATION.unit, unitEn: EDUCATION.unitEn, format: 'per1000', decimals: 2, theme: 'onderwijs', themeOrder: 2 });
		const entry = indicatorMeta(row!);
		expect(formatValue(12.3456, entry, 'nl')).toBe('12,35 per 1.000');
		expect(formatValue(12.3456, entry, 'en')).toBe('12.35 per 1,000');
		expect(unitLabel(entry, 'en')).toBe('per 1,000 pupils');
		expect(localized(entry, 'theme', 'en')).toBe('Education');
		// The registry lists it in its theme's place: after gezondheid (1), before veiligheid (3).
		expect((await listIndicators(t.db)).map((i) => i.key)).toEqual(['obesitas_pct', EDUCATION.key, 'misdrijven_totaal', 'misdrijven_per_1000', 'inwoners']);

		// The area page shows the wijk's figure under its own theme, second.
		const page = (await areaPage(t.db, 'WK059901', {
			references: null,
			extra: [],
			indicators: null,
			suppression: { minPopulation: 0, minCount: 0 },
			figuresOnly: true
		}))!;
		expect(page.themes.map((th) => [th.theme, localized(th, 'theme', 'nl')])).toEqual([
			['gezondheid', 'Gezondheid'],
			['onderwijs', 'Onderwijs'],
			['veiligheid', 'Veiligheid'],
			['bevolking', 'Bevolking']
		]);
		const education = page.themes[1].indicators[0];
		const own = education.series.find((s) => s.role === 'area')!.points.find((p) => p.period === 2024)!;
		expect(formatValue(own.value, education, 'nl')).toBe('12,35 per 1.000');
	});

	it('imports the same package a second time as "unchanged" and writes nothing', async () => {
		const p = await write();
		const first = await run(p);
		const before = await snapshot();
		const second = await run(p);
		expect(second.status).toBe('unchanged');
		expect(second.batchId).toBe(first.batchId);
		expect(second.checksum).toBe(first.checksum);
		expect(await snapshot()).toEqual(before);
		// Forced, it is written again in full: a new batch, the same rows, no duplicates.
		const forced = await run(p, { force: true });
		expect(forced.status).toBe('imported');
		expect(forced.batchId).not.toBe(first.batchId);
		expect(await counts()).toEqual({ ...before.counts, import_batch: 2 });
	});

	it('replaces the previous figures when a file changed, without duplicates', async () => {
		const spec = baseSpec();
		const p = await write(spec);
		const first = await run(p);
		// One value revised, one row withdrawn, one boundary moved.
		spec.files[OBS.cbs] = spec.files[OBS.cbs]
			.replace('GM0599,gemeente,2024,inwoners,10000,', 'GM0599,gemeente,2024,inwoners,10100,')
			.replace('BU99990101,buurt,2022,inwoners,700,cbs-synthetisch\n', '');
		spec.files[GEO.gemeenten] = spec.files[GEO.gemeenten].replaceAll('5.37,', '5.36,');
		await p.rewrite(spec);
		const second = await run(p);
		expect(second.status).toBe('imported');
		expect(second.checksum).not.toBe(first.checksum);
		expect(second.counts.observations).toBe(64);
		expect(await counts()).toMatchObject({ observation: 64, boundary: 12, area: 15, import_batch: 2 });
		expect((await value('GM0599', 'inwoners', 2024)).value).toBe(10100);
		expect(await value('BU99990101', 'inwoners', 2022)).toBeUndefined();
		const dup = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation GROUP BY area_code, indicator, period HAVING count(*) > 1`);
		expect(dup).toEqual([]);
		const [moved] = await t.rows<{ xmin: number; batch: number }>(
			sql`SELECT ST_XMin(geom) AS xmin, batch_id AS batch FROM boundary WHERE code = 'GM9999' AND vintage = 2024`
		);
		expect(Number(moved.xmin)).toBeCloseTo(5.36, 9);
		expect(moved.batch).toBe(second.batchId);
		// Rows of the unchanged files now belong to the new batch too (the whole package was swapped).
		const [old] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation WHERE batch_id <> ${second.batchId}`);
		expect(old.n).toBe(0);
	});

	it('drops what an earlier package had and the new one no longer has (a removed resource and its source)', async () => {
		const spec = baseSpec();
		const p = await write(spec);
		await run(p);
		const rivmRows = lineCount(spec.files[OBS.rivm]) - 1;
		expect(rivmRows).toBeGreaterThan(0);
		const withRivm = await counts();
		// The same package without its RIVM file and its source.
		const rivm = spec.descriptor.resources.find((r) => r.path === OBS.rivm)!;
		const rivmSource = String(rivm.source_id);
		spec.descriptor.resources = spec.descriptor.resources.filter((r) => r !== rivm);
		spec.descriptor.sources = spec.descriptor.sources.filter((x) => x.id !== rivmSource);
		delete spec.files[OBS.rivm];
		await p.rewrite(spec);
		const second = await run(p);
		expect(second.counts.observations).toBe(withRivm.observation - rivmRows);
		expect(await counts()).toMatchObject({ observation: withRivm.observation - rivmRows, source: withRivm.source - 1 });
		const [left] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation WHERE source_id = ${rivmSource}`);
		expect(left.n).toBe(0);
	});

	it('refuses a package with several broken rows, names each of them and writes nothing (empty database and after a good import)', async () => {
		const spec = baseSpec();
		const cbsNext = lineCount(spec.files[OBS.cbs]) + 1; // 25: header + 23 rows before
		const politieNext = lineCount(spec.files[OBS.politie]) + 1;
		spec.files[OBS.cbs] +=
			[
				'BU05990999,buurt,2023,inwoners,10,cbs-synthetisch', // unknown area
				'BU05990101,buurt,2023,inwoners,ten,cbs-synthetisch', // not a number
				'BU05990102,buurt,2023,inwoners,,cbs-synthetisch', // empty value
				'BU05990101,buurt,2023,inwoners_totaal,10,cbs-synthetisch', // indicator not in indicators.csv
				'GM0599,wijk,2023,inwoners,5,cbs-synthetisch', // level does not fit the code
				'GM0599,gemeente,23,inwoners,5,cbs-synthetisch', // no year
				'GM0599,gemeente,2023,inwoners,5,politie-synthetisch' // another file's source
			].join('\n') + '\n';
		spec.files[OBS.politie] += 'GM0599,gemeente,2022,inwoners,9000,politie-synthetisch\n'; // also in cbs.csv line 2
		const expected = [
			problem({ file: OBS.cbs, line: cbsNext, field: 'area_code', reason: /onbekende gebiedscode BU05990999/ }),
			problem({ file: OBS.cbs, line: cbsNext + 1, field: 'value', reason: /geen getal/ }),
			problem({ file: OBS.cbs, line: cbsNext + 2, field: 'value', reason: /geen getal/ }),
			problem({ file: OBS.cbs, line: cbsNext + 3, field: 'indicator', reason: /onbekende indicator "inwoners_totaal"/ }),
			problem({ file: OBS.cbs, line: cbsNext + 4, field: 'area_level', reason: /GM0599 is een gemeente, niet een wijk/ }),
			problem({ file: OBS.cbs, line: cbsNext + 5, field: 'period', reason: /geen jaartal/ }),
			problem({ file: OBS.cbs, line: cbsNext + 6, field: 'source', reason: /politie-synthetisch.*verwacht cbs-synthetisch/ }),
			problem({ file: OBS.politie, line: politieNext, reason: /dubbele waarde voor GM0599, inwoners, 2022 \(ook in observations\/cbs\.csv regel 2\)/ })
		];
		const bad = await write(spec);

		// On an empty database.
		const emptyBefore = await snapshot();
		const e1 = await refused(bad);
		expect(e1.problems).toHaveLength(expected.length);
		expect(e1.problems).toEqual(expect.arrayContaining(expected));
		expect(e1.message).toContain(`${OBS.cbs}, regel ${cbsNext + 1}, veld value: geen getal`);
		expect(await snapshot()).toEqual(emptyBefore);

		// After a good import: the good data stays exactly as it was.
		await run(await write());
		const goodBefore = await snapshot();
		expect(goodBefore.counts.observation).toBe(65);
		const e2 = await refused(bad);
		expect(e2.problems).toEqual(expect.arrayContaining(expected));
		expect(await snapshot()).toEqual(goodBefore);
	});

	it('refuses a self-intersecting (bow-tie) boundary through PostGIS, rolls back, and keeps the previous import', async () => {
		await run(await write());
		const before = await snapshot();
		const spec = baseSpec();
		// BU05990201 (feature 3 of the buurten file) becomes a bow tie: the edges (4.5,51.9)-(4.6,51.95) and (4.6,51.9)-(4.5,51.95) cross.
		const fc = JSON.parse(spec.files[GEO.buurten]);
		fc.features[2].geometry = {
			type: 'Polygon',
			coordinates: [
				[
					[4.5, 51.9],
					[4.6, 51.95],
					[4.6, 51.9],
					[4.5, 51.95],
					[4.5, 51.9]
				]
			]
		};
		spec.files[GEO.buurten] = JSON.stringify(fc);
		const e = await refused(await write(spec));
		expect(e.problems).toEqual([problem({ file: GEO.buurten, feature: 3, field: 'geometry', reason: /^BU05990201: ongeldige geometrie \(Self-intersection/ })]);
		expect(await snapshot()).toEqual(before);
		// Also on an empty database: nothing of the failed transaction is left.
		await t.rows(sql.raw(`TRUNCATE ${TABLES.join(', ')} RESTART IDENTITY CASCADE`));
		await refused(await write(spec));
		expect(await counts()).toEqual(Object.fromEntries(TABLES.map((x) => [x, 0])));
	});

	it('stores an RD New (EPSG:28992) boundary transformed to 4326 in the right place', async () => {
		const spec = baseSpec();
		addRdBoundary(spec);
		const result = await run(await write(spec));
		expect(result.counts.boundaries).toBe(13);
		const [g] = await t.rows<{ x: number; y: number; srid: number; area: number; inside: boolean }>(sql`
			SELECT ST_X(p) AS x, ST_Y(p) AS y, ST_SRID(geom) AS srid, ST_Area(ST_Transform(geom, 28992)) AS area,
				ST_Contains(geom, ST_SetSRID(ST_MakePoint(5.3935, 52.1597), 4326)) AS inside
			FROM (SELECT geom, ST_PointN(ST_ExteriorRing(ST_GeometryN(geom, 1)), 1) AS p FROM boundary WHERE code = 'GM9999' AND vintage = 2019) b`);
		// The first vertex is the RD origin (155 000, 463 000) = 5.38720621 E, 52.15517440 N. PostGIS's
		// datum shift lands about 0.2 m from that reference and the engines differ in the last digits,
		// so compare within 1e-5° (about 1 m): a wrong CRS or swapped axes would be kilometres off.
		expect(Math.abs(Number(g.x) - RD_ORIGIN.lon)).toBeLessThan(1e-5);
		expect(Math.abs(Number(g.y) - RD_ORIGIN.lat)).toBeLessThan(1e-5);
		expect(g.srid).toBe(4326);
		expect(Number(g.area)).toBeGreaterThan(999_000); // the 1 km × 1 km square, measured back in RD New
		expect(Number(g.area)).toBeLessThan(1_001_000);
		// The square spans 155–156 km east, 463–464 km north: about 5.387–5.402 E, 52.155–52.164 N.
		expect(g.inside).toBe(true);
		// The 2024 name is kept (newest vintage wins).
		const [a] = await t.rows<{ name: string }>(sql`SELECT name FROM area WHERE code = 'GM9999'`);
		expect(a.name).toBe('Testdorp (synthetisch)');
	});

	it('accepts CSV and GeoJSON files that start with a UTF-8 byte-order mark (as Excel writes them)', async () => {
		const spec = baseSpec();
		for (const f of [OBS.cbs, INDICATORS, GEO.wijken]) spec.files[f] = '\uFEFF' + spec.files[f];
		const result = await run(await write(spec));
		expect(result.counts).toEqual(EXPECTED);
	});

	describe('a malformed input gives a clear message that names the place', () => {
		const cbsNext = lineCount(baseSpec().files[OBS.cbs]) + 1;
		const appendCbs = (row: string) => (s: PackageSpec) => {
			s.files[OBS.cbs] += row + '\n';
		};
		const featureGeometry = (file: string, index: number, geometry: unknown) => (s: PackageSpec) => {
			const fc = JSON.parse(s.files[file]);
			fc.features[index].geometry = geometry;
			s.files[file] = JSON.stringify(fc);
		};
		const cases: [string, (s: PackageSpec) => void, ReturnType<typeof problem>][] = [
			[
				'bad CSV quoting',
				appendCbs('BU05990101,buurt,2023,"inwoners,10,cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, reason: /CSV-fout: aanhalingsteken niet afgesloten/ })
			],
			[
				'unknown area code',
				appendCbs('BU05990188,buurt,2023,inwoners,10,cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, field: 'area_code', reason: /BU05990188/ })
			],
			[
				'no CBS code at all',
				appendCbs('Bloemhof,buurt,2023,inwoners,10,cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, field: 'area_code', reason: /geen CBS-gebiedscode/ })
			],
			[
				'non-numeric value',
				appendCbs('BU05990101,buurt,2023,inwoners,n.v.t.,cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, field: 'value', reason: /geen getal/ })
			],
			[
				'thousands separator',
				appendCbs('GM0599,gemeente,2023,inwoners,"9.500,5",cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, field: 'value', reason: /zonder duizendtalscheiding/ })
			],
			[
				'unquoted decimal comma (one field too many)',
				appendCbs('GM0599,gemeente,2023,inwoners,9500,5,cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, reason: /7 velden.*6/ })
			],
			[
				'a row with an extra field',
				appendCbs('GM0599,gemeente,2023,inwoners,9500,cbs-synthetisch,x'),
				problem({ file: OBS.cbs, line: cbsNext, reason: /^7 velden, de kopregel heeft er 6/ })
			],
			[
				'a quoted field over two lines, then a bad row: the line is counted in the file',
				(s) => {
					// The definition now spans lines 2–3, so the appended row is line 7 (header + 4 rows + 1).
					s.files[INDICATORS] =
						s.files[INDICATORS].replace('1 januari, verzonnen', '1 januari,\nverzonnen') +
						'bad_kind,Label,Label,personen,,,,aantal,,false,bevolking,synthetisch\n';
				},
				problem({ file: INDICATORS, line: 7, field: 'kind', reason: /moet count, rate, currency of index zijn/ })
			],
			[
				'empty value',
				appendCbs('BU05990101,buurt,2023,inwoners,,cbs-synthetisch'),
				problem({ file: OBS.cbs, line: cbsNext, field: 'value', reason: /ontbrekende waarde laat u weg/ })
			],
			[
				'wrong header',
				(s) => {
					s.files[OBS.rivm] = s.files[OBS.rivm].replace('area_code,area_level,', 'code,level,');
				},
				problem({ file: OBS.rivm, line: 1, reason: /kopregel moet precies "area_code,area_level,period,indicator,value,source" zijn/ })
			],
			[
				'duplicate key across files',
				(s) => {
					s.files[OBS.rivm] += 'WK059903,wijk,2022,inwoners,5200,rivm-synthetisch\n';
				},
				problem({ file: OBS.rivm, line: 15, reason: /dubbele waarde voor WK059903, inwoners, 2022 \(ook in observations\/cbs\.csv regel 13\)/ })
			],
			[
				'indicator not in indicators.csv',
				(s) => {
					s.files[OBS.rivm] += 'GM0599,gemeente,2020,overgewicht_pct,50.1,rivm-synthetisch\n';
				},
				problem({ file: OBS.rivm, line: 15, field: 'indicator', reason: /onbekende indicator "overgewicht_pct" \(niet in indicators\.csv\)/ })
			],
			[
				'unclosed ring',
				featureGeometry(GEO.wijken, 2, {
					type: 'Polygon',
					coordinates: [
						[
							[4.4, 51.85],
							[4.6, 51.85],
							[4.6, 51.9],
							[4.4, 51.9],
							[4.41, 51.85]
						]
					]
				}),
				problem({ file: GEO.wijken, feature: 3, field: 'geometry', reason: /WK059903: polygoon 1, ring 1: ring is niet gesloten/ })
			],
			[
				'a point instead of a polygon',
				featureGeometry(GEO.gemeenten, 1, { type: 'Point', coordinates: [5.38, 52.15] }),
				problem({ file: GEO.gemeenten, feature: 2, field: 'geometry', reason: /GM9999: geometrietype Point wordt niet ondersteund/ })
			],
			[
				'latitude and longitude swapped',
				featureGeometry(GEO.buurten, 5, {
					type: 'Polygon',
					coordinates: [
						[
							[52.14, 5.37],
							[52.14, 5.4],
							[52.17, 5.4],
							[52.17, 5.37],
							[52.14, 5.37]
						]
					]
				}),
				problem({ file: GEO.buurten, feature: 6, field: 'geometry', reason: /BU99990101: .*lengte en breedte lijken verwisseld/ })
			],
			[
				'RD New metres declared as EPSG:4326',
				(s) => addRdBoundary(s, 'EPSG:4326'),
				problem({
					file: GEO.gemeentenRd,
					feature: 1,
					field: 'geometry',
					reason: /GM9999: coördinaat \(155000, 463000\) is geen lengte\/breedtegraad.*EPSG:28992/
				})
			],
			[
				'a boundary code of the wrong level',
				(s) => {
					addRdBoundary(s);
					s.files[GEO.gemeentenRd] = s.files[GEO.gemeentenRd].replace('"code": "GM9999"', '"code": "WK999901"');
				},
				problem({ file: GEO.gemeentenRd, feature: 1, field: 'code', reason: /WK999901 is geen gemeentecode/ })
			],
			[
				'focus area naming an unknown code',
				(s) => {
					s.focusAreas = JSON.stringify([{ ...FOCUS_AREAS[0], codes: ['WK059901', 'WK059977'] }, ...FOCUS_AREAS.slice(1)]);
				},
				problem({ file: FOCUS, feature: 1, field: 'codes', reason: /WK059977 is geen bekende wijk/ })
			],
			[
				'focus area naming a buurt as a wijk',
				(s) => {
					s.focusAreas = JSON.stringify([...FOCUS_AREAS.slice(0, 2), { ...FOCUS_AREAS[2], codes: ['BU99990101'] }]);
				},
				problem({ file: FOCUS, feature: 3, field: 'codes', reason: /BU99990101 is geen bekende wijk/ })
			],
			[
				'the same focus area id twice',
				(s) => {
					s.focusAreas = JSON.stringify([...FOCUS_AREAS, { ...FOCUS_AREAS[0], name: 'Kopie' }]);
				},
				problem({ file: FOCUS, feature: 4, field: 'id', reason: /test-noord komt twee keer voor/ })
			],
			[
				'the same code twice in one focus area',
				(s) => {
					s.focusAreas = JSON.stringify([{ ...FOCUS_AREAS[0], codes: ['WK059901', 'WK059902', 'WK059901'] }, ...FOCUS_AREAS.slice(1)]);
				},
				problem({ file: FOCUS, feature: 1, field: 'codes', reason: /WK059901 komt twee keer voor/ })
			],
			[
				'the same indicator twice in indicators.csv',
				(s) => {
					s.files[INDICATORS] += s.files[INDICATORS].split('\n')[1] + '\n';
				},
				problem({ file: INDICATORS, line: 6, field: 'indicator', reason: /inwoners komt twee keer voor/ })
			],
			[
				'the same source id twice in datapackage.json',
				(s) => {
					s.descriptor.sources.push({ ...s.descriptor.sources[0] });
				},
				problem({ file: 'datapackage.json', field: 'sources[4]', reason: /cbs-synthetisch komt twee keer voor/ })
			],
			[
				'the same boundary code twice in one vintage, in two files',
				(s) => {
					s.descriptor.resources.push({
						name: 'buurten-2024-extra',
						path: 'boundaries/buurten_2024_extra.geojson',
						format: 'geojson',
						crs: 'EPSG:4326',
						area_level: 'buurt',
						area_year: 2024
					});
					const fc = JSON.parse(s.files[GEO.buurten]);
					s.files['boundaries/buurten_2024_extra.geojson'] = JSON.stringify({ ...fc, features: [fc.features[0]] });
				},
				problem({ file: 'boundaries/buurten_2024_extra.geojson', feature: 1, field: 'code', reason: /BU05990101 komt twee keer voor/ })
			],
			[
				'a unit the rules file does not describe',
				(s) => {
					s.files[INDICATORS] += 'uren_pw,Uren,Hours,uren per week,,,,count,,false,bevolking,synthetisch\n';
				},
				problem({ file: INDICATORS, line: 6, field: 'unit', reason: /eenheid "uren per week" staat niet onder "units" in indicator-rules\.json/ })
			],
			[
				'a theme the rules file does not describe',
				(s) => {
					s.files[INDICATORS] += 'leerlingen,Leerlingen,Pupils,personen,,,,count,,false,onderwijs,synthetisch\n';
				},
				problem({ file: INDICATORS, line: 6, field: 'theme', reason: /thema "onderwijs" staat niet onder "themes" in indicator-rules\.json/ })
			],
			[
				'a number format the code does not know',
				(s) => {
					const rules = JSON.parse(s.rules);
					rules.units.personen.format = 'aantal';
					s.rules = JSON.stringify(rules);
				},
				problem({ file: RULES, field: 'units.personen.format', reason: /moet percent, per1000, euroThousands, count of index zijn/ })
			],
			[
				'source without attribution',
				(s) => {
					delete s.descriptor.sources[3].attribution; // geo-synthetisch
				},
				problem({ file: 'datapackage.json', field: 'sources[3].attribution', reason: /bron zonder attribution/ })
			]
		];

		it.each(cases)('%s', async (_name, edit, expected) => {
			const spec = baseSpec();
			edit(spec);
			const e = await refused(await write(spec));
			expect(e.problems).toEqual([expected]);
			expect(await counts()).toEqual(Object.fromEntries(TABLES.map((x) => [x, 0])));
		});

		it('a file changed after the descriptor was written (checksum mismatch)', async () => {
			const p = await write();
			await p.tamper(OBS.rivm, p.spec.files[OBS.rivm].replace('16.5', '61.5'));
			const e = await refused(p);
			expect(e.problems).toEqual([problem({ file: OBS.rivm, reason: /controlegetal \(sha256\) wijkt af/ })]);
		});

		it('a blank line in a CSV does not shift the line numbers', async () => {
			const spec = baseSpec();
			// Line 14 becomes empty; the row that was line 14 is now line 15, and the broken row after it is line 26.
			const lines = spec.files[OBS.cbs].split('\n');
			lines.splice(13, 0, '');
			spec.files[OBS.cbs] = lines.join('\n') + 'BU05990101,buurt,2023,inwoners,x,cbs-synthetisch\n';
			const e = await refused(await write(spec));
			expect(e.problems).toEqual([problem({ file: OBS.cbs, line: cbsNext + 1, field: 'value', reason: /geen getal/ })]);
		});
	});

	describe('broken packages met in use: refused with a readable reason, the database unchanged', () => {
		const cbsNext = lineCount(baseSpec().files[OBS.cbs]) + 1;
		const rivmNext = lineCount(baseSpec().files[OBS.rivm]) + 1;

		/** Imports the good package, then refuses `bad`: the database stays exactly as the good import left it. */
		async function refusedAfterGood(bad: PackageSpec | WrittenPackage): Promise<ImportError> {
			await run(await write());
			const before = await snapshot();
			const e = await refused('dir' in bad ? bad : await write(bad));
			expect(await snapshot()).toEqual(before);
			return e;
		}
		/** The longest line the terminal would show. */
		const widest = (e: ImportError) => Math.max(...e.message.split('\n').map((l) => l.length));

		it('a header-only observations file: refused, since it would delete every earlier figure of its source', async () => {
			const spec = baseSpec();
			spec.files[OBS.politie] = 'area_code,area_level,period,indicator,value,source\n';
			const e = await refusedAfterGood(spec);
			expect(e.problems).toEqual([
				problem({ file: OBS.politie, reason: /^geen waarnemingen \(alleen een kopregel\).*bron politie-synthetisch.*"row_count": 0/ })
			]);
			const [left] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation WHERE source_id = 'politie-synthetisch'`);
			expect(left.n).toBe(29);
		});

		it('a header-only observations file the descriptor declares empty (row_count 0): accepted, and its source has no figures left', async () => {
			await run(await write());
			const spec = baseSpec();
			spec.files[OBS.politie] = 'area_code,area_level,period,indicator,value,source\n';
			spec.descriptor.resources.find((r) => r.path === OBS.politie)!.row_count = 0;
			const result = await run(await write(spec));
			expect(result.counts.observations).toBe(EXPECTED.observations - 29);
			const [left] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation WHERE source_id = 'politie-synthetisch'`);
			expect(left.n).toBe(0);
		});

		it('CBS/PDOK "no value" codes and year 0000: read as empty and out of range, never stored as figures', async () => {
			const spec = baseSpec();
			spec.files[OBS.cbs] +=
				[
					'GM9999,gemeente,2023,inwoners,-99997,cbs-synthetisch',
					'WK999901,wijk,2023,inwoners,-99995,cbs-synthetisch',
					'GM9999,gemeente,0000,inwoners,800,cbs-synthetisch'
				].join('\n') + '\n';
			const e = await refusedAfterGood(spec);
			expect(e.problems).toEqual([
				problem({
					file: OBS.cbs,
					line: cbsNext,
					field: 'value',
					reason: /^-99997 is een CBS\/PDOK-code voor "geen waarde".*een ontbrekende waarde laat u weg$/
				}),
				problem({ file: OBS.cbs, line: cbsNext + 1, field: 'value', reason: /^-99995 is een CBS\/PDOK-code/ }),
				problem({ file: OBS.cbs, line: cbsNext + 2, field: 'period', reason: /^jaartal buiten het bereik 1900–2100$/ })
			]);
		});

		it('1e999, a NUL character in a name and a polygon whose later points are broken: named by validation, not by the database', async () => {
			const spec = baseSpec();
			spec.files[OBS.cbs] += 'GM9999,gemeente,2023,inwoners,1e999,cbs-synthetisch\n';
			spec.files[INDICATORS] = spec.files[INDICATORS].replace('Aantal inwoners', 'Aantal\0inwoners');
			const gemeenten = JSON.parse(spec.files[GEO.gemeenten]);
			gemeenten.features[1].properties.name = 'Testdorp\0(synthetisch)';
			spec.files[GEO.gemeenten] = JSON.stringify(gemeenten);
			// WK999901: the first point is fine, the third lies at longitude 540.
			const wijken = JSON.parse(spec.files[GEO.wijken]);
			wijken.features[3].geometry.coordinates[0][2] = [540, 52.17];
			spec.files[GEO.wijken] = JSON.stringify(wijken);
			// BU99990101: the third point's latitude is 1e999 in the file (Infinity once parsed).
			const buurten = JSON.parse(spec.files[GEO.buurten]);
			buurten.features[5].geometry.coordinates[0][2] = [5.4, 123456789];
			spec.files[GEO.buurten] = JSON.stringify(buurten).replace('123456789', '1e999');
			const e = await refusedAfterGood(spec);
			expect(e.problems).toEqual(
				expect.arrayContaining([
					problem({ file: OBS.cbs, line: cbsNext, field: 'value', reason: /^getal te groot voor de database/ }),
					problem({ file: INDICATORS, line: 2, field: 'label_nl', reason: /NUL-teken/ }),
					problem({ file: GEO.gemeenten, feature: 2, field: 'name', reason: /NUL-teken/ }),
					problem({
						file: GEO.wijken,
						feature: 4,
						field: 'geometry',
						reason: /^WK999901: polygoon 1, ring 1, punt 3: coördinaat \(540, 52\.17\) is geen lengte\/breedtegraad/
					}),
					problem({
						file: GEO.buurten,
						feature: 6,
						field: 'geometry',
						reason: /^BU99990101: polygoon 1, ring 1, punt 3: ongeldig coördinatenpaar \[5\.4, Infinity\]$/
					})
				])
			);
			expect(e.problems.map(formatProblem)).toHaveLength(5);
			expect(e.message).not.toMatch(/INSERT|SELECT|json_to_recordset|params:|\n\s+at /);
		});

		it('a row the database itself refuses: named by file and line (or feature), never as SQL', async () => {
			// A check the validation does not know about, added to this test database only.
			await run(await write());
			const before = await snapshot();
			await t.rows(sql.raw(`ALTER TABLE observation ADD CONSTRAINT test_refuses_4242 CHECK (value <> 4242)`));
			await t.rows(sql.raw(`ALTER TABLE boundary ADD CONSTRAINT test_refuses_quality CHECK (geometry_quality <> 'weigeren')`));
			try {
				const spec = baseSpec();
				spec.files[OBS.rivm] += 'GM9999,gemeente,2016,obesitas_pct,4242,rivm-synthetisch\n';
				const e = await refused(await write(spec));
				expect(e.problems).toEqual([
					problem({ file: OBS.rivm, line: rivmNext, reason: /^voldoet niet aan een controle van de database \(database: .*test_refuses_4242/ })
				]);
				expect(e.message).not.toMatch(/INSERT|SELECT|json_to_recordset|params:|\n\s+at /);
				expect(await snapshot()).toEqual(before);

				const geo = baseSpec();
				const buurten = JSON.parse(geo.files[GEO.buurten]);
				buurten.features[4].properties.geometry_quality = 'weigeren';
				geo.files[GEO.buurten] = JSON.stringify(buurten);
				const g = await refused(await write(geo));
				expect(g.problems).toEqual([problem({ file: GEO.buurten, feature: 5, reason: /test_refuses_quality/ })]);
				expect(await snapshot()).toEqual(before);
			} finally {
				await t.rows(sql.raw(`ALTER TABLE observation DROP CONSTRAINT IF EXISTS test_refuses_4242`));
				await t.rows(sql.raw(`ALTER TABLE boundary DROP CONSTRAINT IF EXISTS test_refuses_quality`));
			}
		});

		it('a megabyte-long value is echoed cut to about 80 characters', async () => {
			const spec = baseSpec();
			spec.files[OBS.cbs] += `GM9999,gemeente,2023,${'x'.repeat(1_000_000)},5,cbs-synthetisch\n`;
			spec.files[OBS.rivm] += `GM9999,gemeente,2016,obesitas_pct,${'9'.repeat(1_000_000)}x,rivm-synthetisch\n`;
			const e = await refusedAfterGood(spec);
			expect(e.problems).toEqual([
				problem({ file: OBS.cbs, line: cbsNext, field: 'indicator', reason: /^onbekende indicator "x{79}…" \(niet in indicators\.csv\)$/ }),
				problem({ file: OBS.rivm, line: rivmNext, field: 'value', reason: /^geen getal/ })
			]);
			expect(widest(e)).toBeLessThan(200);
		});

		it('a symbolic link inside the package to a file outside it is not followed', async () => {
			const p = await write();
			await p.linkOutside(OBS.rivm);
			const e = await refusedAfterGood(p);
			expect(e.problems).toEqual([
				problem({
					file: 'datapackage.json',
					field: 'resources.obs-rivm.path',
					reason: /^observations\/rivm\.csv is een symbolische koppeling naar een bestand buiten het pakket/
				})
			]);
		});

		it('a semicolon-separated file: the delimiter is named, not silently misread', async () => {
			const spec = baseSpec();
			spec.files[OBS.rivm] = spec.files[OBS.rivm].replaceAll(',', ';');
			const e = await refusedAfterGood(spec);
			expect(e.problems).toEqual([
				problem({ file: OBS.rivm, line: 1, reason: /^de velden zijn gescheiden door een puntkomma \(;\), verwacht een komma \(,\)/ })
			]);
		});

		it('a semicolon-separated file the descriptor declares (dialect.delimiter) is read', async () => {
			const spec = baseSpec();
			spec.files[OBS.rivm] = spec.files[OBS.rivm].replaceAll(',', ';');
			spec.descriptor.resources.find((r) => r.path === OBS.rivm)!.dialect = { delimiter: ';' };
			expect((await run(await write(spec))).counts).toEqual(EXPECTED);
		});
	});

	it('takes the provisional flag from the package: a status column, or provisional_years on the resource', async () => {
		const spec = baseSpec();
		// RIVM rows say it themselves: the 2020 national figure is provisional, the rest says nothing (final).
		const [header, ...lines] = spec.files[OBS.rivm].trimEnd().split('\n');
		spec.files[OBS.rivm] = [`${header},status`, ...lines.map((l) => `${l},${l.startsWith('NL01,land,2020,') ? 'voorlopig' : ''}`)].join('\n') + '\n';
		// The police resource says one year, which wins over the two years of the rules file.
		spec.descriptor.resources.find((r) => r.path === OBS.politie)!.provisional_years = 1;
		const result = await run(await write(spec));
		expect(result.counts).toEqual(EXPECTED);
		expect(await value('NL01', 'obesitas_pct', 2020)).toMatchObject({ provisional: true });
		expect(await value('NL01', 'obesitas_pct', 2016)).toMatchObject({ provisional: false });
		expect(await value('GM0599', 'misdrijven_totaal', 2023)).toMatchObject({ provisional: false });
		expect(await value('GM0599', 'misdrijven_totaal', 2024)).toMatchObject({ provisional: true });
		const [n] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation WHERE provisional`);
		expect(n.n).toBe(1 + 17); // the RIVM row, and the 17 police rows of 2024
	});
});
