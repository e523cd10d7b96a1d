/**
 * The crosswalk between boundary vintages: for an area of the newest vintage,
 * the areas of an older vintage it was made of, each with the share of that
 * older area that lies in it. Computed in PostGIS (RD New, so that areas are
 * in m²) when a series asks for it; only for vintages in which the area's own
 * code did not exist, since a code that existed publishes its own figures.
 *
 * The share is by inhabitants where they are known per part: for gemeenten
 * and wijken, the inhabitants of the newest buurten whose interior point lies
 * in the older area and in the newer one, over those in the older area.
 * Otherwise (buurten, or no buurt figures) it is the share of area. The
 * vintages of a source are drawn separately and simplified, so their borders
 * do not coincide: a share under 2 % is a sliver of redrawing and counts as
 * nothing, one over 98 % as the whole area.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/index';
import type { CrosswalkRow } from '../../indicators/series';
import { levelOfCode } from '../../indicators/targets';

const SLIVER = 0.02;

const list = (codes: string[]) =>
	sql.join(
		codes.map((c) => sql`${c}`),
		sql`, `
	);

/** Crosswalk rows into `codes` (areas of the newest vintage of their level); none where every code is as old as its level. */
export async function crosswalkRows(db: Db, allCodes: string[]): Promise<CrosswalkRow[]> {
	// Most calls name thousands of wijken and buurten of a level with one vintage: leave those out first.
	const levels = new Set(
		rowsOf<{ level: string }>(await db.execute(sql`SELECT level FROM boundary GROUP BY level HAVING count(DISTINCT vintage) > 1`)).map((r) => r.level)
	);
	const codes = allCodes.filter((c) => levels.has(levelOfCode(c) ?? ''));
	if (!codes.length) return [];
	const rows = rowsOf<{
		to_code: string;
		since: number;
		vintage: number;
		from_code: string;
		area_share: number;
		pop_part: number | null;
		pop_whole: number | null;
	}>(
		await db.execute(sql`
			WITH levels AS (SELECT DISTINCT level, vintage FROM boundary),
			t AS (
				SELECT DISTINCT ON (code) code, level, vintage, geom, min(vintage) OVER (PARTITION BY code) AS since FROM boundary
				WHERE code IN (${list(codes)}) ORDER BY code, vintage DESC),
			gap AS (
				SELECT t.code, t.level, t.geom, t.since, l.vintage FROM t JOIN levels l ON l.level = t.level AND l.vintage < t.vintage
				WHERE NOT EXISTS (SELECT 1 FROM boundary b WHERE b.code = t.code AND b.vintage = l.vintage)),
			pair AS (
				SELECT g.code AS to_code, g.since, g.level, g.vintage, g.geom AS to_geom, b.code AS from_code, b.geom AS from_geom,
					ST_Area(ST_Intersection(ST_Transform(b.geom, 28992), ST_Transform(g.geom, 28992))) / NULLIF(ST_Area(ST_Transform(b.geom, 28992)), 0) AS area_share
				FROM gap g JOIN boundary b ON b.level = g.level AND b.vintage = g.vintage AND b.geom && g.geom AND ST_Intersects(b.geom, g.geom)),
			kept AS (SELECT * FROM pair WHERE area_share >= ${SLIVER}),
			newest_buurt AS (SELECT max(vintage) AS vintage FROM boundary WHERE level = 'buurt'),
			people AS (
				SELECT k.to_code, k.vintage, k.from_code,
					sum(p.value) FILTER (WHERE ST_Contains(k.to_geom, ST_PointOnSurface(nb.geom))) AS pop_part,
					sum(p.value) AS pop_whole
				FROM kept k
				JOIN boundary nb ON nb.level = 'buurt' AND nb.vintage = (SELECT vintage FROM newest_buurt)
					AND nb.geom && k.from_geom AND ST_Contains(k.from_geom, ST_PointOnSurface(nb.geom))
				JOIN LATERAL (
					SELECT o.value FROM observation o WHERE o.area_code = nb.code AND o.indicator = 'inwoners' ORDER BY o.period DESC LIMIT 1
				) p ON true
				WHERE k.level IN ('gemeente', 'wijk')
				GROUP BY k.to_code, k.vintage, k.from_code)
			SELECT k.to_code, k.since, k.vintage, k.from_code, k.area_share, p.pop_part, p.pop_whole
			FROM kept k LEFT JOIN people p USING (to_code, vintage, from_code)`)
	);
	return rows
		.map((r): CrosswalkRow => {
			const popWhole = r.pop_whole == null ? null : Number(r.pop_whole);
			const byPeople = popWhole != null && popWhole > 0;
			const areaShare = Number(r.area_share);
			const raw = byPeople ? Number(r.pop_part ?? 0) / popWhole : areaShare;
			const share = raw < SLIVER ? 0 : raw > 1 - SLIVER ? 1 : raw;
			return {
				to: r.to_code,
				since: Number(r.since),
				vintage: Number(r.vintage),
				from: r.from_code,
				share: Math.min(1, share),
				basis: byPeople ? 'inwoners' : 'oppervlakte'
			};
		})
		.filter((r) => r.share > 0)
		.sort((a, b) => a.to.localeCompare(b.to) || a.vintage - b.vintage || a.from.localeCompare(b.from));
}
