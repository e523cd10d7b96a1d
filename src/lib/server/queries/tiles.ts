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
import { sql, type SQL } from 'drizzle-orm';
import type { Feature, Geometry } from 'geojson';
import { geoJSONToTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { TILE_BUFFER, TILE_EXTENT, TILE_LAYER, type TileLevel } from '../../map/tiles';
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

/** The data version: the newest import batch (id and checksum), '0' before the first import. */
export async function dataVersionRow(database: Database): Promise<string> {
	const [r] = await database.rows<{ id: number; checksum: string }>(sql`SELECT id, checksum FROM import_batch ORDER BY id DESC LIMIT 1`);
	return r ? `${r.id}-${String(r.checksum).slice(0, 10)}` : '0';
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

/** Places for the map page: where to look, and where to put the focus-area labels. */
export interface MapPlaces {
	/** Gemeenten of the newest vintage with their box [west, south, east, north] (WGS84). */
	gemeenten: { code: string; name: string; bbox: [number, number, number, number]; hasFocus: boolean }[];
	/** Focus areas with a point inside them for the label (WGS84) and their box; largest first (label priority). */
	focusAreas: { id: string; name: string; gemeente: string; point: [number, number]; bbox: [number, number, number, number] }[];
	/** Vintage of the focus-area tiles (newest wijk/buurt vintage). */
	focusVintage: number | null;
}

/** Gemeenten and focus areas of the map page, with their boxes and label points. */
export async function mapPlaces(database: Database): Promise<MapPlaces> {
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
