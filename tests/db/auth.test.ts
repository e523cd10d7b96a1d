/**
 * Accounts on both engines: users and roles through the management functions,
 * the append-only audit trail, and sign-in through better-auth (rate limit in
 * the database, expired and revoked sessions, deactivated users).
 * The users here are synthetic test users, made by the code under test.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authFor, LOGIN_LIMIT, signIn } from '../../src/lib/server/auth/index';
import { addRole, changeOwnPassword, createUser, removeRole, resetPassword, setActive, UserError } from '../../src/lib/server/auth/users';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const cli = { id: null, email: 'test (synthetisch)' };

async function count(t: TestDatabase, table: string): Promise<number> {
	const [r] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}`);
	return Number(r.n);
}

/** The database's own message of a failed statement (drizzle wraps it as the cause). */
async function refusal(p: Promise<unknown>): Promise<string> {
	try {
		await p;
	} catch (e) {
		const err = e as Error & { cause?: Error };
		return `${err.message} ${err.cause?.message ?? ''}`;
	}
	return 'no error';
}

function cookieHeader(headers: Headers): string {
	return headers
		.getSetCookie()
		.map((c) => c.split(';')[0])
		.join('; ');
}

describe.each(engines())('accounts on %s', (engine) => {
	let t: TestDatabase;
	beforeAll(async () => {
		t = await createTestDatabase(engine);
	});
	afterAll(() => t?.drop());

	it('creates a user with a one-time password, roles and one audit row per write', async () => {
		const { user, oneTimePassword } = await createUser(t, cli, {
			email: ' Beheer@Example.org ',
			name: 'Beheer',
			roles: [{ role: 'beheerder', gemeenteCode: null, focusAreaId: null }]
		});
		expect(user.email).toBe('beheer@example.org');
		expect(user.mustChangePassword).toBe(true);
		expect(oneTimePassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
		const [created] = await t.rows<{ action: string; actor: string; before: unknown; after: { email: string; roles: unknown[] } }>(
			sql`SELECT * FROM audit_event WHERE entity_id = ${user.id}`
		);
		expect(created.action).toBe('gebruiker.aanmaken');
		expect(created.before).toBeNull();
		expect(created.after.email).toBe('beheer@example.org');
		expect(JSON.stringify(created.after)).not.toMatch(/"password"|scrypt|[0-9a-f]{32}:/i);

		const admin = { id: user.id, email: user.email };
		await addRole(t, admin, user.id, { role: 'monitor', gemeenteCode: null, focusAreaId: null });
		await expect(addRole(t, admin, user.id, { role: 'monitor', gemeenteCode: null, focusAreaId: null })).rejects.toThrow(UserError);
		const after = await removeRole(t, admin, user.id, (await t.rows<{ id: number }>(sql`SELECT id FROM user_role WHERE role = 'monitor'`))[0].id);
		expect(after.roles.map((r) => r.role)).toEqual(['beheerder']);
		await expect(removeRole(t, admin, user.id, after.roles[0].id)).rejects.toThrow(/ownAdmin/);
		await expect(setActive(t, admin, user.id, false)).rejects.toThrow(/self/);
		const actions = await t.rows<{ action: string }>(sql`SELECT action FROM audit_event ORDER BY id`);
		expect(actions.map((a) => a.action)).toEqual(['gebruiker.aanmaken', 'rol.toekennen', 'rol.intrekken']);
	});

	it('refuses a second user with the same address and a role with the wrong scope, writing nothing', async () => {
		const users = await count(t, 'user');
		const audit = await count(t, 'audit_event');
		await expect(createUser(t, cli, { email: 'beheer@example.org', name: 'X', roles: [] })).rejects.toThrow(/emailTaken/);
		// The database itself checks which scope fits which role.
		await expect(
			createUser(t, cli, { email: 'x@example.org', name: 'X', roles: [{ role: 'coordinator', gemeenteCode: null, focusAreaId: null }] })
		).rejects.toThrow();
		expect(await count(t, 'user')).toBe(users);
		expect(await count(t, 'audit_event')).toBe(audit);
	});

	it('keeps audit_event append-only: UPDATE, DELETE and TRUNCATE fail', async () => {
		const before = await count(t, 'audit_event');
		expect(before).toBeGreaterThan(0);
		expect(await refusal(t.rows(sql`UPDATE audit_event SET actor = 'iemand anders'`))).toMatch(/audit_event is append-only: UPDATE refused/);
		expect(await refusal(t.rows(sql`DELETE FROM audit_event`))).toMatch(/append-only: DELETE refused/);
		expect(await refusal(t.rows(sql`TRUNCATE audit_event`))).toMatch(/append-only: TRUNCATE refused/);
		expect(await count(t, 'audit_event')).toBe(before);
		const changed = await t.rows(sql`SELECT 1 FROM audit_event WHERE actor = 'iemand anders'`);
		expect(changed).toEqual([]);
	});

	it('signs in with the right password only, and a session ends when it expires or is revoked', async () => {
		const { user, oneTimePassword } = await createUser(t, cli, {
			email: 'coord@example.org',
			name: 'Coördinator',
			roles: [{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'nprz-bloemhof' }]
		});
		const wrong = await signIn(t, { email: 'coord@example.org', password: 'niet-het-wachtwoord', clientAddress: '10.0.0.1', userAgent: null });
		expect(wrong).toEqual({ ok: false, status: 401 });
		const ok = await signIn(t, { email: 'coord@example.org', password: oneTimePassword, clientAddress: '10.0.0.2', userAgent: 'test' });
		expect(ok.ok).toBe(true);
		const cookie = cookieHeader((ok as { headers: Headers }).headers);
		expect(cookie).toMatch(/^wam\.session_token=/);
		expect((ok as { headers: Headers }).headers.getSetCookie()[0]).toMatch(/HttpOnly/i);
		const auth = authFor(t);
		const s = await auth.api.getSession({ headers: new Headers({ cookie }) });
		expect(s?.user.id).toBe(user.id);
		expect(s?.user.mustChangePassword).toBe(true);

		// Changing the one-time password clears the flag and ends every other session.
		const other = await signIn(t, { email: 'coord@example.org', password: oneTimePassword, clientAddress: '10.0.0.3', userAgent: null });
		await changeOwnPassword(t, { id: user.id, email: user.email }, { current: oneTimePassword, next: 'een-eigen-wachtwoord-2026', sessionId: s!.session.id });
		expect(await auth.api.getSession({ headers: new Headers({ cookie: cookieHeader((other as { headers: Headers }).headers) }) })).toBeNull();
		expect((await auth.api.getSession({ headers: new Headers({ cookie }) }))?.user.mustChangePassword).toBe(false);

		// Expired: the database says so, and the cookie no longer works.
		await t.rows(sql`UPDATE session SET expires_at = now() - interval '1 minute' WHERE id = ${s!.session.id}`);
		expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();

		// Revoked: a new one-time password ends every session at once.
		const again = await signIn(t, { email: 'coord@example.org', password: 'een-eigen-wachtwoord-2026', clientAddress: '10.0.0.4', userAgent: null });
		const cookie2 = cookieHeader((again as { headers: Headers }).headers);
		expect(await auth.api.getSession({ headers: new Headers({ cookie: cookie2 }) })).not.toBeNull();
		await resetPassword(t, cli, user.id);
		expect(await auth.api.getSession({ headers: new Headers({ cookie: cookie2 }) })).toBeNull();
		expect(await count(t, 'session')).toBe(0);
	});

	it('refuses a deactivated user even with the right password', async () => {
		const { user, oneTimePassword } = await createUser(t, cli, { email: 'weg@example.org', name: 'Weg', roles: [] });
		await setActive(t, cli, user.id, false);
		const r = await signIn(t, { email: 'weg@example.org', password: oneTimePassword, clientAddress: '10.0.0.5', userAgent: null });
		expect(r.ok).toBe(false);
		expect(await count(t, 'session')).toBe(0);
	});

	it('refuses sign-in with 429 after too many attempts from one address, counted in the database', async () => {
		const results: number[] = [];
		for (let i = 0; i < LOGIN_LIMIT.max + 2; i++) {
			const r = await signIn(t, { email: 'beheer@example.org', password: `fout-${i}`, clientAddress: '10.9.9.9', userAgent: null });
			results.push(r.ok ? 200 : r.status);
		}
		expect(results).toEqual([...Array(LOGIN_LIMIT.max).fill(401), 429, 429]);
		const [row] = await t.rows<{ key: string; count: number }>(sql`SELECT key, count FROM rate_limit WHERE key LIKE '10.9.9.9%'`);
		expect(Number(row.count)).toBe(LOGIN_LIMIT.max);
		// Another address is not affected.
		const other = await signIn(t, { email: 'beheer@example.org', password: 'fout', clientAddress: '10.9.9.8', userAgent: null });
		expect(other).toEqual({ ok: false, status: 401 });
	});
});
