/**
 * Programme targets changed one at a time on /beheer/doelen: add, edit,
 * delete. The form's fields carry the CSV's column names and pass the same
 * checks as a targets file (import/targets.ts). Each change is one
 * transaction with its batch (kind `targets`: the pages get a new data
 * version, as after `targets:import`) and its audit row (before and after).
 *
 * Who may: the caller passes `mayManage`, which says whether the user may
 * manage targets in a gemeente (a municipal monitor: their own; a national
 * monitor: all). A target whose area lies outside it, before or after the
 * change, is refused as a whole ('forbidden').
 */
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from './auth/audit';
import type { Database } from './db/index';
import { target } from './db/schema/index';
import { checkTargetsInDatabase, readTargetRecord, recordTargetBatch, storeTarget, type MayManage } from './import/targets';
import { ProblemList } from './import/problems';
import { knownAreas, targetsByIds, type TargetRow } from './queries/targets';

/** The name problems of the form carry as their file. */
const FORM = 'formulier';
/** The input a change on screen is recorded under in the import history. */
const SCREEN = 'Doelen beheren';

export type TargetChange =
	| { status: 'saved'; id: string; action: 'create' | 'update' }
	| { status: 'deleted'; id: string }
	/** Reasons (Dutch, as for a file) per field: `id`, `gebied`, … (the CSV columns). */
	| { status: 'invalid'; errors: Record<string, string> }
	| { status: 'forbidden' }
	| { status: 'not-found' };

/** A stored target's gemeente may be managed by the user (an unknown area counts as national). */
async function mayManageStored(database: Database, row: TargetRow, mayManage: MayManage): Promise<boolean> {
	const areas = await knownAreas(database.db, [row.area]);
	return mayManage(areas.get(row.area)?.gemeente ?? null);
}

function changeChecksum(what: unknown): string {
	return createHash('sha256')
		.update(JSON.stringify([what, new Date().toISOString(), crypto.randomUUID()]))
		.digest('hex');
}

/**
 * Adds (`mode` create) or replaces (`mode` update, same id) one target from
 * the form's fields. Invalid input gives the reason per field and writes
 * nothing; so does an id that exists (create) or does not (update).
 */
export async function saveTarget(
	database: Database,
	actor: Actor,
	input: { mode: 'create' | 'update'; fields: Record<string, string>; mayManage: MayManage }
): Promise<TargetChange> {
	const started = new Date();
	const id = (input.fields.id ?? '').trim();
	const [existing] = id ? await targetsByIds(database.db, [id]) : [];
	if (input.mode === 'update') {
		if (!existing) return { status: 'not-found' };
		if (!(await mayManageStored(database, existing, input.mayManage))) return { status: 'forbidden' };
	}
	const problems = new ProblemList();
	const line = readTargetRecord(input.fields, FORM, 1, problems);
	if (line) {
		const areas = await checkTargetsInDatabase(database.db, [line], FORM, problems);
		const area = areas.get(line.target.area);
		if (area && !input.mayManage(area.gemeente)) return { status: 'forbidden' };
		if (input.mode === 'create' && existing) problems.add({ file: FORM, field: 'id', reason: `er is al een doel met id ${id}` });
	}
	if (!line || problems.size) {
		const errors: Record<string, string> = {};
		for (const p of problems.items) errors[p.field ?? 'form'] ??= p.reason;
		return { status: 'invalid', errors };
	}
	const t = line.target;
	await database.db.transaction(async (tx) => {
		const [before] = await targetsByIds(tx, [t.id]);
		const finished = new Date();
		const batchId = await recordTargetBatch(tx, actor, { input: SCREEN, checksum: changeChecksum(t), count: 1, started, finished });
		await storeTarget(tx, actor, t, batchId, finished, before ?? null);
	});
	return { status: 'saved', id: t.id, action: existing ? 'update' : 'create' };
}

/** Deletes one target, with a batch (new data version) and an audit row holding what was deleted. */
export async function deleteTarget(database: Database, actor: Actor, id: string, mayManage: MayManage): Promise<TargetChange> {
	const started = new Date();
	const [existing] = id ? await targetsByIds(database.db, [id]) : [];
	if (!existing) return { status: 'not-found' };
	if (!(await mayManageStored(database, existing, mayManage))) return { status: 'forbidden' };
	const deleted = await database.db.transaction(async (tx) => {
		const [before] = await targetsByIds(tx, [id]);
		if (!before) return false;
		await recordTargetBatch(tx, actor, { input: SCREEN, checksum: changeChecksum(['delete', id]), count: 0, started, finished: new Date() });
		await tx.delete(target).where(eq(target.id, id));
		await recordAudit(tx, actor, { action: 'delete', entity: 'target', entityId: id, before, after: null });
		return true;
	});
	return deleted ? { status: 'deleted', id } : { status: 'not-found' };
}
