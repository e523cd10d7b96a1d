/**
 * The rows the series engine ($lib/indicators/series) works on: focus-area
 * members, the areas a series names, and observations. SQL only; the
 * combining, suppression and references happen in the pure engine.
 */
import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { AreaInfo, ObservationRow } from '../../indicators/series';
import { NATIONAL_CODE } from '../../indicators/targets';
import type { Db } from '../db/index';
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
	const ofCodes = inArray(observation.areaCode, codes.length ? codes : ['']);
	const where = nationalFallback
		? and(
				inArray(observation.indicator, indicators),
				or(
					ofCodes,
					sql`(${observation.areaCode} LIKE 'GM%' AND NOT EXISTS (SELECT 1 FROM observation nl WHERE nl.area_code = ${NATIONAL_CODE} AND nl.indicator = ${observation.indicator} AND nl.period = ${observation.period}))`
				)
			)
		: and(inArray(observation.indicator, indicators), ofCodes);
	const rows = await db
		.select({
			code: observation.areaCode,
			indicator: observation.indicator,
			period: observation.period,
			value: observation.value,
			provisional: observation.provisional,
			source: observation.sourceId
		})
		.from(observation)
		.where(where);
	return rows.map((r) => ({ ...r, value: Number(r.value) }));
}
