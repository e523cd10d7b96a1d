/**
 * The rows the series engine ($lib/indicators/series) works on: focus-area
 * members, the areas a series names, and observations. SQL only; the
 * combining, suppression and references happen in the pure engine.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { AreaInfo, ObservationRow } from '../../indicators/series';
import { NATIONAL_CODE } from '../../indicators/targets';
import { rowsOf, type Db } from '../db/index';
import { area, focusArea, focusAreaMember, observation } from '../db/schema/index';

/** Members of these focus areas: one row per member, with the focus area's gemeente. */
export function focusMemberRows(db: Db, ids: string[]): Promise<{ id: string; gemeente: string; code: string }[]> {
	if (!ids.length) return Promise.resolve([]);
	return db
		.select({ id: focusArea.id, gemeente: focusArea.gemeenteCode, code: focusAreaMember.areaCode })
		.from(focusArea)
		.innerJoin(focusAreaMember, eq(focusAreaMember.focusAreaId, focusArea.id))
		.where(inArray(focusArea.id, ids));
}

/** Level, gemeente and classification status of these areas (unknown codes are left out). */
export function areaInfo(db: Db, codes: string[]): Promise<AreaInfo[]> {
	if (!codes.length) return Promise.resolve([]);
	return db
		.select({ code: area.code, level: area.level, gemeente: area.gemeenteCode, superseded: area.superseded })
		.from(area)
		.where(inArray(area.code, codes));
}

/**
 * Observations of `indicators` for `codes`, plus, when `nationalFallback`, those
 * of all gemeenten in the periods for which no national (NL01) value exists: the
 * national series falls back to the gemeenten only there.
 */
export async function observationRows(db: Db, codes: string[], indicators: string[], nationalFallback: boolean): Promise<ObservationRow[]> {
	if (!indicators.length || (!codes.length && !nationalFallback)) return [];
	// One array parameter rather than `IN ($1, …, $2800)`: planning a list that long cost more than the lookup.
	const ofCodes = sql`${observation.areaCode} = ANY(${sql.param(codes)}::text[])`;
	const ofIndicators = sql`${observation.indicator} = ANY(${sql.param(indicators)}::text[])`;
	const where = nationalFallback
		? and(
				ofIndicators,
				or(
					ofCodes,
					sql`(${observation.areaCode} LIKE 'GM%' AND NOT EXISTS (SELECT 1 FROM observation nl WHERE nl.area_code = ${NATIONAL_CODE} AND nl.indicator = ${observation.indicator} AND nl.period = ${observation.period}))`
				)
			)
		: and(ofIndicators, ofCodes);
	// One JSON text instead of a row per figure: a page can need 100 000 figures,
	// and decoding them row by row through the wire protocol took four times as long.
	const [row] = rowsOf<{ j: string | null }>(
		await db.execute(
			sql`SELECT json_agg(json_build_array(${observation.areaCode}, ${observation.indicator}, ${observation.period}, ${observation.value}, ${observation.provisional}, ${observation.sourceId}))::text AS j FROM ${observation} WHERE ${where}`
		)
	);
	const tuples: [string, string, number, number, boolean, string][] = row?.j ? JSON.parse(row.j) : [];
	return tuples.map(([code, indicator, period, value, provisional, source]) => ({ code, indicator, period, value, provisional, source }));
}
