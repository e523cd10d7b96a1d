/**
 * User management: create, roles, deactivate, one-time passwords, and a
 * user's own password change. Every write runs in one transaction with its
 * audit row. Passwords are hashed with better-auth's own scrypt hash, so that
 * its sign-in accepts them.
 */
import { randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from 'better-auth/crypto';
import { and, asc, eq, ne } from 'drizzle-orm';
import type { Role, RoleGrant } from '../../auth/roles';
import type { MessageKey } from '../../i18n';
import type { Database, Db } from '../db/index';
import { account, session, user, userRole } from '../db/schema/auth';
import { recordAudit, type Actor, type Tx } from './audit';

export interface UserSummary {
	id: string;
	email: string;
	name: string;
	active: boolean;
	mustChangePassword: boolean;
	createdAt: Date;
	roles: (RoleGrant & { id: number })[];
}

/** A refused change: the form field it belongs to and the reason (a message key, nl/en). */
export class UserError extends Error {
	constructor(
		readonly field: string,
		readonly key: MessageKey
	) {
		super(key);
	}
}

/** A one-time password: 16 characters from an alphabet without look-alikes (about 79 bits), in groups of four. */
export function oneTimePassword(): string {
	const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
	const chars = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
	return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

const normalEmail = (email: string) => email.trim().toLowerCase();

async function rolesOf(db: Db | Tx, userId: string): Promise<(RoleGrant & { id: number })[]> {
	return db
		.select({ id: userRole.id, role: userRole.role, gemeenteCode: userRole.gemeenteCode, focusAreaId: userRole.focusAreaId })
		.from(userRole)
		.where(eq(userRole.userId, userId))
		.orderBy(asc(userRole.id));
}

/** The roles (with scope) of a user, for the guard. */
export function grantsOf(db: Db, userId: string): Promise<RoleGrant[]> {
	return rolesOf(db, userId);
}

async function summary(db: Db | Tx, id: string): Promise<UserSummary | null> {
	const [u] = await db.select().from(user).where(eq(user.id, id));
	if (!u) return null;
	return {
		id: u.id,
		email: u.email,
		name: u.name,
		active: u.active,
		mustChangePassword: u.mustChangePassword,
		createdAt: u.createdAt,
		roles: await rolesOf(db, id)
	};
}

/** What the audit trail keeps of a user: no password, no hash. */
function auditView(u: UserSummary | null) {
	if (!u) return null;
	return {
		email: u.email,
		name: u.name,
		active: u.active,
		mustChangePassword: u.mustChangePassword,
		roles: u.roles.map(({ role, gemeenteCode, focusAreaId }) => ({ role, gemeenteCode, focusAreaId }))
	};
}

export async function listUsers(db: Db): Promise<UserSummary[]> {
	const users = await db.select().from(user).orderBy(asc(user.email));
	const roles = await db.select().from(userRole).orderBy(asc(userRole.id));
	return users.map((u) => ({
		id: u.id,
		email: u.email,
		name: u.name,
		active: u.active,
		mustChangePassword: u.mustChangePassword,
		createdAt: u.createdAt,
		roles: roles.filter((r) => r.userId === u.id).map(({ id, role, gemeenteCode, focusAreaId }) => ({ id, role, gemeenteCode, focusAreaId }))
	}));
}

export function getUser(db: Db, id: string): Promise<UserSummary | null> {
	return summary(db, id);
}

/** Creates a user who must change the returned one-time password at first sign-in. */
export async function createUser(
	d: Database,
	actor: Actor,
	input: { email: string; name: string; roles: RoleGrant[] }
): Promise<{ user: UserSummary; oneTimePassword: string }> {
	const email = normalEmail(input.email);
	const password = oneTimePassword();
	const hash = await hashPassword(password);
	const created = await d.db.transaction(async (tx) => {
		const [exists] = await tx.select({ id: user.id }).from(user).where(eq(user.email, email));
		if (exists) throw new UserError('email', 'auth.error.emailTaken');
		const id = crypto.randomUUID();
		await tx.insert(user).values({ id, email, name: input.name.trim(), mustChangePassword: true, active: true });
		await tx.insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash });
		for (const g of input.roles) await tx.insert(userRole).values({ userId: id, ...g });
		const after = (await summary(tx, id))!;
		await recordAudit(tx, actor, { action: 'gebruiker.aanmaken', entity: 'gebruiker', entityId: id, before: null, after: auditView(after) });
		return after;
	});
	return { user: created, oneTimePassword: password };
}

async function change(d: Database, actor: Actor, id: string, action: string, write: (tx: Tx, before: UserSummary) => Promise<void>): Promise<UserSummary> {
	return d.db.transaction(async (tx) => {
		const before = await summary(tx, id);
		if (!before) throw new UserError('id', 'auth.error.noUser');
		await write(tx, before);
		const after = (await summary(tx, id))!;
		await recordAudit(tx, actor, { action, entity: 'gebruiker', entityId: id, before: auditView(before), after: auditView(after) });
		return after;
	});
}

