/** What a role can be scoped to: focus areas and gemeenten, with their names, for forms and labels. */
import { and, asc, eq } from 'drizzle-orm';
import type { RoleGrant } from '../../auth/roles';
import type { Db } from '../db/index';
import { area, focusArea } from '../db/schema/areas';
import type { FieldErrors } from './forms';

export interface ScopeChoices {
	focusAreas: { id: string; name: string; municipality: string; gemeenteCode: string }[];
	gemeenten: { code: string; name: string }[];
}

export async function scopeChoices(db: Db): Promise<ScopeChoices> {
	const [focusAreas, gemeenten] = await Promise.all([
		db
			.select({ id: focusArea.id, name: focusArea.name, municipality: focusArea.municipality, gemeenteCode: focusArea.gemeenteCode })
			.from(focusArea)
			.orderBy(asc(focusArea.municipality), asc(focusArea.name)),
		db
			.select({ code: area.code, name: area.name })
			.from(area)
			.where(and(eq(area.level, 'gemeente'), eq(area.superseded, false)))
			.orderBy(asc(area.name))
	]);
	return { focusAreas, gemeenten: gemeenten.map((g) => ({ code: g.code, name: g.name ?? g.code })) };
}

/** A grant's scope must exist: problems per field, empty when it does. */
export async function checkScope(db: Db, g: RoleGrant): Promise<FieldErrors> {
	const errors: FieldErrors = {};
	if (g.focusAreaId) {
		const [f] = await db.select({ id: focusArea.id }).from(focusArea).where(eq(focusArea.id, g.focusAreaId));
		if (!f) errors.focusAreaId = 'auth.error.unknownFocusArea';
	}
	if (g.gemeenteCode) {
		const [a] = await db
			.select({ code: area.code })
			.from(area)
			.where(and(eq(area.code, g.gemeenteCode), eq(area.level, 'gemeente')));
		if (!a) errors.gemeenteCode = 'auth.error.unknownGemeente';
	}
	return errors;
}

/** Readable scope of a grant: the focus area's or gemeente's name, "landelijk" for a national monitor. */
export function scopeLabel(g: RoleGrant, choices: ScopeChoices, national: string, none: string): string {
	if (g.focusAreaId) {
		const f = choices.focusAreas.find((x) => x.id === g.focusAreaId);
		return f ? `${f.name} (${f.municipality})` : g.focusAreaId;
	}
	if (g.gemeenteCode) return choices.gemeenten.find((x) => x.code === g.gemeenteCode)?.name ?? g.gemeenteCode;
	return g.role === 'monitor' ? national : none;
}
