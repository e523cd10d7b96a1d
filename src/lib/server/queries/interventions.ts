import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Intervention } from '../../interventions/types';
import type { Db } from '../db/index';
import { area, focusAreaMember, intervention } from '../db/schema/index';

const columns = {
	id: intervention.id,
	area: intervention.area,
	gemeenteCode: intervention.gemeenteCode,
	programme: intervention.programme,
	title: intervention.title,
	description: intervention.description,
	theme: intervention.theme,
	startDate: intervention.startDate,
	endDate: intervention.endDate,
	budget: intervention.budget,
	url: intervention.url
};

/** The interventions set on these areas (focus-area ids or CBS codes), by start date then id. */
export function interventionsForAreas(db: Db, areaIds: string[]): Promise<Intervention[]> {
	if (!areaIds.length) return Promise.resolve([]);
	return db.select(columns).from(intervention).where(inArray(intervention.area, areaIds)).orderBy(asc(intervention.startDate), asc(intervention.id));
}

/**
 * The interventions of a focus area: set on the focus area itself, on one of
 * its member wijken or buurten, or on a buurt of a member wijk. By start date
 * then id.
 */
export function interventionsOfFocusArea(db: Db, focusAreaId: string): Promise<Intervention[]> {
	const members = db.select({ code: focusAreaMember.areaCode }).from(focusAreaMember).where(eq(focusAreaMember.focusAreaId, focusAreaId));
	const buurtenOfMembers = db
		.select({ code: area.code })
		.from(area)
		.where(and(eq(area.level, 'buurt'), inArray(area.wijkCode, members)));
	return db
		.select(columns)
		.from(intervention)
		.where(or(eq(intervention.area, focusAreaId), inArray(intervention.area, members), inArray(intervention.area, buurtenOfMembers)))
		.orderBy(asc(intervention.startDate), asc(intervention.id));
}
