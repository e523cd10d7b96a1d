/**
 * Vector tiles of the area boundaries, one module on two engines:
 *
 * - PostgreSQL/PostGIS: ST_AsMVTGeom + ST_AsMVT in the database;
 * - embedded PGlite, whose PostGIS lacks protobuf (no ST_AsMVT): the same
 *   feature query returns clipped GeoJSON, cut into a tile in process with
 *   geojson-vt and encoded with vt-pbf.
 *
 * Both read `boundary.geom_3857` (EPSG:3857, generated, GiST-indexed),
 * simplified per zoom with the same tolerance (two tile units: ¼ px on a
 * 512 px tile) before clipping, so neighbouring tiles meet without seams.
 * Tiles carry geometry and names only, never indicator values (those are
 * joined in the browser through feature-state). One layer, `gebieden`, with
 * `code`, `name`, `gm` (gemeente code) and `quality` (geometry_quality).
 */
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { sql, type SQL } from 'drizzle-orm';
import type { Feature, Geometry } from 'geojson';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { isTileLevel, ROUTE_MAX_ZOOM, TILE_BUFFER, TILE_EXTENT, TILE_LAYER, type TileLevel } from '../../map/tiles';
import type { Database } from '../db/index';

/** Bump when the tile contents change shape (properties, simplification): it is part of every ETag. */
export const TILE_SCHEME = 't1';

export interface TileRequest {
	level: TileLevel;
	/** Boundary vintage (CBS classification year). */
	vintage: number;
	z: number;
	x: number;
	y: number;
}

/** Half the EPSG:3857 world width in metres. */
const HALF_WORLD = 20037508.342789244;

/** Simplification tolerance in metres at zoom `z`: two MVT units. */
export function toleranceAt(z: number): number {
	return ((2 * HALF_WORLD) / 2 ** z / TILE_EXTENT) * 2;
}

const ok = (n: number) => Number.isInteger(n);
const intParam = (s: string) => (/^\d{1,8}$/.test(s) ? Number(s) : NaN);

/**
 * Validates the route parameters. Returns an error message (for a 400) or the
 * request; a missing `jaargang` means the newest vintage of the level.
 */
export function parseTileParams(
	p: { level: string; z: string; x: string; y: string },
	search: URLSearchParams
): { error: string } | { level: TileLevel; vintage: number | null; z: number; x: number; y: number } {
	if (!isTileLevel(p.level)) return { error: `Onbekend niveau "${p.level}" (gemeente, wijk, buurt of focusgebied).` };
	const z = intParam(p.z);
	const x = intParam(p.x);
	const y = intParam(p.y.replace(/\.(mvt|pbf)$/, ''));
	if (![z, x, y].every(ok)) return { error: 'z, x en y moeten gehele getallen zijn.' };
	if (z > ROUTE_MAX_ZOOM) return { error: `Zoomniveau ${z} is groter dan ${ROUTE_MAX_ZOOM}.` };
	const n = 2 ** z;
	if (x >= n || y >= n) return { error: `Tegel ${x}/${y} bestaat niet op zoomniveau ${z} (0–${n - 1}).` };
	const j = search.get('jaargang');
	let vintage: number | null = null;
	if (j != null && j !== '') {
		vintage = /^\d{4}$/.test(j) ? Number(j) : NaN;
		if (!ok(vintage)) return { error: 'jaargang moet een jaartal zijn.' };
	}
	return { level: p.level, vintage, z, x, y };
}

/**
 * The data version: the newest import batch. Every tile URL carries it, so a
 * tile URL is immutable; a new import gives new URLs and ETags. Remembered for
 * a second per database (one query less per tile); right after an import the
 * old version may be named for that second, which only costs a revalidation.
 */
const versions = new WeakMap<Database, { value: Promise<string>; at: number }>();
const VERSION_TTL_MS = 1000;

export function dataVersion(database: Database): Promise<string> {
	const hit = versions.get(database);
	if (hit && performance.now() - hit.at < VERSION_TTL_MS) return hit.value;
	const value = database
		.rows<{ id: number; checksum: string }>(sql`SELECT id, checksum FROM import_batch ORDER BY id DESC LIMIT 1`)
		.then(([r]) => (r ? `${r.id}-${String(r.checksum).slice(0, 10)}` : '0'));
	versions.set(database, { value, at: performance.now() });
	value.catch(() => versions.delete(database));
	return value;
}

