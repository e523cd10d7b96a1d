import { describe, expect, it } from 'vitest';
import { allows, allowsSomewhere, coordinatedAreas, gemeentenAllowing, type RoleGrant } from './roles';

const coordinator: RoleGrant = { role: 'coordinator', gemeenteCode: null, focusAreaId: 'nprz-bloemhof' };
const wethouder: RoleGrant = { role: 'wethouder', gemeenteCode: 'GM0599', focusAreaId: null };
const monitorRotterdam: RoleGrant = { role: 'monitor', gemeenteCode: 'GM0599', focusAreaId: null };
const monitorNational: RoleGrant = { role: 'monitor', gemeenteCode: null, focusAreaId: null };
const beheerder: RoleGrant = { role: 'beheerder', gemeenteCode: null, focusAreaId: null };

describe('allows', () => {
	it('lets a coordinator edit only their own focus area', () => {
		expect(allows([coordinator], 'area.edit', { focusAreaId: 'nprz-bloemhof' })).toBe(true);
		expect(allows([coordinator], 'area.edit', { focusAreaId: 'nprz-afrikaanderwijk' })).toBe(false);
		expect(allows([coordinator], 'area.edit')).toBe(false);
		expect(allows([beheerder, monitorNational, wethouder], 'area.edit', { focusAreaId: 'nprz-bloemhof' })).toBe(false);
	});

	it('scopes wethouder and monitor to their gemeente, a national monitor to all', () => {
		expect(allows([wethouder], 'municipality.read', { gemeenteCode: 'GM0599' })).toBe(true);
		expect(allows([wethouder], 'municipality.read', { gemeenteCode: 'GM0363' })).toBe(false);
		expect(allows([wethouder], 'monitor.manage', { gemeenteCode: 'GM0599' })).toBe(false);
		expect(allows([monitorRotterdam], 'monitor.manage', { gemeenteCode: 'GM0599' })).toBe(true);
		expect(allows([monitorRotterdam], 'monitor.manage', { gemeenteCode: 'GM0363' })).toBe(false);
		expect(allows([monitorNational], 'monitor.manage', { gemeenteCode: 'GM0363' })).toBe(true);
		expect(allows([monitorNational], 'municipality.read', { gemeenteCode: 'GM0363' })).toBe(true);
	});

	it('gives user management to administrators only and the audit trail to monitors and administrators', () => {
		expect(allows([beheerder], 'users.manage')).toBe(true);
		expect(allows([monitorNational, wethouder, coordinator], 'users.manage')).toBe(false);
		expect(allows([monitorRotterdam], 'audit.read')).toBe(true);
		expect(allows([wethouder, coordinator], 'audit.read')).toBe(false);
		expect(allows([], 'audit.read')).toBe(false);
	});

	it('combines several roles of one user', () => {
		const both = [coordinator, { ...coordinator, focusAreaId: 'nprz-carnisse' }, wethouder];
		expect(coordinatedAreas(both)).toEqual(['nprz-bloemhof', 'nprz-carnisse']);
		expect(allows(both, 'area.edit', { focusAreaId: 'nprz-carnisse' })).toBe(true);
		expect(allows(both, 'municipality.read', { gemeenteCode: 'GM0599' })).toBe(true);
	});

	it('says whether a role allows a permission anywhere, for pages that check each item themselves', () => {
		expect(allowsSomewhere([monitorRotterdam], 'monitor.manage')).toBe(true);
		expect(allowsSomewhere([monitorNational], 'monitor.manage')).toBe(true);
		expect(allowsSomewhere([wethouder, coordinator, beheerder], 'monitor.manage')).toBe(false);
		expect(allowsSomewhere([coordinator], 'area.edit')).toBe(true);
		expect(allowsSomewhere([wethouder], 'municipality.read')).toBe(true);
		expect(allowsSomewhere([beheerder], 'users.manage')).toBe(true);
		expect(allowsSomewhere([], 'audit.read')).toBe(false);
	});

	it('lists the gemeenten in which a permission holds, null for everywhere', () => {
		expect(gemeentenAllowing([monitorRotterdam, wethouder], 'monitor.manage')).toEqual(['GM0599']);
		expect(gemeentenAllowing([monitorRotterdam, { ...monitorRotterdam, gemeenteCode: 'GM0363' }], 'monitor.manage')).toEqual(['GM0599', 'GM0363']);
		expect(gemeentenAllowing([monitorRotterdam, monitorNational], 'monitor.manage')).toBeNull();
		expect(gemeentenAllowing([wethouder, coordinator], 'monitor.manage')).toEqual([]);
		expect(gemeentenAllowing([wethouder], 'municipality.read')).toEqual(['GM0599']);
	});
});
