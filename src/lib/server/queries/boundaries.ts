/**
 * Boundaries as GeoJSON for the small outline map of the area page: a few
 * polygons, simplified in PostGIS. (The map explorer gets its boundaries as
 * vector tiles: ./tiles.ts.)
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/index';

const list = (codes: string[]) =>
	sql.join(
		codes.map((c) => sql`${c}`),
		sql`, `
	);

/** The newest boundary of each area, simplified to about 10 m (1e-4°), as GeoJSON text (WGS84). */
export async function outlineRows(db: Db, codes: string[]): Promise<{ code: string; quality: string; geojson: string }[]> {
	if (!codes.length) return [];
	return rowsOf(
		await db.execute(sql`
			SELECT code, geometry_quality AS quality, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0001), 5) AS geojson
			FROM (SELECT DISTINCT ON (code) code, geometry_quality, geom FROM boundary WHERE code IN (${list(codes)}) ORDER BY code, vintage DESC) b`)
	);
}

/**
 * Context around an area: the other areas of `level` of the gemeente and the
 * gemeente's own border, inside the box [west, south, east, north] (WGS84),
 * without `exclude`; newest boundaries, simplified to about 30 m.
 */
export async function contextRows(
	db: Db,
	gemeente: string,
	level: 'wijk' | 'buurt',
	exclude: string[],
	box: [number, number, number, number]
): Promise<{ code: string; geojson: string }[]> {
	return rowsOf(
		await db.execute(sql`
			SELECT code, ST_AsGeoJSON(ST_SimplifyPreserveTopology(geom, 0.0003), 5) AS geojson
			FROM (
				SELECT DISTINCT ON (b.code) b.code, b.geom FROM boundary b JOIN area a ON a.code = b.code
				WHERE (a.gemeente_code = ${gemeente} AND b.level = ${level} OR b.code = ${gemeente})
					AND b.code NOT IN (${list(exclude.length ? exclude : [''])})
					AND b.geom && ST_MakeEnvelope(${box[0]}, ${box[1]}, ${box[2]}, ${box[3]}, 4326)
				ORDER BY b.code, b.vintage DESC
			) c`)
	);
}

/**
 * Where the boundary of an area changed between two vintages present in the
 * database: for each code, each vintage whose polygon differs from the
 * previous vintage's by more than `minShare` of its area (symmetric
 * difference, in RD New). Smaller differences are redrawing, not a change of
 * area: across the gemeente vintages of the data package, coast and water are
 * drawn differently enough to differ by up to about 3 %, while mergers (Weesp
 * into Amsterdam, 12.6 %; part of Haaren into Tilburg, 9.3 %) lie well above.
 */
export async function boundaryChanges(db: Db, codes: string[], minShare = 0.05): Promise<{ code: string; year: number; previous: number; share: number }[]> {
	if (!codes.length) return [];
	const rows = rowsOf<{ code: string; year: number; previous: number; share: number }>(
		await db.execute(sql`
			WITH v AS (
				SELECT code, vintage, geom, lag(vintage) OVER w AS previous, lag(geom) OVER w AS prev_geom
				FROM boundary WHERE code IN (${list(codes)}) WINDOW w AS (PARTITION BY code ORDER BY vintage))
			SELECT code, vintage AS year, previous,
				ST_Area(ST_SymDifference(ST_Transform(prev_geom, 28992), ST_Transform(geom, 28992))) / NULLIF(ST_Area(ST_Transform(prev_geom, 28992)), 0) AS share
			FROM v WHERE prev_geom IS NOT NULL AND NOT ST_Equals(prev_geom, geom)`)
	);
	return rows
		.map((r) => ({ code: r.code, year: Number(r.year), previous: Number(r.previous), share: Number(r.share) }))
		.filter((r) => r.share > minShare)
		.sort((a, b) => a.year - b.year || a.code.localeCompare(b.code));
}
