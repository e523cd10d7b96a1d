import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, engines, type TestDatabase } from './engines';

describe.each(engines())('schema on %s', (engine) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(engine);
	});
	afterAll(() => t?.drop());

	it('has PostGIS and every table of the schema', async () => {
		const [v] = await t.rows<{ v: string }>(sql`SELECT postgis_lib_version() AS v`);
		expect(v.v).toMatch(/^3\./);
		const tables = await t.rows<{ name: string }>(sql`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1`);
		expect(tables.map((r) => r.name)).toEqual(
			expect.arrayContaining(['area', 'boundary', 'focus_area', 'focus_area_member', 'import_batch', 'indicator', 'observation', 'source', 'target'])
		);
	});

	it('stores a MultiPolygon in EPSG:4326 and measures it in RD New', async () => {
		// 100 m × 100 m square near the Dam, in RD New, stored as 4326.
		await t.rows(sql`INSERT INTO boundary (code, level, vintage, source_id, geom)
			VALUES ('GM9999', 'gemeente', 2024, 'test', ST_Multi(ST_Transform(ST_GeomFromText('POLYGON((121000 487000,121100 487000,121100 487100,121000 487100,121000 487000))', 28992), 4326)))`);
		const [r] = await t.rows<{ srid: number; type: string; area: number }>(
			sql`SELECT ST_SRID(geom) AS srid, GeometryType(geom) AS type, ST_Area(ST_Transform(geom, 28992)) AS area FROM boundary WHERE code = 'GM9999'`
		);
		expect(r.srid).toBe(4326);
		expect(r.type).toBe('MULTIPOLYGON');
		expect(Number(r.area)).toBeCloseTo(10000, 0);
	});

	it('refuses a point in the polygon column', async () => {
		await expect(
			t.rows(
				sql`INSERT INTO boundary (code, level, vintage, source_id, geom) VALUES ('GM9998', 'gemeente', 2024, 'test', ST_SetSRID(ST_MakePoint(4.9, 52.37), 4326))`
			)
		).rejects.toThrow();
	});
});
