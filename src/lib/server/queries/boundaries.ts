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
