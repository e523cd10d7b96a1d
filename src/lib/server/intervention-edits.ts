/**
 * Interventions changed one at a time on /beheer/interventies: add, edit,
 * delete. The form's fields carry the CSV's column names and pass the same
 * checks as an interventions file (import/interventions.ts). Each change is
 * one transaction with its batch (kind `interventions`: the pages get a new
 * data version, as after `interventions:import`) and its audit row (before and
 * after).
 *
 * Who may: the caller passes `mayEdit`, which says whether the user may edit
 * interventions in an area (a coordinator: their focus area and the wijken and
 * buurten in it; a monitor: their gemeente, a national one everywhere). An
 * intervention whose area lies outside it, before or after the change, is
 * refused as a whole ('forbidden').
 */
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { recordAudit, type Actor } from './auth/audit';
import type { Database } from './db/index';
import { intervention } from './db/schema/index';
import { checkInterventionsInDatabase, readInterventionRecord, recordInterventionBatch, storeIntervention, type MayEdit } from './import/interventions';
import { ProblemList } from './import/problems';
import { interventionAreas, interventionsByIds, type InterventionRow } from './queries/interventions';

/** The name problems of the form carry as their file. */
const FORM = 'formulier';
/** The input a change on screen is recorded under in the import history. */
const SCREEN = 'Interventies beheren';

export type InterventionChange =
	| { status: 'saved'; id: string; action: 'create' | 'update' }
	| { status: 'deleted'; id: string }
	/** Reasons (Dutch, as for a file) per field: `id`, `gebied`, … (the CSV columns). */
	| { status: 'invalid'; errors: Record<string, string> }
	| { status: 'forbidden' }
	| { status: 'not-found' };

/** The user may edit the stored intervention's area (an area no longer known: nobody but the command line). */
async function mayEditStored(database: Database, row: InterventionRow, mayEdit: MayEdit): Promise<boolean> {
	const a = (await interventionAreas(database.db, [row.area])).get(row.area);
	return a != null && mayEdit(a);
}

function changeChecksum(what: unknown): string {
	return createHash('sha256')
		.update(JSON.stringify([what, new Date().toISOString(), crypto.randomUUID()]))
		.digest('hex');
}

/** An id for an intervention added on screen without one: `i-` and 10 random hex digits. */
export function newInterventionId(): string {
	return `i-${randomBytes(5).toString('hex')}`;
}

/**
 * Adds (`mode` create; an empty id gets a generated one) or replaces (`mode`
 * update, same id) one intervention from the form's fields. Invalid input
 * gives the reason per field and writes nothing; so does an id that exists
 * (create) or does not (update).
 */
export async function saveIntervention(
	database: Database,
	actor: Actor,
	input: { mode: 'create' | 'update'; fields: Record<string, string>; mayEdit: MayEdit }
): Promise<InterventionChange> {
	const started = new Date();
	const fields = { ...input.fields, id: (input.fields.id ?? '').trim() };
	if (input.mode === 'create' && !fields.id) fields.id = newInterventionId();
	const [existing] = fields.id ? await interventionsByIds(database.db, [fields.id]) : [];
	if (input.mode === 'update') {
		if (!existing) return { status: 'not-found' };
		if (!(await mayEditStored(database, existing, input.mayEdit))) return { status: 'forbidden' };
	}
	const problems = new ProblemList();
	const line = readInterventionRecord(fields, FORM, 1, problems);
	let gemeente: string | null = null;
	if (line) {
		const areas = await checkInterventionsInDatabase(database.db, [line], FORM, problems);
		const area = areas.get(line.intervention.area);
		if (area && !input.mayEdit(area)) return { status: 'forbidden' };
		gemeente = area?.gemeente ?? null;
		if (input.mode === 'create' && existing) problems.add({ file: FORM, field: 'id', reason: `er is al een interventie met id ${fields.id}` });
	}
	if (!line || !gemeente || problems.size) {
		const errors: Record<string, string> = {};
		for (const p of problems.items) errors[p.field ?? 'form'] ??= p.reason;
		return { status: 'invalid', errors };
	}
	const i = line.intervention;
	await database.db.transaction(async (tx) => {
		const [before] = await interventionsByIds(tx, [i.id]);
		const finished = new Date();
		await recordInterventionBatch(tx, actor, { input: SCREEN, checksum: changeChecksum(i), count: 1, started, finished });
		await storeIntervention(tx, actor, i, gemeente, finished, before ?? null);
	});
	return { status: 'saved', id: i.id, action: existing ? 'update' : 'create' };
}

/** Deletes one intervention, with a batch (new data version) and an audit row holding what was deleted. */
export async function deleteIntervention(database: Database, actor: Actor, id: string, mayEdit: MayEdit): Promise<InterventionChange> {
	const started = new Date();
	const [existing] = id ? await interventionsByIds(database.db, [id]) : [];
	if (!existing) return { status: 'not-found' };
	if (!(await mayEditStored(database, existing, mayEdit))) return { status: 'forbidden' };
	const deleted = await database.db.transaction(async (tx) => {
		const [before] = await interventionsByIds(tx, [id]);
		if (!before) return false;
		await recordInterventionBatch(tx, actor, { input: SCREEN, checksum: changeChecksum(['delete', id]), count: 0, started, finished: new Date() });
		await tx.delete(intervention).where(eq(intervention.id, id));
		await recordAudit(tx, actor, { action: 'delete', entity: 'intervention', entityId: id, before, after: null });
		return true;
	});
	return deleted ? { status: 'deleted', id } : { status: 'not-found' };
}
