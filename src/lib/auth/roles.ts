/**
 * Roles and what they allow, shared by the server's guard and the interface
 * (which shows only what the user may use). Pure: no database, no request.
 *
 * - publiek (no account): everything public, read only;
 * - coordinator: the narratives and interventions of their own focus areas;
 * - wethouder: reads everything of their own gemeente, drafts included;
 * - monitor: targets, imports, report approval and publication, for one
 *   gemeente or (no gemeente) the whole country;
 * - beheerder: users, their roles and the audit trail.
 */
export const ROLES = ['coordinator', 'wethouder', 'monitor', 'beheerder'] as const;
export type Role = (typeof ROLES)[number];

export interface RoleGrant {
	role: Role;
	/** CBS gemeente code (GM…) for wethouder and a municipal monitor; null for a national monitor. */
	gemeenteCode: string | null;
	/** Focus area id for a coordinator. */
	focusAreaId: string | null;
}

/** What a request asks for; the guard and the interface ask the same questions. */
export type Permission =
	/** users, roles, one-time passwords, deactivation */
	| 'users.manage'
	/** read and download the audit trail */
	| 'audit.read'
	/** narratives and interventions of a focus area (scope: focusAreaId) */
	| 'area.edit'
	/** read a gemeente's unpublished material (scope: gemeenteCode) */
	| 'municipality.read'
	/** targets, imports, report approval and publication (scope: gemeenteCode; none means national) */
	| 'monitor.manage';

export interface Scope {
	gemeenteCode?: string | null;
	focusAreaId?: string | null;
}

/** True when one of the grants allows the permission within the scope. */
export function allows(grants: readonly RoleGrant[], permission: Permission, scope: Scope = {}): boolean {
	return grants.some((g) => grantAllows(g, permission, scope));
}

function grantAllows(g: RoleGrant, permission: Permission, scope: Scope): boolean {
	const national = g.gemeenteCode == null;
	const inGemeente = scope.gemeenteCode != null && g.gemeenteCode === scope.gemeenteCode;
	switch (permission) {
		case 'users.manage':
			return g.role === 'beheerder';
		case 'audit.read':
			return g.role === 'beheerder' || g.role === 'monitor';
		case 'area.edit':
			return g.role === 'coordinator' && scope.focusAreaId != null && g.focusAreaId === scope.focusAreaId;
		case 'municipality.read':
			return (g.role === 'wethouder' && inGemeente) || (g.role === 'monitor' && (national || inGemeente));
		case 'monitor.manage':
			return g.role === 'monitor' && (national || inGemeente);
	}
}

/**
 * True when one of the grants allows the permission within some scope: a
 * municipal monitor may use a page of `monitor.manage` at all (the page then
 * checks each thing it touches with `allows` and that thing's gemeente).
 */
export function allowsSomewhere(grants: readonly RoleGrant[], permission: Permission): boolean {
	return grants.some((g) => {
		switch (permission) {
			case 'area.edit':
				return g.role === 'coordinator' && g.focusAreaId != null;
			case 'municipality.read':
				return g.role === 'wethouder' || g.role === 'monitor';
			default:
				return grantAllows(g, permission, { gemeenteCode: g.gemeenteCode, focusAreaId: g.focusAreaId });
		}
	});
}

/**
 * The gemeenten in which the grants allow a gemeente-scoped permission
 * (`monitor.manage`, `municipality.read`); null when they allow it everywhere
 * (a national monitor).
 */
export function gemeentenAllowing(grants: readonly RoleGrant[], permission: 'monitor.manage' | 'municipality.read'): string[] | null {
	if (allows(grants, permission, { gemeenteCode: null })) return null;
	const codes = grants.filter((g) => g.gemeenteCode && allows([g], permission, { gemeenteCode: g.gemeenteCode })).map((g) => g.gemeenteCode!);
	return [...new Set(codes)];
}

/** The focus areas a user coordinates, in the order of their grants. */
export function coordinatedAreas(grants: readonly RoleGrant[]): string[] {
	return grants.filter((g) => g.role === 'coordinator' && g.focusAreaId).map((g) => g.focusAreaId!);
}
