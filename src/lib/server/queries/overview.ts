/** Rows for the overview that the series engine does not give. */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../db/index';
import { area, observation } from '../db/schema/index';

/** `gemeente|indicator` pairs whose values exist only on superseded (older) area codes. */
export async function oldClassificationData(db: Db, keys: string[]): Promise<Set<string>> {
	const rows = await db
		.selectDistinct({ gemeente: area.gemeenteCode, indicator: observation.indicator })
		.from(observation)
		.innerJoin(area, eq(area.code, observation.areaCode))
		.where(and(eq(area.superseded, true), inArray(observation.indicator, keys)));
	return new Set(rows.map((r) => `${r.gemeente}|${r.indicator}`));
}
