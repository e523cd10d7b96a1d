/**
 * The tile route's module on both engines: ST_AsMVT on PostgreSQL, the
 * in-process cutter on PGlite. Tiles are decoded and checked for features,
 * properties and geometry at a few z/x/y, from a small SQL fixture (two
 * adjacent squares, a two-part multipolygon, a detailed circle, a focus area
 * made of two buurten, two gemeente vintages).
 */
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { sql } from 'drizzle-orm';
import { VectorTile, classifyRings, type VectorTileFeature } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Data } from '../../src/lib/server/data/index';
import type { Database } from '../../src/lib/server/db/index';
import { mapPlaces, renderTile, type TileRequest } from '../../src/lib/server/queries/tiles';
import { tileResponse as endpoint } from '../../src/lib/server/tile-endpoint';
import { TILE_LAYER } from '../../src/lib/map/tiles';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const box = (x0: number, y0: number, x1: number, y1: number) => `POLYGON((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0}))`;
const ring = (wkt: string) => wkt.slice('POLYGON'.length);

async function insertImportBatch(db: TestDatabase, checksum: string) {
	await db.rows(sql`INSERT INTO import_batch (kind, input, checksum, files, row_counts, started_at, finished_at, duration_ms, status, imported_by)
		VALUES ('test', 'fixture', ${checksum}, '[]'::jsonb, '{}'::jsonb, now(), now(), 0, 'ok', 'test')`);
}

/** Gemeente GM9001 (2024) and GM9002 (2019 only), two wijken, four buurten near Rotterdam, drawn in RD New. */
async function loadFixture(db: TestDatabase) {
	await insertImportBatch(db, 'a1b2c3d4e5f6a7b8');
	await db.rows(sql`INSERT INTO area (code, level, name, gemeente_code, wijk_code) VALUES
		('GM9001', 'gemeente', 'Teststad', 'GM9001', NULL), ('GM9002', 'gemeente', 'Oudgem', 'GM9002', NULL),
		('WK900101', 'wijk', 'West', 'GM9001', NULL), ('WK900102', 'wijk', 'Oost', 'GM9001', NULL),
		('BU90010101', 'buurt', 'Noord', 'GM9001', 'WK900101'), ('BU90010102', 'buurt', 'Zuid', 'GM9001', 'WK900101'),
		('BU90010103', 'buurt', 'Eilanden', 'GM9001', 'WK900101'), ('BU90010201', 'buurt', 'Rond', 'GM9001', 'WK900102')`);
	const rd = (wkt: string) => sql`ST_Multi(ST_Transform(ST_GeomFromText(${wkt}, 28992), 4326))`;
	const rows: [string, string, number, string, ReturnType<typeof sql>][] = [
		['GM9001', 'gemeente', 2024, 'exact', rd(box(92000, 436000, 96000, 440000))],
		['GM9002', 'gemeente', 2019, 'exact', rd(box(90000, 436000, 92000, 438000))],
		['WK900101', 'wijk', 2024, 'exact', rd(box(92000, 436000, 94000, 440000))],
		['WK900102', 'wijk', 2024, 'exact', rd(box(94000, 436000, 96000, 440000))],
		['BU90010101', 'buurt', 2024, 'exact', rd(box(92000, 436000, 93000, 438000))],
		['BU90010102', 'buurt', 2024, 'exact', rd(box(93000, 436000, 94000, 438000))],
		['BU90010103', 'buurt', 2024, 'approximate', rd(`MULTIPOLYGON(${ring(box(92000, 438500, 92500, 439000))},${ring(box(93500, 439500, 94000, 440000))})`)],
		// 256 vertices: something for the per-zoom simplification to remove.
		['BU90010201', 'buurt', 2024, 'exact', sql`ST_Multi(ST_Transform(ST_Buffer(ST_SetSRID(ST_MakePoint(95000, 438000), 28992), 800, 64), 4326))`]
	];
	for (const [code, level, vintage, quality, geom] of rows) {
		await db.rows(
			sql`INSERT INTO boundary (code, level, vintage, geometry_quality, source_id, geom) VALUES (${code}, ${level}, ${vintage}, ${quality}, 'test', ${geom})`
		);
	}
	await db.rows(sql`INSERT INTO focus_area (id, name, municipality, gemeente_code, programme, level, confidence, sources)
		VALUES ('test-focus', 'Testfocus', 'Teststad', 'GM9001', 'NPLV', 'buurt', 'official', '[]'::jsonb)`);
	await db.rows(sql`INSERT INTO focus_area_member (focus_area_id, area_code) VALUES ('test-focus', 'BU90010101'), ('test-focus', 'BU90010102')`);
}