/** Gives a user a new one-time password and ends all their sessions. */
export async function resetPassword(d: Database, actor: Actor, id: string): Promise<string> {
	const password = oneTimePassword();
	const hash = await hashPassword(password);
	await change(d, actor, id, 'gebruiker.eenmalig-wachtwoord', async (tx) => {
		await setPasswordHash(tx, id, hash);
		await tx.update(user).set({ mustChangePassword: true, updatedAt: new Date() }).where(eq(user.id, id));
		await tx.delete(session).where(eq(session.userId, id));
	});
	return password;
}

async function setPasswordHash(tx: Tx, id: string, hash: string) {
	const updated = await tx
		.update(account)
		.set({ password: hash, updatedAt: new Date() })
		.where(and(eq(account.userId, id), eq(account.providerId, 'credential')))
		.returning({ id: account.id });
	if (!updated.length) await tx.insert(account).values({ id: crypto.randomUUID(), accountId: id, providerId: 'credential', userId: id, password: hash });
}

/** Deactivates (ends all sessions; sign-in refused) or reactivates a user. Nobody deactivates themselves. */
export async function setActive(d: Database, actor: Actor, id: string, active: boolean): Promise<UserSummary> {
	if (!active && actor.id === id) throw new UserError('id', 'auth.error.self');
	return change(d, actor, id, active ? 'gebruiker.activeren' : 'gebruiker.deactiveren', async (tx) => {
		await tx.update(user).set({ active, updatedAt: new Date() }).where(eq(user.id, id));
		if (!active) await tx.delete(session).where(eq(session.userId, id));
	});
}

export async function addRole(d: Database, actor: Actor, id: string, grant: RoleGrant): Promise<UserSummary> {
	return change(d, actor, id, 'rol.toekennen', async (tx, before) => {
		const same = before.roles.some((r) => r.role === grant.role && r.gemeenteCode === grant.gemeenteCode && r.focusAreaId === grant.focusAreaId);
		if (same) throw new UserError('role', 'auth.error.hasRole');
		await tx.insert(userRole).values({ userId: id, ...grant });
	});
}

/** Removes one role; an administrator cannot take away their own administrator role (someone must remain). */
export async function removeRole(d: Database, actor: Actor, id: string, roleId: number): Promise<UserSummary> {
	return change(d, actor, id, 'rol.intrekken', async (tx, before) => {
		const r = before.roles.find((x) => x.id === roleId);
		if (!r) throw new UserError('roleId', 'auth.error.noRole');
		if (actor.id === id && r.role === 'beheerder') throw new UserError('roleId', 'auth.error.ownAdmin');
		await tx.delete(userRole).where(and(eq(userRole.id, roleId), eq(userRole.userId, id)));
	});
}

/**
 * A user's own password change: checks the current one, stores the new one,
 * clears the one-time flag and ends every other session of the user.
 */
export async function changeOwnPassword(
	d: Database,
	actor: Actor & { id: string },
	input: { current: string; next: string; sessionId: string }
): Promise<void> {
	const [acc] = await d.db
		.select({ password: account.password })
		.from(account)
		.where(and(eq(account.userId, actor.id), eq(account.providerId, 'credential')));
	if (!acc?.password || !(await verifyPassword({ hash: acc.password, password: input.current }))) {
		throw new UserError('current', 'auth.error.current');
	}
	if (input.current === input.next) throw new UserError('next', 'auth.error.same');
	const hash = await hashPassword(input.next);
	await change(d, actor, actor.id, 'wachtwoord.wijzigen', async (tx) => {
		await setPasswordHash(tx, actor.id, hash);
		await tx.update(user).set({ mustChangePassword: false, updatedAt: new Date() }).where(eq(user.id, actor.id));
		await tx.delete(session).where(and(eq(session.userId, actor.id), ne(session.id, input.sessionId)));
	});
}

/** Ends all of a user's sessions but the current one (sign out on other devices). */
export async function endOtherSessions(d: Database, actor: Actor & { id: string }, currentSessionId: string): Promise<number> {
	return d.db.transaction(async (tx) => {
		const gone = await tx
			.delete(session)
			.where(and(eq(session.userId, actor.id), ne(session.id, currentSessionId)))
			.returning({ id: session.id });
		await recordAudit(tx, actor, {
			action: 'sessies.beeindigen',
			entity: 'gebruiker',
			entityId: actor.id,
			before: { otherSessions: gone.length },
			after: { otherSessions: 0 }
		});
		return gone.length;
	});
}

/** Records a sign-in (the session row itself is written by better-auth). */
export async function recordSignIn(d: Database, actor: Actor & { id: string }): Promise<void> {
	await recordAudit(d.db, actor, { action: 'inloggen', entity: 'gebruiker', entityId: actor.id, before: null, after: null });
}

/** Signs out: removes the session and records it. */
export async function signOut(d: Database, actor: Actor & { id: string }, sessionId: string): Promise<void> {
	await d.db.transaction(async (tx) => {
		await tx.delete(session).where(eq(session.id, sessionId));
		await recordAudit(tx, actor, { action: 'uitloggen', entity: 'gebruiker', entityId: actor.id, before: null, after: null });
	});
}

export type { Role };
