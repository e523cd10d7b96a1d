import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Db } from '../db/index';
import { area, focusArea, focusAreaMember } from '../db/schema/index';

export type Area = typeof area.$inferSelect;
export type FocusArea = typeof focusArea.$inferSelect & { members: { code: string; name: string | null; partial: boolean }[] };

/** All focus areas with their member areas, ordered by municipality and name. */
export async function listFocusAreas(db: Db): Promise<FocusArea[]> {
	const rows = await db.select().from(focusArea).orderBy(asc(focusArea.municipality), asc(focusArea.name));
	const members = await db
		.select({ focusAreaId: focusAreaMember.focusAreaId, code: focusAreaMember.areaCode, partial: focusAreaMember.partial, name: area.name })
		.from(focusAreaMember)
		.leftJoin(area, eq(area.code, focusAreaMember.areaCode))
		.orderBy(asc(focusAreaMember.areaCode));
	return rows.map((f) => ({
		...f,
		members: members.filter((m) => m.focusAreaId === f.id).map(({ code, name, partial }) => ({ code, name, partial }))
	}));
}

export async function focusAreaById(db: Db, id: string): Promise<FocusArea | null> {
	const [f] = await db.select().from(focusArea).where(eq(focusArea.id, id)).limit(1);
	if (!f) return null;
	const members = await db
		.select({ code: focusAreaMember.areaCode, partial: focusAreaMember.partial, name: area.name })
		.from(focusAreaMember)
		.leftJoin(area, eq(area.code, focusAreaMember.areaCode))
		.where(eq(focusAreaMember.focusAreaId, id))
		.orderBy(asc(focusAreaMember.areaCode));
	return { ...f, members };
}

export async function areaByCode(db: Db, code: string): Promise<Area | null> {
	const [a] = await db.select().from(area).where(eq(area.code, code)).limit(1);
	return a ?? null;
}

/**
 * The current wijken and buurten of these gemeenten: not superseded, and not
 * only drawn in older vintages (a buurt of an uploaded older vintage whose code
 * is gone from the newest is no part of today's wijk; the crosswalk converts
 * its figures instead). An area without any boundary counts as current.
 */
export function subAreasOf(db: Db, gemeenteCodes: string[]): Promise<Pick<Area, 'code' | 'level' | 'gemeenteCode' | 'wijkCode'>[]> {
	if (gemeenteCodes.length === 0) return Promise.resolve([]);
	return db
		.select({ code: area.code, level: area.level, gemeenteCode: area.gemeenteCode, wijkCode: area.wijkCode })
		.from(area)
		.where(
			and(
				inArray(area.gemeenteCode, gemeenteCodes),
				eq(area.superseded, false),
				sql`${area.level} IN ('wijk', 'buurt')`,
				sql`(NOT EXISTS (SELECT 1 FROM boundary b WHERE b.code = ${area.code})
					OR EXISTS (SELECT 1 FROM boundary b WHERE b.code = ${area.code} AND b.vintage = (SELECT max(vintage) FROM boundary n WHERE n.level = ${area.level})))`
			)
		);
}

/** Codes of all gemeenten (any vintage). */
export async function gemeenteCodes(db: Db): Promise<string[]> {
	const rows = await db.select({ code: area.code }).from(area).where(eq(area.level, 'gemeente'));
	return rows.map((r) => r.code);
}

/** Names of these areas (unknown codes are left out). */
export async function areaNames(db: Db, codes: string[]): Promise<Map<string, string | null>> {
	if (!codes.length) return new Map();
	const rows = await db.select({ code: area.code, name: area.name }).from(area).where(inArray(area.code, codes));
	return new Map(rows.map((r) => [r.code, r.name]));
}

/** Focus areas that hold this area or its wijk as a member. */
export function focusAreasHolding(db: Db, code: string, wijkCode: string | null): Promise<{ id: string; name: string; programme: string }[]> {
	return db
		.selectDistinct({ id: focusArea.id, name: focusArea.name, programme: focusArea.programme })
		.from(focusAreaMember)
		.innerJoin(focusArea, eq(focusArea.id, focusAreaMember.focusAreaId))
		.where(wijkCode ? inArray(focusAreaMember.areaCode, [code, wijkCode]) : eq(focusAreaMember.areaCode, code));
}

/** Current gemeenten with a boundary of the newest vintage, by name. */
export async function currentGemeenten(db: Db): Promise<{ code: string; name: string }[]> {
	return rowsOf<{ code: string; name: string }>(
		await db.execute(sql`
			SELECT a.code, a.name FROM area a
			WHERE a.level = 'gemeente' AND a.superseded = false AND a.name IS NOT NULL
				AND EXISTS (SELECT 1 FROM boundary b WHERE b.code = a.code AND b.vintage = (SELECT max(vintage) FROM boundary WHERE level = 'gemeente'))
			ORDER BY a.name`)
	);
}

/** Current wijken (or buurten) of a gemeente, by name. */
export function wijkenOf(db: Db, gemeente: string, level: 'wijk' | 'buurt' = 'wijk'): Promise<{ code: string; name: string | null }[]> {
	return db
		.select({ code: area.code, name: area.name })
		.from(area)
		.where(and(eq(area.gemeenteCode, gemeente), eq(area.level, level), eq(area.superseded, false)))
		.orderBy(area.name);
}