/** Newest vintage of a tile level (focus areas use the newest wijk/buurt vintage). */
export async function defaultVintage(database: Database, level: TileLevel): Promise<number | null> {
	const levels = level === 'focusgebied' ? ['wijk', 'buurt'] : [level];
	const [r] = await database.rows<{ v: number | null }>(
		sql`SELECT max(vintage) AS v FROM boundary WHERE level IN (SELECT jsonb_array_elements_text(${JSON.stringify(levels)}::jsonb))`
	);
	return r?.v == null ? null : Number(r.v);
}

/**
 * The features of a tile: code, name, gm, quality and the simplified
 * geometry `geom` in EPSG:3857 (not yet clipped), for every boundary whose
 * box meets the tile plus its buffer. Shared by both engines.
 */
export function tileFeatures(t: TileRequest): SQL {
	const margin = TILE_BUFFER / TILE_EXTENT;
	const env = sql`ST_TileEnvelope(${t.z}::int, ${t.x}::int, ${t.y}::int, margin => ${margin}::float8)`;
	const tol = sql`${toleranceAt(t.z)}::float8`;
	if (t.level === 'focusgebied') {
		// A focus area is the union of its members. Only members meeting the tile take
		// part; the others lie outside it and cannot change the outline inside it.
		// min(quality) is the weakest member: 'approximate' < 'detailed…' < 'exact'.
		return sql`SELECT f.id AS code, f.name, f.gemeente_code AS gm, min(b.geometry_quality) AS quality,
				ST_Simplify(ST_Multi(ST_Union(b.geom_3857)), ${tol}, true) AS geom
			FROM focus_area f
			JOIN focus_area_member m ON m.focus_area_id = f.id
			JOIN boundary b ON b.code = m.area_code AND b.vintage = ${t.vintage}::int
			WHERE b.geom_3857 && ${env}
			GROUP BY f.id, f.name, f.gemeente_code`;
	}
	return sql`SELECT b.code, coalesce(a.name, b.code) AS name,
			CASE WHEN b.level = 'gemeente' THEN b.code ELSE a.gemeente_code END AS gm,
			b.geometry_quality AS quality,
			ST_Simplify(b.geom_3857, ${tol}, true) AS geom
		FROM boundary b LEFT JOIN area a ON a.code = b.code
		WHERE b.level = ${t.level} AND b.vintage = ${t.vintage}::int AND b.geom_3857 && ${env}`;
}

/** PostgreSQL: the whole tile in SQL. */
export function mvtSql(t: TileRequest): SQL {
	return sql`WITH f AS (${tileFeatures(t)}),
		g AS (
			SELECT code, name, gm, quality,
				ST_AsMVTGeom(geom, ST_TileEnvelope(${t.z}::int, ${t.x}::int, ${t.y}::int), ${TILE_EXTENT}, ${TILE_BUFFER}, true) AS geom
			FROM f
		)
		SELECT ST_AsMVT(g.*, ${TILE_LAYER}, ${TILE_EXTENT}, 'geom') AS tile FROM g WHERE g.geom IS NOT NULL`;
}

async function mvtPostgres(database: Database, t: TileRequest): Promise<Uint8Array | null> {
	const [r] = await database.rows<{ tile: Uint8Array | null }>(mvtSql(t));
	return r?.tile && r.tile.length ? new Uint8Array(r.tile) : null;
}

/** Embedded: the feature query, clipped to the buffered tile, as GeoJSON in metres. */
export function clippedFeaturesSql(t: TileRequest): SQL {
	const margin = TILE_BUFFER / TILE_EXTENT;
	return sql`WITH f AS (${tileFeatures(t)})
		SELECT code, name, gm, quality,
			ST_AsGeoJSON(ST_ClipByBox2D(geom, ST_TileEnvelope(${t.z}::int, ${t.x}::int, ${t.y}::int, margin => ${margin}::float8)), 1) AS geojson
		FROM f`;
}

type Position = number[];
type Coords = Position | Coords[];

/** EPSG:3857 metres → geojson-vt's unit square (x east, y down, 0–1). */
function toUnitSquare(c: Coords): Coords {
	if (typeof c[0] === 'number') {
		const p = c as Position;
		return [(p[0] + HALF_WORLD) / (2 * HALF_WORLD), (HALF_WORLD - p[1]) / (2 * HALF_WORLD)];
	}
	return (c as Coords[]).map(toUnitSquare);
}

