/**
 * The workflow of a progress report: the coordinator writes and submits, a
 * monitor approves and publishes (or sends it back). Published is final; a
 * correction is a new version. Pure: the server asks it which step a status
 * allows and who may take it, the page asks it which buttons to show.
 */
import { allows, type RoleGrant } from '../auth/roles';

export const REPORT_STATUSES = ['concept', 'ingediend', 'goedgekeurd', 'gepubliceerd'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

export const REPORT_STEPS = ['indienen', 'terugsturen', 'goedkeuren', 'publiceren'] as const;
export type ReportStep = (typeof REPORT_STEPS)[number];

/** Who takes a step: the writer (coordinator of the area) or the monitor (of its gemeente, or national). */
export type ReportRole = 'schrijver' | 'monitor';

export const STEPS: Record<ReportStep, { from: readonly ReportStatus[]; to: ReportStatus; by: ReportRole }> = {
	indienen: { from: ['concept'], to: 'ingediend', by: 'schrijver' },
	terugsturen: { from: ['ingediend', 'goedgekeurd'], to: 'concept', by: 'monitor' },
	goedkeuren: { from: ['ingediend'], to: 'goedgekeurd', by: 'monitor' },
	publiceren: { from: ['goedgekeurd'], to: 'gepubliceerd', by: 'monitor' }
};

export interface ReportScope {
	focusAreaId: string;
	gemeenteCode: string;
}

/** The roles a user has for a report: writer (coordinator of its area), monitor (of its gemeente or national), reader of drafts. */
export function reportRoles(grants: readonly RoleGrant[], r: ReportScope) {
	const monitor = allows(grants, 'monitor.manage', { gemeenteCode: r.gemeenteCode });
	const writer = allows(grants, 'area.edit', { focusAreaId: r.focusAreaId });
	return { writer, monitor, readsDrafts: writer || monitor || allows(grants, 'municipality.read', { gemeenteCode: r.gemeenteCode }) };
}

/** Why a step is refused (a message key), or null when it may be taken. */
export function refusal(
	step: ReportStep,
	status: ReportStatus,
	roles: { writer: boolean; monitor: boolean }
): 'report.refused.published' | 'report.refused.status' | 'report.refused.role' | null {
	const s = STEPS[step];
	if (status === 'gepubliceerd') return 'report.refused.published';
	if (!(s.by === 'schrijver' ? roles.writer : roles.monitor)) return 'report.refused.role';
	if (!s.from.includes(status)) return 'report.refused.status';
	return null;
}

/** The narrative may be changed by the writer while the report is a concept. */
export function narrativeRefusal(status: ReportStatus, roles: { writer: boolean }) {
	if (status === 'gepubliceerd') return 'report.refused.published' as const;
	if (!roles.writer) return 'report.refused.role' as const;
	if (status !== 'concept') return 'report.refused.notConcept' as const;
	return null;
}

/** The steps a user may take now, for the page's buttons. */
export function stepsFor(status: ReportStatus, roles: { writer: boolean; monitor: boolean }): ReportStep[] {
	return REPORT_STEPS.filter((s) => refusal(s, status, roles) == null);
}
