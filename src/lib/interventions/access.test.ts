import { describe, expect, it } from 'vitest';
import type { RoleGrant } from '../auth/roles';
import { mayEditIntervention, mayEditInterventionsSomewhere } from './access';

const coordinator: RoleGrant[] = [{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'test-noord' }];
const municipal: RoleGrant[] = [{ role: 'monitor', gemeenteCode: 'GM0599', focusAreaId: null }];
const national: RoleGrant[] = [{ role: 'monitor', gemeenteCode: null, focusAreaId: null }];
const wethouder: RoleGrant[] = [{ role: 'wethouder', gemeenteCode: 'GM0599', focusAreaId: null }];

describe('who may edit an intervention', () => {
	it('lets a coordinator edit in their own focus area and the wijken and buurten in it only', () => {
		expect(mayEditIntervention(coordinator, { gemeente: 'GM0599', focusAreas: ['test-noord'] })).toBe(true);
		expect(mayEditIntervention(coordinator, { gemeente: 'GM0599', focusAreas: ['test-zuid', 'test-noord'] })).toBe(true);
		expect(mayEditIntervention(coordinator, { gemeente: 'GM0599', focusAreas: ['test-zuid'] })).toBe(false);
		expect(mayEditIntervention(coordinator, { gemeente: 'GM0599', focusAreas: [] })).toBe(false);
	});
	it('lets a monitor edit in their gemeente, a national monitor everywhere, a wethouder nowhere', () => {
		expect(mayEditIntervention(municipal, { gemeente: 'GM0599', focusAreas: [] })).toBe(true);
		expect(mayEditIntervention(municipal, { gemeente: 'GM9999', focusAreas: ['test-dorp'] })).toBe(false);
		expect(mayEditIntervention(national, { gemeente: 'GM9999', focusAreas: [] })).toBe(true);
		expect(mayEditIntervention(wethouder, { gemeente: 'GM0599', focusAreas: ['test-noord'] })).toBe(false);
	});
	it('shows the page to coordinators and monitors', () => {
		expect(mayEditInterventionsSomewhere(coordinator)).toBe(true);
		expect(mayEditInterventionsSomewhere(municipal)).toBe(true);
		expect(mayEditInterventionsSomewhere(wethouder)).toBe(false);
		expect(mayEditInterventionsSomewhere([])).toBe(false);
	});
});
