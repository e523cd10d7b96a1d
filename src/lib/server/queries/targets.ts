import { asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { ProgrammeTarget } from '../../indicators/programme-targets';
import type { AreaKind } from '../../indicators/references';
import type { IndicatorKind } from '../../indicators/registry';
import type { Db } from '../db/index';
import { area, focusArea, indicator, target } from '../db/schema/index';

export type TargetRow = typeof target.$inferSelect;

/** The programme targets of one area (focus-area id or CBS code), by id. */
export async function targetsForArea(db: Db, areaId: string): Promise<ProgrammeTarget[]> {
	const rows = await db.select().from(target).where(eq(target.area, areaId)).orderBy(asc(target.id));
	return rows.map(({ id, area: a, indicator: ind, kind, value, reference, baseYear, targetYear, citation, url, setBy, setOn }) => ({
		id,
		area: a,
		indicator: ind,
		kind,
		value,
		reference,
		baseYear,
		targetYear,
		citation,
		url,
		setBy,
		setOn
	}));
}

/** The programme targets of several areas (focus-area ids or CBS codes). */
export async function targetsForAreas(db: Db, areaIds: string[]): Promise<{ id: string; area: string; indicator: string }[]> {
	if (!areaIds.length) return [];
	return db.select({ id: target.id, area: target.area, indicator: target.indicator }).from(target).where(inArray(target.area, areaIds)).orderBy(asc(target.id));
}

/** Stored targets with these ids (the state before an import replaces them). */
export function targetsByIds(db: Db, ids: string[]): Promise<TargetRow[]> {
	if (!ids.length) return Promise.resolve([]);
	return db.select().from(target).where(inArray(target.id, ids));
}

/** A focus area or CBS area a target may name: its kind, and the gemeente it lies in (null for the Netherlands). */
export interface KnownArea {
	kind: AreaKind;
	superseded: boolean;
	gemeente: string | null;
}

/** Which of these names are focus-area ids or CBS codes, what kind of area each is and its gemeente. */
export async function knownAreas(db: Db, names: string[]): Promise<Map<string, KnownArea>> {
	const out = new Map<string, KnownArea>();
	if (!names.length) return out;
	const [focus, cbs] = await Promise.all([
		db.select({ id: focusArea.id, gemeente: focusArea.gemeenteCode }).from(focusArea).where(inArray(focusArea.id, names)),
		db.select({ code: area.code, level: area.level, superseded: area.superseded, gemeente: area.gemeenteCode }).from(area).where(inArray(area.code, names))
	]);
	for (const a of cbs)
		out.set(a.code, { kind: a.level, superseded: a.superseded, gemeente: a.level === 'gemeente' ? a.code : a.level === 'land' ? null : a.gemeente });
	for (const f of focus) out.set(f.id, { kind: 'focus', superseded: false, gemeente: f.gemeente });
	return out;
}

/** Which of these keys are indicators, with their kind. */
export async function knownIndicators(db: Db, keys: string[]): Promise<Map<string, { kind: IndicatorKind }>> {
	if (!keys.length) return new Map();
	const rows = await db.select({ key: indicator.key, kind: indicator.kind }).from(indicator).where(inArray(indicator.key, keys));
	return new Map(rows.map((r) => [r.key, { kind: r.kind }]));
}

/**
 * The gemeente a target's area lies in: a focus area's own, a gemeente's code,
 * a wijk's or buurt's gemeente; null for the Netherlands or an area no longer
 * known (only a national monitor manages those).
 */
const targetGemeente = sql<
	string | null
>`coalesce(${focusArea.gemeenteCode}, CASE WHEN ${area.level} = 'gemeente' THEN ${area.code} ELSE ${area.gemeenteCode} END)`;

export type ManagedTargetRow = TargetRow & { areaName: string | null; gemeente: string | null; labelNl: string | null; labelEn: string | null };

/**
 * The stored targets with their area's name and gemeente and the indicator's
 * labels (null when the area or indicator is no longer known), by id; with
 * `gemeenten`, only the targets whose area lies in one of them.
 */
export function managedTargets(db: Db, gemeenten: string[] | null): Promise<ManagedTargetRow[]> {
	if (gemeenten && !gemeenten.length) return Promise.resolve([]);
	return db
		.select({
			...getTableColumns(target),
			areaName: sql<string | null>`coalesce(${focusArea.name}, ${area.name})`,
			gemeente: targetGemeente,
			labelNl: indicator.labelNl,
			labelEn: indicator.labelEn
		})
		.from(target)
		.leftJoin(focusArea, eq(focusArea.id, target.area))
		.leftJoin(area, eq(area.code, target.area))
		.leftJoin(indicator, eq(indicator.key, target.indicator))
		.where(gemeenten ? inArray(targetGemeente, gemeenten) : undefined)
		.orderBy(asc(target.id));
}
