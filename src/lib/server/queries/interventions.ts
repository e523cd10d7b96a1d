import { and, asc, eq, inArray, or } from 'drizzle-orm';
import type { Intervention } from '../../interventions/types';
import type { Db } from '../db/index';
import { area, focusArea, focusAreaMember, indicator, intervention } from '../db/schema/index';

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

export type InterventionRow = typeof intervention.$inferSelect;

/** Stored interventions with these ids, every column (the state before a change replaces them). */
export function interventionsByIds(db: Db, ids: string[]): Promise<InterventionRow[]> {
	if (!ids.length) return Promise.resolve([]);
	return db.select().from(intervention).where(inArray(intervention.id, ids));
}

/**
 * An area an intervention may be set on: a focus area, or a current wijk or
 * buurt. `focusAreas` are the focus areas it is (part of): the focus area
 * itself, those holding the wijk or buurt as a member, and for a buurt those
 * holding its wijk. A coordinator of one of them may edit its interventions.
 */
export interface InterventionArea {
	kind: 'focus' | 'wijk' | 'buurt';
	name: string;
	gemeente: string;
	focusAreas: string[];
}

/**
 * Which of these names are a focus-area id or a current (not superseded) wijk
 * or buurt code, with their gemeente and focus areas. Other names (a gemeente,
 * a superseded code, a typo) are left out.
 */
export async function interventionAreas(db: Db, names: string[]): Promise<Map<string, InterventionArea>> {
	const out = new Map<string, InterventionArea>();
	if (!names.length) return out;
	const [focus, cbs] = await Promise.all([
		db.select({ id: focusArea.id, name: focusArea.name, gemeente: focusArea.gemeenteCode }).from(focusArea).where(inArray(focusArea.id, names)),
		db
			.select({ code: area.code, name: area.name, level: area.level, gemeente: area.gemeenteCode, wijk: area.wijkCode })
			.from(area)
			.where(and(inArray(area.code, names), inArray(area.level, ['wijk', 'buurt']), eq(area.superseded, false)))
	]);
	const codes = [...new Set(cbs.flatMap((a) => [a.code, a.wijk].filter((c): c is string => Boolean(c))))];
	const members = codes.length
		? await db
				.select({ focusAreaId: focusAreaMember.focusAreaId, code: focusAreaMember.areaCode })
				.from(focusAreaMember)
				.where(inArray(focusAreaMember.areaCode, codes))
		: [];
	for (const a of cbs) {
		if (!a.gemeente || (a.level !== 'wijk' && a.level !== 'buurt')) continue;
		const holding = members.filter((m) => m.code === a.code || (a.level === 'buurt' && a.wijk != null && m.code === a.wijk)).map((m) => m.focusAreaId);
		out.set(a.code, { kind: a.level, name: a.name ?? a.code, gemeente: a.gemeente, focusAreas: [...new Set(holding)].sort() });
	}
	for (const f of focus) out.set(f.id, { kind: 'focus', name: f.name, gemeente: f.gemeente, focusAreas: [f.id] });
	return out;
}

/** The themes of the loaded indicators, by key, with their names (an intervention's theme must be one of them). */
export async function interventionThemes(db: Db): Promise<Map<string, { nl: string; en: string; order: number }>> {
	const rows = await db
		.selectDistinct({ theme: indicator.theme, nl: indicator.themeNl, en: indicator.themeEn, order: indicator.themeOrder })
		.from(indicator)
		.orderBy(asc(indicator.themeOrder), asc(indicator.theme));
	return new Map(rows.map((r) => [r.theme, { nl: r.nl, en: r.en, order: r.order }]));
}

/**
 * Every stored intervention, with `updatedBy`/`updatedAt`; with `gemeenten`,
 * only those in one of them. By start date then id. Whoever lists them checks
 * per row who may edit it.
 */
export function interventionsInGemeenten(db: Db, gemeenten: string[] | null): Promise<InterventionRow[]> {
	if (gemeenten && !gemeenten.length) return Promise.resolve([]);
	return db
		.select()
		.from(intervention)
		.where(gemeenten ? inArray(intervention.gemeenteCode, gemeenten) : undefined)
		.orderBy(asc(intervention.startDate), asc(intervention.id));
}

/** The interventions set on a wijk or on one of its buurten, by start date then id. */
export function interventionsOfWijk(db: Db, wijkCode: string): Promise<Intervention[]> {
	const buurten = db
		.select({ code: area.code })
		.from(area)
		.where(and(eq(area.level, 'buurt'), eq(area.wijkCode, wijkCode)));
	return db
		.select(columns)
		.from(intervention)
		.where(or(eq(intervention.area, wijkCode), inArray(intervention.area, buurten)))
		.orderBy(asc(intervention.startDate), asc(intervention.id));
}

/** The interventions in a gemeente (on any of its focus areas, wijken or buurten), by start date then id. */
export function interventionsOfGemeente(db: Db, gemeenteCode: string): Promise<Intervention[]> {
	return db.select(columns).from(intervention).where(eq(intervention.gemeenteCode, gemeenteCode)).orderBy(asc(intervention.startDate), asc(intervention.id));
}
