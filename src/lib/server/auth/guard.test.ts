import { describe, expect, it } from 'vitest';
import { decide, rules, type Subject } from './guard';

const admin: Subject = { grants: [{ role: 'beheerder', gemeenteCode: null, focusAreaId: null }], mustChangePassword: false };
const pending: Subject = { ...admin, mustChangePassword: true };
const coordinator: Subject = { grants: [{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'nprz-bloemhof' }], mustChangePassword: false };
const req = (routeId: string, method = 'GET', action: string | null = null) => ({ routeId, method, action, params: {} });

describe('decide', () => {
	it('lets anyone read public pages and endpoints', () => {
		expect(decide(req('/kaart'), null)).toEqual({ allow: true });
		expect(decide(req('/tiles/[level]/[z]/[x]/[y]', 'HEAD'), null)).toEqual({ allow: true });
	});

	it('refuses a route without a rule, and a method without one', () => {
		expect(decide(req('/nieuw'), admin)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/api/waarden', 'POST'), admin)).toMatchObject({ allow: false, status: 405 });
		expect(decide(req('/beheer/gebruikers', 'POST', 'bestaatNiet'), admin)).toMatchObject({ allow: false, status: 405 });
	});

	it('sends a visitor to sign in for pages and answers 401 for actions and endpoints', () => {
		expect(decide(req('/beheer/gebruikers'), null)).toEqual({ allow: false, status: 303, location: 'login' });
		expect(decide(req('/beheer/gebruikers', 'POST', 'create'), null)).toMatchObject({ allow: false, status: 401 });
		expect(decide(req('/beheer/audit/csv'), null)).toMatchObject({ allow: false, status: 401 });
	});

	it('answers 403 to a user without the role', () => {
		expect(decide(req('/beheer/gebruikers', 'POST', 'create'), coordinator)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/beheer/gebruikers', 'POST', 'create'), admin)).toEqual({ allow: true });
	});

	it('keeps a user with a one-time password to changing it and signing out', () => {
		expect(decide(req('/beheer/gebruikers'), pending)).toEqual({ allow: false, status: 303, location: 'password' });
		expect(decide(req('/beheer/gebruikers', 'POST', 'create'), pending)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/account', 'POST', 'password'), pending)).toEqual({ allow: true });
		expect(decide(req('/account', 'POST', 'endSessions'), pending)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/uitloggen', 'POST', 'default'), pending)).toEqual({ allow: true });
		expect(decide(req('/over'), pending)).toEqual({ allow: true });
	});

	it('lets a monitor of any gemeente into the targets page, and nobody else', () => {
		const municipal: Subject = { grants: [{ role: 'monitor', gemeenteCode: 'GM0599', focusAreaId: null }], mustChangePassword: false };
		const wethouder: Subject = { grants: [{ role: 'wethouder', gemeenteCode: 'GM0599', focusAreaId: null }], mustChangePassword: false };
		expect(decide(req('/beheer/doelen'), municipal)).toEqual({ allow: true });
		expect(decide(req('/beheer/doelen', 'POST', 'save'), municipal)).toEqual({ allow: true });
		expect(decide(req('/beheer/doelen', 'POST', 'save'), wethouder)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/beheer/doelen', 'POST', 'delete'), admin)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/beheer/doelen', 'POST', 'upload'), coordinator)).toMatchObject({ allow: false, status: 403 });
	});

	it('lets a coordinator or a monitor into the interventions page, and nobody else', () => {
		const municipal: Subject = { grants: [{ role: 'monitor', gemeenteCode: 'GM0599', focusAreaId: null }], mustChangePassword: false };
		const wethouder: Subject = { grants: [{ role: 'wethouder', gemeenteCode: 'GM0599', focusAreaId: null }], mustChangePassword: false };
		expect(decide(req('/beheer/interventies'), coordinator)).toEqual({ allow: true });
		expect(decide(req('/beheer/interventies', 'POST', 'save'), coordinator)).toEqual({ allow: true });
		expect(decide(req('/beheer/interventies', 'POST', 'upload'), municipal)).toEqual({ allow: true });
		expect(decide(req('/beheer/interventies', 'POST', 'save'), wethouder)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/beheer/interventies', 'POST', 'delete'), admin)).toMatchObject({ allow: false, status: 403 });
		expect(decide(req('/beheer/interventies'), null)).toEqual({ allow: false, status: 303, location: 'login' });
	});

	it('has rules only of known kinds', () => {
		for (const [id, r] of Object.entries(rules))
			expect(
				Object.keys(r).every((k) => ['page', 'actions', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(k)),
				id
			).toBe(true);
	});
});
