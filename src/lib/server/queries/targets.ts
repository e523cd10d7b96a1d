import { asc, eq, inArray } from 'drizzle-orm';
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

/** Which of these names are focus-area ids or CBS codes, and what kind of area each is. */
export async function knownAreas(db: Db, names: string[]): Promise<Map<string, { kind: AreaKind; superseded: boolean }>> {
	const out = new Map<string, { kind: AreaKind; superseded: boolean }>();
	if (!names.length) return out;
	const [focus, cbs] = await Promise.all([
		db.select({ id: focusArea.id }).from(focusArea).where(inArray(focusArea.id, names)),
		db.select({ code: area.code, level: area.level, superseded: area.superseded }).from(area).where(inArray(area.code, names))
	]);
	for (const a of cbs) out.set(a.code, { kind: a.level, superseded: a.superseded });
	for (const f of focus) out.set(f.id, { kind: 'focus', superseded: false });
	return out;
}

/** Which of these keys are indicators, with their kind. */
export async function knownIndicators(db: Db, keys: string[]): Promise<Map<string, { kind: IndicatorKind }>> {
	if (!keys.length) return new Map();
	const rows = await db.select({ key: indicator.key, kind: indicator.kind }).from(indicator).where(inArray(indicator.key, keys));
	return new Map(rows.map((r) => [r.key, { kind: r.kind }]));
}
