/**
 * The audit trail: one row per write, inside the write's own transaction, so
 * that a write without its audit row cannot happen (and the other way round).
 * The table itself refuses UPDATE and DELETE (migration audit_append_only).
 */
import { and, desc, eq, gte, lt, type SQL } from 'drizzle-orm';
import Papa from 'papaparse';
import type { Db } from '../db/index';
import { auditEvent } from '../db/schema/auth';

/** Who acts: a signed-in user, or the command line (id null). */
export interface Actor {
	id: string | null;
	email: string;
}

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditEntry {
	action: string;
	entity: string;
	entityId: string;
	/** The entity before the write; null when it is created. Never a password or its hash. */
	before: unknown;
	/** The entity after the write; null when it is removed. */
	after: unknown;
}

export async function recordAudit(tx: Tx | Db, actor: Actor, entry: AuditEntry): Promise<void> {
	await tx.insert(auditEvent).values({
		actorId: actor.id,
		actor: actor.email,
		action: entry.action,
		entity: entry.entity,
		entityId: entry.entityId,
		before: entry.before ?? null,
		after: entry.after ?? null
	});
}

export interface AuditFilter {
	actor?: string;
	entity?: string;
	action?: string;
	/** Inclusive, ISO date (yyyy-mm-dd), in UTC. */
	from?: string;
	/** Inclusive, ISO date (yyyy-mm-dd), in UTC. */
	to?: string;
}

export type AuditRow = typeof auditEvent.$inferSelect;

/** Audit events, newest first, filtered; at most `limit` rows. */
export async function listAudit(db: Db, filter: AuditFilter, limit = 500): Promise<AuditRow[]> {
	const where: SQL[] = [];
	if (filter.actor) where.push(eq(auditEvent.actor, filter.actor));
	if (filter.entity) where.push(eq(auditEvent.entity, filter.entity));
	if (filter.action) where.push(eq(auditEvent.action, filter.action));
	if (filter.from) where.push(gte(auditEvent.at, new Date(`${filter.from}T00:00:00Z`)));
	if (filter.to) where.push(lt(auditEvent.at, new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000)));
	return db
		.select()
		.from(auditEvent)
		.where(where.length ? and(...where) : undefined)
		.orderBy(desc(auditEvent.id))
		.limit(limit);
}

/** The distinct actors, entities and actions, for the filter's choices. */
export async function auditChoices(db: Db): Promise<{ actors: string[]; entities: string[]; actions: string[] }> {
	const [actors, entities, actions] = await Promise.all([
		db.selectDistinct({ v: auditEvent.actor }).from(auditEvent).orderBy(auditEvent.actor),
		db.selectDistinct({ v: auditEvent.entity }).from(auditEvent).orderBy(auditEvent.entity),
		db.selectDistinct({ v: auditEvent.action }).from(auditEvent).orderBy(auditEvent.action)
	]);
	return { actors: actors.map((r) => r.v), entities: entities.map((r) => r.v), actions: actions.map((r) => r.v) };
}

/** Audit rows as CSV (comma-separated, before/after as JSON text, times in UTC ISO 8601). */
export function auditCsv(rows: AuditRow[]): string {
	// escapeFormulae: a value such as "=HYPERLINK(…)" stays text in a spreadsheet.
	return Papa.unparse(
		{
			fields: ['id', 'at', 'actor_id', 'actor', 'action', 'entity', 'entity_id', 'before', 'after'],
			data: rows.map((r) => [
				r.id,
				r.at.toISOString(),
				r.actorId ?? '',
				r.actor,
				r.action,
				r.entity,
				r.entityId,
				r.before == null ? '' : JSON.stringify(r.before),
				r.after == null ? '' : JSON.stringify(r.after)
			])
		},
		{ escapeFormulae: true }
	);
}