interface ClippedRow {
	code: string;
	name: string;
	gm: string | null;
	quality: string;
	geojson: string;
}

/** Cuts one tile in process from clipped features (EPSG:3857 GeoJSON); null when nothing is left. */
export function cutTile(rows: ClippedRow[], t: Pick<TileRequest, 'z' | 'x' | 'y'>): Uint8Array | null {
	const features: Feature[] = [];
	for (const r of rows) {
		const g = JSON.parse(r.geojson) as Geometry;
		const parts: Geometry[] = g.type === 'GeometryCollection' ? g.geometries : [g];
		for (const part of parts) {
			if (part.type !== 'Polygon' && part.type !== 'MultiPolygon') continue;
			if (!part.coordinates.length) continue;
			const properties: Record<string, string> = { code: r.code, name: r.name, quality: r.quality };
			if (r.gm) properties.gm = r.gm;
			features.push({ type: 'Feature', properties, geometry: { ...part, coordinates: toUnitSquare(part.coordinates as Coords) } as Geometry });
		}
	}
	if (!features.length) return null;
	const tile = geoJSONToTile({ type: 'FeatureCollection', features }, t.z, t.x, t.y, {
		coordinates: 'unitSquare',
		extent: TILE_EXTENT,
		buffer: TILE_BUFFER,
		clip: true,
		// Simplification already happened in SQL, with the PostgreSQL tolerance.
		maxZoom: t.z,
		tolerance: 0
	});
	if (!tile || !tile.features.length) return null;
	return fromGeojsonVt({ [TILE_LAYER]: tile }, { version: 2, extent: TILE_EXTENT });
}

async function mvtInProcess(database: Database, t: TileRequest): Promise<Uint8Array | null> {
	return cutTile(await database.rows<ClippedRow>(clippedFeaturesSql(t)), t);
}

/** One tile as uncompressed MVT bytes, or null for an empty tile. */
export function renderTile(database: Database, t: TileRequest): Promise<Uint8Array | null> {
	return database.engine === 'postgres' ? mvtPostgres(database, t) : mvtInProcess(database, t);
}

export type Encoding = 'br' | 'gzip' | 'identity';

/** The best encoding the client accepts (brotli, then gzip). */
export function pickEncoding(acceptEncoding: string | null): Encoding {
	const accepted = (acceptEncoding ?? '')
		.split(',')
		.map((s) => s.trim().split(';'))
		.filter(([, q]) => !q || Number(q.split('=')[1]) > 0)
		.map(([e]) => e.toLowerCase());
	if (accepted.includes('br')) return 'br';
	if (accepted.includes('gzip') || accepted.includes('*')) return 'gzip';
	return 'identity';
}

export function compress(bytes: Uint8Array, encoding: Encoding): Uint8Array<ArrayBuffer> {
	const out =
		encoding === 'br' ? brotliCompressSync(bytes, { params: { [zlib.BROTLI_PARAM_QUALITY]: 5 } }) : encoding === 'gzip' ? gzipSync(bytes, { level: 6 }) : bytes;
	return new Uint8Array(out.buffer as ArrayBuffer, out.byteOffset, out.byteLength);
}

/**
 * Cache headers tied to the data version: a URL that names the current
 * version (`?v=`) is immutable for a year; any other URL must revalidate. The
 * ETag names scheme, version and encoding, so a conditional request is
 * answered (304) without touching the tile.
 */
export function cacheHeaders(version: string, askedVersion: string | null, encoding: Encoding): Record<string, string> {
	return {
		etag: `"${TILE_SCHEME}-${version}-${encoding}"`,
		'cache-control': askedVersion === version ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
		vary: 'Accept-Encoding'
	};
}

export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
	if (!ifNoneMatch) return false;
	return ifNoneMatch.split(',').some((t) => {
		const s = t.trim();
		return s === '*' || s.replace(/^W\//, '') === etag;
	});
}

/**
 * The whole tile endpoint without SvelteKit around it (the route calls this;
 * the benchmark too): validation (400), conditional request (304), empty
 * tile (204), compressed MVT (200).
 */