/** Web-mercator tile of a WGS84 point, and a point's position in a tile's units. */
const mercY = (lat: number) => (1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2;
function tileAt(lon: number, lat: number, z: number) {
	const n = 2 ** z;
	return { z, x: Math.floor(((lon + 180) / 360) * n), y: Math.floor(mercY(lat) * n) };
}
/** The deepest tile (up to z14) that holds the whole box. */
function tileAround(b: { w: number; s: number; e: number; n: number }) {
	for (let z = 14; z > 0; z--) {
		const a = tileAt(b.w, b.n, z);
		const c = tileAt(b.e, b.s, z);
		if (a.x === c.x && a.y === c.y) return a;
	}
	throw new Error('no tile');
}
function units(lon: number, lat: number, t: { z: number; x: number; y: number }): [number, number] {
	const n = 2 ** t.z;
	return [(((lon + 180) / 360) * n - t.x) * 4096, (mercY(lat) * n - t.y) * 4096];
}

function decode(bytes: Uint8Array | null): Map<string, VectorTileFeature> {
	expect(bytes).not.toBeNull();
	const tile = new VectorTile(new PbfReader(bytes!));
	expect(Object.keys(tile.layers)).toEqual([TILE_LAYER]);
	const layer = tile.layers[TILE_LAYER];
	expect(layer.extent).toBe(4096);
	const out = new Map<string, VectorTileFeature>();
	for (let i = 0; i < layer.length; i++) {
		const f = layer.feature(i);
		out.set(String(f.properties.code), f);
	}
	return out;
}
function bboxOf(f: VectorTileFeature): [number, number, number, number] {
	const pts = f.loadGeometry().flat();
	return [Math.min(...pts.map((p) => p.x)), Math.min(...pts.map((p) => p.y)), Math.max(...pts.map((p) => p.x)), Math.max(...pts.map((p) => p.y))];
}
const vertices = (f: VectorTileFeature) => f.loadGeometry().reduce((n, r) => n + r.length, 0);

type Box = { w: number; s: number; e: number; n: number };
/** What each engine drew, to compare them at the end. */
const drawn = new Map<string, Record<string, unknown>>();

describe.each(engines())('vector tiles on %s', (engine) => {
	let t: TestDatabase;
	let data: Data;
	const dataVersion = (_db: Database) => data.version();
	const tileResponse = (_db: Database, p: { level: string; z: string; x: string; y: string }, url: URL, headers: Headers) =>
		endpoint(data, p, url, new Request(url, { headers }));
	let boxes: Record<string, Box>;
	let z12: { z: number; x: number; y: number }; // the tile that holds all of GM9001
	const req = (r: Partial<TileRequest> & { z: number; x: number; y: number }): TileRequest => ({ level: 'buurt', vintage: 2024, ...r });

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		await loadFixture(t);
		data = new Data(t, { suppression: { minPopulation: 50, minCount: 10 } });
		const rows = await t.rows<Box & { code: string }>(
			sql`SELECT code, ST_XMin(geom) AS w, ST_YMin(geom) AS s, ST_XMax(geom) AS e, ST_YMax(geom) AS n FROM boundary`
		);
		boxes = Object.fromEntries(rows.map((r) => [r.code, { w: Number(r.w), s: Number(r.s), e: Number(r.e), n: Number(r.n) }]));
		z12 = tileAround(boxes.GM9001);
	});
	afterAll(() => t?.drop());

	it('keeps a web-mercator copy of every boundary in the generated column', async () => {
		const [r] = await t.rows<{ srid: number; n: number; same: boolean }>(
			sql`SELECT min(ST_SRID(geom_3857)) AS srid, count(*)::int AS n, bool_and(ST_Equals(ST_Transform(geom, 3857), geom_3857)) AS same FROM boundary`
		);
		expect([Number(r.srid), Number(r.n), r.same]).toEqual([3857, 8, true]);
	});

	it('cuts a buurt tile with code, name, gemeente and geometry quality, and no values', async () => {
		const features = decode(await renderTile(t, req(z12)));
		expect([...features.keys()].sort()).toEqual(['BU90010101', 'BU90010102', 'BU90010103', 'BU90010201']);
		const noord = features.get('BU90010101')!;
		expect(noord.type).toBe(3);
		expect(noord.properties).toEqual({ code: 'BU90010101', name: 'Noord', gm: 'GM9001', quality: 'exact' });
		expect(features.get('BU90010103')!.properties.quality).toBe('approximate');
		// The square lands where web mercator puts it, to within the grid.
		const b = boxes.BU90010101;
		const [x0, y1] = units(b.w, b.s, z12);
		const [x1, y0] = units(b.e, b.n, z12);
		const got = bboxOf(noord);
		[x0, y0, x1, y1].forEach((v, i) => expect(Math.abs(got[i] - v)).toBeLessThanOrEqual(1.5));
		drawn.set(engine, { features: [...features.keys()].sort(), noord: got, eilanden: bboxOf(features.get('BU90010103')!) });
	});

	it('keeps both parts of a multipolygon as two polygons of one feature', async () => {
		const features = decode(await renderTile(t, req(z12)));
		const polygons = classifyRings(features.get('BU90010103')!.loadGeometry());
		expect(polygons).toHaveLength(2);
		// Exterior rings come first in each polygon and wind clockwise in tile space (y down):
		// a positive surveyor's-formula area (MVT spec 4.3.4.4).
		for (const p of polygons) {
			const r = p[0];
			let area = 0;
			for (let i = 0, j = r.length - 1; i < r.length; j = i++) area += (r[j].x - r[i].x) * (r[j].y + r[i].y);
			expect(area).toBeGreaterThan(0);
		}
	});

	it('simplifies per zoom: the circle keeps its detail up close and loses most of it four zooms out', async () => {
		const b = boxes.BU90010201;
		const high = tileAround(b);
		const low = tileAt((b.w + b.e) / 2, (b.s + b.n) / 2, high.z - 4);
		const near = decode(await renderTile(t, req(high))).get('BU90010201')!;
		const far = decode(await renderTile(t, req(low))).get('BU90010201')!;
		// 256 vertices; at two tile units (about a metre here) a third or so is left.
		expect(vertices(near)).toBeGreaterThan(50);
		expect(vertices(far)).toBeLessThan(vertices(near) / 3);
		expect(vertices(far)).toBeGreaterThanOrEqual(4);
	});

	it('clips to the tile plus buffer at high zoom', async () => {
		const b = boxes.BU90010101;
		const tl = tileAt(b.w + (b.e - b.w) * 0.25, b.n - (b.n - b.s) * 0.25, 16);
		const f = decode(await renderTile(t, req(tl))).get('BU90010101')!;
		const [minX, minY, maxX, maxY] = bboxOf(f);
		expect(minX).toBeGreaterThanOrEqual(-64 - 1);
		expect(minY).toBeGreaterThanOrEqual(-64 - 1);
		expect(maxX).toBeLessThanOrEqual(4096 + 64 + 1);
		expect(maxY).toBeLessThanOrEqual(4096 + 64 + 1);
	});

	it('draws a focus area as the union of its buurten', async () => {
		const features = decode(await renderTile(t, req({ ...z12, level: 'focusgebied' })));
		expect([...features.keys()]).toEqual(['test-focus']);
		const f = features.get('test-focus')!;
		expect(f.properties).toEqual({ code: 'test-focus', name: 'Testfocus', gm: 'GM9001', quality: 'exact' });
		const polygons = classifyRings(f.loadGeometry());
		expect(polygons).toHaveLength(1);
		// Two 1 km squares side by side: one 2 km × 2 km square, no seam between them.
		const [x0, y0, x1, y1] = bboxOf(f);
		const [ex0, ey1] = units(boxes.BU90010101.w, boxes.BU90010101.s, z12);
		const [ex1, ey0] = units(boxes.BU90010102.e, boxes.BU90010102.n, z12);
		[ex0, ey0, ex1, ey1].forEach((v, i) => expect(Math.abs([x0, y0, x1, y1][i] - v)).toBeLessThanOrEqual(1.5));
		expect(polygons[0]).toHaveLength(1);
	});

	it('serves the vintage asked for, the newest by default', async () => {
		const url = (q: string) => new URL(`http://test/tiles/gemeente/${z12.z}/${z12.x}/${z12.y}${q}`);
		const p = { level: 'gemeente', z: String(z12.z), x: String(z12.x), y: String(z12.y) };
		const codes = async (q: string) => {
			const res = await tileResponse(t, p, url(q), new Headers());
			expect(res.status).toBe(200);
			return [...decode(new Uint8Array(await res.arrayBuffer())).keys()];
		};
		expect(await codes('')).toEqual(['GM9001']);
		expect(await codes('?jaargang=2019')).toEqual(['GM9002']);
		const none = await tileResponse(t, p, url('?jaargang=2001'), new Headers());
		expect(none.status).toBe(204);
	});

	it('answers an empty tile with 204 and nothing in it', async () => {
		expect(await renderTile(t, req({ z: 14, x: 0, y: 0 }))).toBeNull();
		const res = await tileResponse(t, { level: 'buurt', z: '14', x: '0', y: '0' }, new URL('http://test/tiles/buurt/14/0/0'), new Headers());
		expect(res.status).toBe(204);
		expect((await res.arrayBuffer()).byteLength).toBe(0);
	});

	it.each([
		['provincie', '12', '1', '1'],
		['buurt', 'a', '1', '1'],
		['buurt', '23', '1', '1'],
		['buurt', '3', '8', '1'],
		['buurt', '3', '1', '-1'],
		['buurt', '3', '1.5', '1'],
		['buurt', '3', '1', '1?jaargang=abc']
	])('refuses /tiles/%s/%s/%s/%s with 400', async (level, z, x, yq) => {
		const [y, q] = yq.split('?');
		const res = await tileResponse(t, { level, z, x, y }, new URL(`http://test/tiles/${level}/${z}/${x}/${y}${q ? `?${q}` : ''}`), new Headers());
		expect(res.status).toBe(400);
		expect(await res.text()).not.toBe('');
	});

	it('compresses when asked and ties caching to the data version', async () => {
		const version = await dataVersion(t);
		const p = { level: 'buurt', z: String(z12.z), x: String(z12.x), y: String(z12.y) };
		const url = (v: string) => new URL(`http://test/tiles/buurt/${z12.z}/${z12.x}/${z12.y}?v=${v}`);
		const plain = await tileResponse(t, p, url(version), new Headers());
		const raw = new Uint8Array(await plain.arrayBuffer());
		expect(plain.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
		expect(plain.headers.get('content-encoding')).toBeNull();
		expect(plain.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

		const gz = await tileResponse(t, p, url(version), new Headers({ 'accept-encoding': 'gzip, deflate' }));
		expect(gz.headers.get('content-encoding')).toBe('gzip');
		const gzBody = new Uint8Array(await gz.arrayBuffer());
		expect(new Uint8Array(gunzipSync(gzBody))).toEqual(raw);
		const br = await tileResponse(t, p, url(version), new Headers({ 'accept-encoding': 'gzip, br' }));
		expect(br.headers.get('content-encoding')).toBe('br');
		expect(new Uint8Array(brotliDecompressSync(new Uint8Array(await br.arrayBuffer())))).toEqual(raw);
		expect(gz.headers.get('vary')).toBe('Accept-Encoding');

		// A stale or missing version must revalidate; the ETag answers that without a tile.
		const stale = await tileResponse(t, p, url('0-old'), new Headers({ 'accept-encoding': 'gzip' }));
		expect(stale.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
		const etag = stale.headers.get('etag')!;
		expect(etag).toContain(version);
		const again = await tileResponse(t, p, url('0-old'), new Headers({ 'accept-encoding': 'gzip', 'if-none-match': etag }));
		expect(again.status).toBe(304);

		// A new import changes the version (read again after at most a second), so the old ETag no longer matches.
		await insertImportBatch(t, 'ffffeeeeddddcccc');
		await new Promise((r) => setTimeout(r, 1100));
		const next = await dataVersion(t);
		expect(next).not.toBe(version);
		const after = await tileResponse(t, p, url(version), new Headers({ 'accept-encoding': 'gzip', 'if-none-match': etag }));
		expect(after.status).toBe(200);
		expect(after.headers.get('cache-control')).toBe('public, max-age=0, must-revalidate');
	});

	it('gives the map page the gemeenten and focus-area label points', async () => {
		const places = await mapPlaces(t);
		expect(places.gemeenten.map((g) => [g.code, g.hasFocus])).toEqual([['GM9001', true]]);
		const focus = places.focusAreas[0];
		expect(focus.id).toBe('test-focus');
		const [lon, lat] = focus.point;
		const b1 = boxes.BU90010101;
		const b2 = boxes.BU90010102;
		expect(lon).toBeGreaterThan(b1.w);
		expect(lon).toBeLessThan(b2.e);
		expect(lat).toBeGreaterThan(b1.s);
		expect(lat).toBeLessThan(b1.n);
		expect(places.focusVintage).toBe(2024);
	});
});

describe.runIf(engines().length > 1)('both engines', () => {
	it('draw the same features at the same places', () => {
		const [a, b] = [drawn.get('pglite'), drawn.get('postgres')];
		expect(a && b).toBeTruthy();
		expect(a!.features).toEqual(b!.features);
		for (const k of ['noord', 'eilanden'] as const) {
			(a![k] as number[]).forEach((v, i) => expect(Math.abs(v - (b![k] as number[])[i])).toBeLessThanOrEqual(1));
		}
	});
});
