/**
 * The values endpoint's query on both engines: `{code: value}` for one
 * indicator, level and year, with references, differences, classes, focus
 * areas and small-number suppression, from a small SQL fixture (a missing
 * year, a tie, a provisional figure, a buurt with few inhabitants, a
 * gemeente that only exists in an older vintage).
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mapValues as mapValuesWith, type MapValuesQuery } from '../../src/lib/server/data/map-values';
import type { SuppressionConfig } from '../../src/lib/indicators/suppression';
import type { Db } from '../../src/lib/server/db/index';
import { createTestDatabase, engines, type TestDatabase } from './engines';

/** Suppression off unless a test switches it on. */
const mapValues = (db: Db, q: MapValuesQuery, opts: { suppression?: SuppressionConfig } = {}) =>
	mapValuesWith(db, q, opts.suppression ?? { minPopulation: 0, minCount: 0 });

const box = (x0: number, y0: number, x1: number, y1: number) => `POLYGON((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0}))`;

async function loadFixture(db: TestDatabase) {
	await db.rows(sql`INSERT INTO import_batch (kind, input, checksum, files, row_counts, started_at, finished_at, duration_ms, status, imported_by)
		VALUES ('test', 'fixture', 'abc', '[]'::jsonb, '{}'::jsonb, now(), now(), 0, 'ok', 'test')`);
	await db.rows(sql`INSERT INTO source (id, title, publisher, table_ref, attribution) VALUES
		('src-test', 'Testbron per buurt', 'RIVM', '50090NED', 'Bron: RIVM, test')`);
	await db.rows(sql`INSERT INTO indicator (key, label_nl, label_en, unit, unit_en, format, decimals, definition_nl, definition_en, higher_is_better, kind, weight, estimate, theme, theme_order, theme_nl, theme_en, source_table)
		VALUES ('test_pct', 'Testpercentage', 'Test percentage', '% van volwassenen 18+', '% of adults 18+', 'percent', 1, 'd', 'd', false, 'rate', 'inwoners', false, 'gezondheid', 1, 'Gezondheid', 'Health', 'T')`);
	await db.rows(sql`INSERT INTO area (code, level, name, gemeente_code, wijk_code) VALUES
		('NL01', 'land', 'Nederland', NULL, NULL),
		('GM9001', 'gemeente', 'Teststad', 'GM9001', NULL), ('GM9002', 'gemeente', 'Oudgem', 'GM9002', NULL),
		('WK900101', 'wijk', 'West', 'GM9001', NULL), ('WK900102', 'wijk', 'Oost', 'GM9001', NULL),
		('BU90010101', 'buurt', 'Noord', 'GM9001', 'WK900101'), ('BU90010102', 'buurt', 'Zuid', 'GM9001', 'WK900101'),
		('BU90010103', 'buurt', 'Eilanden', 'GM9001', 'WK900101'), ('BU90010201', 'buurt', 'Rond', 'GM9001', 'WK900102')`);
	const rd = (wkt: string) => sql`ST_Multi(ST_Transform(ST_GeomFromText(${wkt}, 28992), 4326))`;
	const shapes: [string, string, number, string, string][] = [
		['GM9001', 'gemeente', 2024, 'exact', box(92000, 436000, 96000, 440000)],
		['GM9002', 'gemeente', 2019, 'exact', box(90000, 436000, 92000, 438000)],
		['WK900101', 'wijk', 2024, 'exact', box(92000, 436000, 94000, 440000)],
		['WK900102', 'wijk', 2024, 'exact', box(94000, 436000, 96000, 440000)],
		['BU90010101', 'buurt', 2024, 'exact', box(92000, 436000, 93000, 438000)],
		['BU90010102', 'buurt', 2024, 'exact', box(93000, 436000, 94000, 438000)],
		['BU90010103', 'buurt', 2024, 'approximate', box(92000, 438000, 94000, 440000)],
		['BU90010201', 'buurt', 2024, 'exact', box(94000, 436000, 96000, 440000)]
	];
	for (const [code, level, vintage, quality, wkt] of shapes) {
		await db.rows(
			sql`INSERT INTO boundary (code, level, vintage, geometry_quality, source_id, geom) VALUES (${code}, ${level}, ${vintage}, ${quality}, 'test', ${rd(wkt)})`
		);
	}
	const obs: [string, string, number, number, boolean?][] = [
		['BU90010101', 'test_pct', 2023, 10],
		['BU90010102', 'test_pct', 2023, 20, true],
		['BU90010103', 'test_pct', 2023, 20],
		// Rond has a figure for 2022 only: no data in 2023.
		['BU90010201', 'test_pct', 2022, 12],
		['BU90010101', 'test_pct', 2022, 11],
		['GM9001', 'test_pct', 2023, 16],
		['GM9002', 'test_pct', 2019, 9],
		['NL01', 'test_pct', 2023, 14],
		['BU90010101', 'inwoners', 2023, 1000],
		['BU90010102', 'inwoners', 2023, 3000],
		['BU90010103', 'inwoners', 2023, 30],
		['BU90010201', 'inwoners', 2023, 2000],
		['WK900101', 'inwoners', 2023, 4030],
		['WK900102', 'inwoners', 2023, 2000],
		['GM9001', 'inwoners', 2023, 6030]
	];
	for (const [code, ind, period, value, provisional] of obs) {
		await db.rows(sql`INSERT INTO observation (area_code, indicator, period, value, source_id, provisional, batch_id)
			VALUES (${code}, ${ind}, ${period}, ${value}, 'src-test', ${provisional ?? false}, 1)`);
	}
	await db.rows(sql`INSERT INTO focus_area (id, name, municipality, gemeente_code, programme, level, confidence, sources)
		VALUES ('test-focus', 'Testfocus', 'Teststad', 'GM9001', 'NPLV', 'buurt', 'official', '[]'::jsonb)`);
	await db.rows(sql`INSERT INTO focus_area_member (focus_area_id, area_code) VALUES ('test-focus', 'BU90010101'), ('test-focus', 'BU90010102')`);
}