export async function tileResponse(
	database: Database,
	params: { level: string; z: string; x: string; y: string },
	url: URL,
	headers: Headers
): Promise<Response> {
	const parsed = parseTileParams(params, url.searchParams);
	if ('error' in parsed) return new Response(parsed.error, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	const version = await dataVersion(database);
	const encoding = pickEncoding(headers.get('accept-encoding'));
	const h = cacheHeaders(version, url.searchParams.get('v'), encoding);
	if (etagMatches(headers.get('if-none-match'), h.etag)) return new Response(null, { status: 304, headers: h });
	const vintage = parsed.vintage ?? (await defaultVintage(database, parsed.level));
	const bytes = vintage == null ? null : await renderTile(database, { ...parsed, vintage });
	if (!bytes) return new Response(null, { status: 204, headers: h });
	const body = compress(bytes, encoding);
	const out: Record<string, string> = { ...h, 'content-type': 'application/vnd.mapbox-vector-tile' };
	if (encoding !== 'identity') out['content-encoding'] = encoding;
	return new Response(body, { status: 200, headers: out });
}

/** Places for the map page: where to look, and where to put the focus-area labels. */
export interface MapPlaces {
	/** Gemeenten of the newest vintage with their box [west, south, east, north] (WGS84). */
	gemeenten: { code: string; name: string; bbox: [number, number, number, number]; hasFocus: boolean }[];
	/** Focus areas with a point inside them for the label (WGS84) and their box; largest first (label priority). */
	focusAreas: { id: string; name: string; gemeente: string; point: [number, number]; bbox: [number, number, number, number] }[];
	/** Vintage of the focus-area tiles (newest wijk/buurt vintage). */
	focusVintage: number | null;
}

const placesCache = new Map<string, Promise<MapPlaces>>();

async function loadPlaces(database: Database): Promise<MapPlaces> {
	const focusVintage = await defaultVintage(database, 'focusgebied');
	const box = (r: { w: number; s: number; e: number; n: number }): [number, number, number, number] => [Number(r.w), Number(r.s), Number(r.e), Number(r.n)];
	const gm = await database.rows<{ code: string; name: string; w: number; s: number; e: number; n: number; has_focus: boolean }>(
		sql`SELECT b.code, coalesce(a.name, b.code) AS name,
				ST_XMin(b.geom) AS w, ST_YMin(b.geom) AS s, ST_XMax(b.geom) AS e, ST_YMax(b.geom) AS n,
				EXISTS (SELECT 1 FROM focus_area f WHERE f.gemeente_code = b.code) AS has_focus
			FROM boundary b LEFT JOIN area a ON a.code = b.code
			WHERE b.level = 'gemeente' AND b.vintage = (SELECT max(vintage) FROM boundary WHERE level = 'gemeente')
			ORDER BY 2`
	);
	const focus = await database.rows<{ id: string; name: string; gemeente: string; x: number; y: number; w: number; s: number; e: number; n: number }>(
		sql`WITH u AS (
				SELECT f.id, f.name, f.gemeente_code AS gemeente, ST_Union(b.geom) AS g
				FROM focus_area f
				JOIN focus_area_member m ON m.focus_area_id = f.id
				JOIN boundary b ON b.code = m.area_code AND b.vintage = ${focusVintage ?? 0}::int
				GROUP BY f.id, f.name, f.gemeente_code
			)
			SELECT id, name, gemeente, ST_X(ST_PointOnSurface(g)) AS x, ST_Y(ST_PointOnSurface(g)) AS y,
				ST_XMin(g) AS w, ST_YMin(g) AS s, ST_XMax(g) AS e, ST_YMax(g) AS n
			FROM u ORDER BY ST_Area(g) DESC, name`
	);
	return {
		gemeenten: gm.map((r) => ({ code: r.code, name: r.name, bbox: box(r), hasFocus: Boolean(r.has_focus) })),
		focusAreas: focus.map((r) => ({ id: r.id, name: r.name, gemeente: r.gemeente, point: [Number(r.x), Number(r.y)], bbox: box(r) })),
		focusVintage
	};
}

/** `MapPlaces`, computed once per data version. */
export function mapPlaces(database: Database, version: string): Promise<MapPlaces> {
	let hit = placesCache.get(version);
	if (!hit) {
		placesCache.clear();
		hit = loadPlaces(database);
		placesCache.set(version, hit);
		hit.catch(() => placesCache.delete(version));
	}
	return hit;
}
