/**
 * Who may edit interventions, shared by /beheer/interventies, the guard and
 * the account menu. Pure.
 *
 * A coordinator edits the interventions of their focus area and of the wijken
 * and buurten in it (`area.edit` with the focus area as scope); a monitor those
 * in their gemeente, a national monitor all (`monitor.manage`).
 */
import { allows, allowsSomewhere, type RoleGrant } from '../auth/roles';

/** Where an intervention is set: its gemeente and the focus areas its area is (part of). */
export interface InterventionPlace {
	gemeente: string;
	focusAreas: string[];
}

/** True when the grants allow editing an intervention in this place. */
export function mayEditIntervention(grants: readonly RoleGrant[], place: InterventionPlace): boolean {
	return allows(grants, 'monitor.manage', { gemeenteCode: place.gemeente }) || place.focusAreas.some((f) => allows(grants, 'area.edit', { focusAreaId: f }));
}

/** True when the grants allow editing interventions somewhere (the page and its menu link). */
export function mayEditInterventionsSomewhere(grants: readonly RoleGrant[]): boolean {
	return allowsSomewhere(grants, 'area.edit') || allowsSomewhere(grants, 'monitor.manage');
}
