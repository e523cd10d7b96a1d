/**
 * Rows for the map explorer's values (/api/waarden, /kaart): one indicator,
 * one level, one year. SQL only; the data layer (../data/map-values.ts) shapes
 * them with the series engine and $lib/indicators/map-values.
 */
import { sql } from 'drizzle-orm';
import type { AreaLevel } from '../../map/tiles';
import { rowsOf, type Db } from '../db/index';

const rows = async <T>(db: Db, q: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(q));

/** Years in which areas of `level` (in `gemeente`, for wijken and buurten) with a boundary have a value. */
export async function mapPeriods(db: Db, indicator: string, level: AreaLevel, gemeente: string | null): Promise<number[]> {
	const inGemeente = gemeente && level !== 'gemeente' ? sql`AND a.gemeente_code = ${gemeente}` : sql``;
	const r = await rows<{ period: number }>(
		db,
		sql`SELECT DISTINCT o.period FROM observation o
			JOIN area a ON a.code = o.area_code
			WHERE o.indicator = ${indicator} AND a.level = ${level} ${inGemeente}
				AND EXISTS (SELECT 1 FROM boundary b WHERE b.code = o.area_code)
			ORDER BY 1`
	);
	return r.map((x) => Number(x.period));
}

/** Newest boundary vintage of a level, or null when there are no boundaries. */
export async function newestVintage(db: Db, level: string): Promise<number | null> {
	const [r] = await rows<{ v: number | null }>(db, sql`SELECT max(vintage) AS v FROM boundary WHERE level = ${level}`);
	return r?.v == null ? null : Number(r.v);
}

/**
 * The boundary vintage whose codes match the values of this year best: gemeente
 * codes change with mergers, so 2016 figures belong on another map than 2024's.
 * Ties go to the newer vintage; null when no boundary code has a value.
 */
export async function matchingVintage(db: Db, indicator: string, level: AreaLevel, period: number): Promise<number | null> {
	// Materialised: without table statistics (a fresh embedded database) the planner
	// otherwise nests 16 000 index probes into a bitmap AND (9 s instead of 0.1 s).
	const [r] = await rows<{ vintage: number }>(
		db,
		sql`WITH codes AS MATERIALIZED (SELECT area_code FROM observation WHERE indicator = ${indicator} AND period = ${period}),
				bs AS MATERIALIZED (SELECT code, vintage FROM boundary WHERE level = ${level})
			SELECT bs.vintage, count(*) AS n FROM bs JOIN codes ON codes.area_code = bs.code
			GROUP BY bs.vintage ORDER BY n DESC, bs.vintage DESC LIMIT 1`
	);
	return r ? Number(r.vintage) : null;
}

export type { AreaValueRow as MapAreaRow } from '../../indicators/map-values';
import type { AreaValueRow as MapAreaRow } from '../../indicators/map-values';

/**
 * The areas of a level and vintage with their published value of the year:
 * every area of `gemeente` (to list those without a figure too), all
 * gemeenten at gemeente level, NL-wide otherwise only areas with a value.
 */
export async function mapAreaRows(
	db: Db,
	indicator: string,
	level: AreaLevel,
	vintage: number,
	period: number | null,
	gemeente: string | null
): Promise<MapAreaRow[]> {
	const scope = level === 'gemeente' ? sql`` : gemeente ? sql`AND a.gemeente_code = ${gemeente}` : sql`AND o.value IS NOT NULL`;
	const r = await rows<MapAreaRow>(
		db,
		sql`SELECT b.code, coalesce(a.name, b.code) AS name,
				CASE WHEN b.level = 'gemeente' THEN b.code ELSE a.gemeente_code END AS gm,
				b.geometry_quality AS quality, o.value, o.provisional, o.source_id
			FROM boundary b
			LEFT JOIN area a ON a.code = b.code
			LEFT JOIN observation o ON o.area_code = b.code AND o.indicator = ${indicator} AND o.period = ${period ?? -1}
			WHERE b.level = ${level} AND b.vintage = ${vintage} ${scope}
			ORDER BY b.code`
	);
	return r.map((x) => ({ ...x, value: x.value == null ? null : Number(x.value) }));
}

/** Published values of these areas (gemeenten) for one indicator and year, with their names. */
export async function publishedValues(
	db: Db,
	indicator: string,
	period: number,
	codes: string[]
): Promise<{ code: string; name: string | null; value: number }[]> {
	if (!codes.length) return [];
	const r = await rows<{ code: string; name: string | null; value: number }>(
		db,
		sql`SELECT o.area_code AS code, a.name, o.value FROM observation o LEFT JOIN area a ON a.code = o.area_code
			WHERE o.indicator = ${indicator} AND o.period = ${period}
				AND o.area_code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`
	);
	return r.map((x) => ({ ...x, value: Number(x.value) }));
}

export async function areaName(db: Db, code: string): Promise<string | null | undefined> {
	const [r] = await rows<{ name: string | null }>(db, sql`SELECT name FROM area WHERE code = ${code}`);
	return r ? r.name : undefined;
}

/** Focus areas (of one gemeente, or all) with their member codes. */
export async function focusAreasWithMembers(
	db: Db,
	gemeente: string | null
): Promise<{ id: string; name: string; gemeente: string; level: 'wijk' | 'buurt'; members: string[] }[]> {
	const where = gemeente ? sql`WHERE f.gemeente_code = ${gemeente}` : sql``;
	return rows(
		db,
		sql`SELECT f.id, f.name, f.gemeente_code AS gemeente, f.level,
				coalesce(array_agg(m.area_code ORDER BY m.area_code) FILTER (WHERE m.area_code IS NOT NULL), '{}'::text[]) AS members
			FROM focus_area f LEFT JOIN focus_area_member m ON m.focus_area_id = f.id ${where}
			GROUP BY f.id, f.name, f.gemeente_code, f.level ORDER BY f.name`
	);
}