describe.each(engines())('map values on %s', (engine) => {
	let t: TestDatabase;
	const q = (over: Partial<MapValuesQuery> = {}): MapValuesQuery => ({
		indicator: 'test_pct',
		period: 2023,
		level: 'buurt',
		gemeente: 'GM9001',
		method: 'kwantiel',
		...over
	});

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		await loadFixture(t);
	});
	afterAll(() => t?.drop());

	it('gives {code: value} for the buurten of a gemeente, listing those without a figure too', async () => {
		const v = (await mapValues(t.db, q()))!;
		expect(v.values).toEqual({ BU90010101: 10, BU90010102: 20, BU90010103: 20 });
		expect(Object.keys(v.areas).sort()).toEqual(['BU90010101', 'BU90010102', 'BU90010103', 'BU90010201']);
		expect(v.areas.BU90010201).toEqual({ name: 'Rond', gm: 'GM9001' });
		expect(v.areas.BU90010103.quality).toBe('approximate');
		expect(v.areas.BU90010102.provisional).toBe(true);
		expect(v.provisional).toBe(true);
		expect(v).toMatchObject({ level: 'buurt', period: 2023, periods: [2022, 2023], vintage: 2024, gemeente: { code: 'GM9001', name: 'Teststad' } });
		expect(v.sources).toEqual([{ id: 'src-test', label: 'RIVM 50090NED', attribution: 'Bron: RIVM, test' }]);
		expect(v.indicator).toMatchObject({ key: 'test_pct', higherIsBetter: false, estimate: false, unit: '% van volwassenen 18+' });
	});

	it('compares each area with its gemeente’s published figure', async () => {
		const v = (await mapValues(t.db, q()))!;
		expect(v.references).toEqual({ GM9001: { code: 'GM9001', name: 'Teststad', value: 16, period: 2023 } });
		expect(v.differences).toEqual({ BU90010101: -6, BU90010102: 4, BU90010103: 4 });
	});

	it('classifies the values for the legend, ties in one class', async () => {
		const v = (await mapValues(t.db, q()))!;
		expect(v.classes).toMatchObject({ scheme: 'sequential', method: 'kwantiel', breaks: [20], counts: [1, 2], min: 10, max: 20 });
		expect(v.classes.colours).toHaveLength(2);
		expect(v.differenceClasses.scheme).toBe('diverging');
		expect(v.differenceClasses.counts.reduce((a, b) => a + b, 0)).toBe(3);
	});

	it('falls back to the latest year when the year asked has no figures', async () => {
		expect((await mapValues(t.db, q({ period: 2021 })))!.period).toBe(2023);
		expect((await mapValues(t.db, q({ period: null })))!.period).toBe(2023);
		const y2022 = (await mapValues(t.db, q({ period: 2022 })))!;
		expect(y2022.values).toEqual({ BU90010101: 11, BU90010201: 12 });
		// No published gemeente figure in 2022: the gemeente is aggregated from its parts.
		expect(y2022.references.GM9001?.value).toBeCloseTo((11 * 1000 + 12 * 2000) / 3000, 6);
	});

	it('places the focus area: its own weighted value and the rank it would have', async () => {
		const v = (await mapValues(t.db, q()))!;
		expect(v.focusAreas).toHaveLength(1);
		const f = v.focusAreas[0];
		expect(f).toMatchObject({ id: 'test-focus', name: 'Testfocus', gemeente: 'GM9001', level: 'buurt', members: ['BU90010101', 'BU90010102'], rank: 2 });
		expect(f.value).toBeCloseTo((10 * 1000 + 20 * 3000) / 4000, 6);
		expect(f.difference).toBeCloseTo(1.5, 6);
	});

	it('withholds small numbers the way every other page does', async () => {
		const v = (await mapValues(t.db, q(), { suppression: { minPopulation: 50, minCount: 0 } }))!;
		// Eilanden has 30 inhabitants; one sibling goes with it so that West − shown ≠ Eilanden.
		expect(v.areas.BU90010103.suppressed).toBe('population');
		expect(v.areas.BU90010101.suppressed).toBeTruthy();
		expect(v.values).toEqual({ BU90010102: 20 });
		expect(Object.keys(v.differences)).toEqual(['BU90010102']);
		expect(v.classes.counts.reduce((a, b) => a + b, 0)).toBe(1);
		// The focus area holds part of a suppressed group: it is withheld too.
		expect(v.focusAreas[0].value).toBeNull();
		expect(v.focusAreas[0].suppressed).toBeTruthy();
	});

	it('maps gemeenten on the vintage whose codes match the year', async () => {
		const now = (await mapValues(t.db, q({ level: 'gemeente', gemeente: null })))!;
		expect(now).toMatchObject({ vintage: 2024, values: { GM9001: 16 }, differences: { GM9001: 2 } });
		expect(now.references.NL01).toMatchObject({ value: 14, period: 2023 });
		expect(now.periods).toEqual([2019, 2023]);
		const old = (await mapValues(t.db, q({ level: 'gemeente', gemeente: null, period: 2019 })))!;
		expect(old).toMatchObject({ vintage: 2019, values: { GM9002: 9 } });
		expect(Object.keys(old.areas)).toEqual(['GM9002']);
	});

	it('lists only areas with a figure for the whole country, and knows no unknown indicator', async () => {
		const nl = (await mapValues(t.db, q({ gemeente: null })))!;
		expect(Object.keys(nl.areas).sort()).toEqual(['BU90010101', 'BU90010102', 'BU90010103']);
		expect(await mapValues(t.db, q({ indicator: 'bestaat_niet' }))).toBeNull();
		const wijk = (await mapValues(t.db, q({ level: 'wijk' })))!;
		expect(wijk.values).toEqual({});
		expect(wijk.period).toBeNull();
		expect(Object.keys(wijk.areas).sort()).toEqual(['WK900101', 'WK900102']);
	});
});
