import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, check, index, integer, jsonb, pgTable, serial, text, timestamp } from 'drizzle-orm/pg-core';
import { ROLES } from '../../../auth/roles';

/**
 * Accounts (better-auth's tables: user, session, account, verification,
 * rate_limit) plus what this app adds: scoped roles and the audit trail.
 * better-auth addresses tables and columns by the property names below; the
 * database names are singular snake_case like the rest of the schema.
 */
const created = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updated = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const user = pgTable('user', {
	id: text('id').primaryKey(),
	name: text('name').notNull(),
	email: text('email').notNull().unique(),
	emailVerified: boolean('email_verified').notNull().default(false),
	image: text('image'),
	createdAt: created(),
	updatedAt: updated(),
	/** Set when an administrator gave a one-time password: nothing but changing it is allowed until then. */
	mustChangePassword: boolean('must_change_password').notNull().default(true),
	/** Deactivated users cannot sign in; their sessions are removed when they are deactivated. */
	active: boolean('active').notNull().default(true)
});

export const session = pgTable(
	'session',
	{
		id: text('id').primaryKey(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		token: text('token').notNull().unique(),
		createdAt: created(),
		updatedAt: updated(),
		ipAddress: text('ip_address'),
		userAgent: text('user_agent'),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' })
	},
	(t) => [index('session_user_idx').on(t.userId)]
);

export const account = pgTable(
	'account',
	{
		id: text('id').primaryKey(),
		accountId: text('account_id').notNull(),
		providerId: text('provider_id').notNull(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		accessToken: text('access_token'),
		refreshToken: text('refresh_token'),
		idToken: text('id_token'),
		accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
		refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
		scope: text('scope'),
		/** better-auth's scrypt hash (salt:key, hex). */
		password: text('password'),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [index('account_user_idx').on(t.userId)]
);

export const verification = pgTable(
	'verification',
	{
		id: text('id').primaryKey(),
		identifier: text('identifier').notNull(),
		value: text('value').notNull(),
		expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
		createdAt: created(),
		updatedAt: updated()
	},
	(t) => [index('verification_identifier_idx').on(t.identifier)]
);

/** Login attempts per client address and path, kept in the database so that the limit holds across processes. */
export const rateLimit = pgTable('rate_limit', {
	id: text('id').primaryKey(),
	key: text('key').notNull().unique(),
	count: integer('count').notNull(),
	/** Milliseconds since 1970. */
	lastRequest: bigint('last_request', { mode: 'number' }).notNull()
});

/**
 * One role of one user with its scope: a coordinator holds one focus area, a
 * wethouder one gemeente, a monitor one gemeente or (both null) the whole
 * country, a beheerder has no scope. A user may hold several rows.
 */
export const userRole = pgTable(
	'user_role',
	{
		id: serial('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => user.id, { onDelete: 'cascade' }),
		role: text('role', { enum: ROLES }).notNull(),
		gemeenteCode: text('gemeente_code'),
		focusAreaId: text('focus_area_id'),
		grantedAt: created()
	},
	(t) => [
		index('user_role_user_idx').on(t.userId),
		check(
			'user_role_scope',
			sql`(${t.role} = 'coordinator' AND ${t.focusAreaId} IS NOT NULL AND ${t.gemeenteCode} IS NULL)
			 OR (${t.role} = 'wethouder' AND ${t.gemeenteCode} IS NOT NULL AND ${t.focusAreaId} IS NULL)
			 OR (${t.role} = 'monitor' AND ${t.focusAreaId} IS NULL)
			 OR (${t.role} = 'beheerder' AND ${t.gemeenteCode} IS NULL AND ${t.focusAreaId} IS NULL)`
		)
	]
);

/**
 * Every write: who, when, what, on which entity, and the entity before and
 * after (JSON, null for creation or removal; never a password or its hash).
 * The database refuses UPDATE, DELETE and TRUNCATE on this table (trigger in
 * the migration audit_append_only).
 */
export const auditEvent = pgTable(
	'audit_event',
	{
		id: bigserial('id', { mode: 'number' }).primaryKey(),
		at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
		/** The user who acted; null for the command line (`npm run admin:create`). */
		actorId: text('actor_id'),
		/** The actor's e-mail address at the time, or a description such as "opdrachtregel". */
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		entity: text('entity').notNull(),
		entityId: text('entity_id').notNull(),
		before: jsonb('before'),
		after: jsonb('after')
	},
	(t) => [index('audit_event_at_idx').on(t.at), index('audit_event_entity_idx').on(t.entity, t.entityId)]
);
