import { describe, expect, it } from 'vitest';
import { narrativeRefusal, refusal, REPORT_STATUSES, REPORT_STEPS, reportRoles, stepsFor } from './workflow';

const AREA = { focusAreaId: 'utrecht-overvecht', gemeenteCode: 'GM0344' };

describe('report workflow', () => {
	it('knows who a user is for a report', () => {
		expect(reportRoles([{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'utrecht-overvecht' }], AREA)).toEqual({
			writer: true,
			monitor: false,
			readsDrafts: true
		});
		expect(reportRoles([{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'nprz-bloemhof' }], AREA)).toEqual({
			writer: false,
			monitor: false,
			readsDrafts: false
		});
		expect(reportRoles([{ role: 'wethouder', gemeenteCode: 'GM0344', focusAreaId: null }], AREA)).toEqual({ writer: false, monitor: false, readsDrafts: true });
		expect(reportRoles([{ role: 'wethouder', gemeenteCode: 'GM0599', focusAreaId: null }], AREA).readsDrafts).toBe(false);
		expect(reportRoles([{ role: 'monitor', gemeenteCode: null, focusAreaId: null }], AREA)).toEqual({ writer: false, monitor: true, readsDrafts: true });
		expect(reportRoles([{ role: 'monitor', gemeenteCode: 'GM0599', focusAreaId: null }], AREA).monitor).toBe(false);
		expect(reportRoles([], AREA)).toEqual({ writer: false, monitor: false, readsDrafts: false });
	});

	it('allows exactly the steps of the workflow, each to its own role', () => {
		const both = { writer: true, monitor: true };
		const allowed = REPORT_STATUSES.flatMap((s) => stepsFor(s, both).map((step) => `${s} → ${step}`));
		expect(allowed).toEqual([
			'concept → indienen',
			'ingediend → terugsturen',
			'ingediend → goedkeuren',
			'goedgekeurd → terugsturen',
			'goedgekeurd → publiceren'
		]);
		expect(stepsFor('concept', { writer: false, monitor: true })).toEqual([]);
		expect(stepsFor('ingediend', { writer: true, monitor: false })).toEqual([]);
	});

	it('says why a step is refused: published first, then the role, then the status', () => {
		for (const step of REPORT_STEPS) expect(refusal(step, 'gepubliceerd', { writer: true, monitor: true })).toBe('report.refused.published');
		expect(refusal('goedkeuren', 'concept', { writer: true, monitor: false })).toBe('report.refused.role');
		expect(refusal('goedkeuren', 'concept', { writer: false, monitor: true })).toBe('report.refused.status');
		expect(refusal('publiceren', 'ingediend', { writer: false, monitor: true })).toBe('report.refused.status');
		expect(narrativeRefusal('concept', { writer: true })).toBeNull();
		expect(narrativeRefusal('ingediend', { writer: true })).toBe('report.refused.notConcept');
		expect(narrativeRefusal('concept', { writer: false })).toBe('report.refused.role');
		expect(narrativeRefusal('gepubliceerd', { writer: true })).toBe('report.refused.published');
	});
});
