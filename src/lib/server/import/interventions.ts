/**
 * Interventions from a CSV file (`npm run interventions:import -- FILE`, or a
 * file uploaded on /beheer/interventies); the one-intervention form on that
 * page reads its fields with the same line schema and checks
 * (../intervention-edits.ts). Every line is checked — columns, dates, budget,
 * link, the area, the theme — and only a file without problems is written, in
 * one transaction that records the batch (kind `interventions`, which also
 * gives the pages a new data version, so cached pages show the change at once)
 * and an audit row per intervention. An intervention with an id already in the
 * database is replaced; others stay. The same file twice is a no-op.
 *
 * Columns (header line, comma or semicolon separated, UTF-8):
 *   id, gebied, titel, omschrijving, thema, programma, start, eind, budget, link
 * `gebied` is a focus-area id or a current wijk or buurt code; `thema` a theme
 * key of the indicators (gezondheid, veiligheid …); `start` and `eind` ISO
 * dates (JJJJ-MM-DD; `eind` empty while it runs); `budget` in euros, optional.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Intervention } from '../../interventions/types';
import { recordAudit, type Actor, type Tx } from '../auth/audit';
import type { Database, Db } from '../db/index';
import { importBatch, intervention } from '../db/schema/index';
import { interventionAreas, interventionsByIds, interventionThemes, type InterventionArea, type InterventionRow } from '../queries/interventions';
import { readRecordLines } from './csv';
import { ProblemList, shown } from './problems';
import { parseNl, text, zodProblems } from './validate';

export const INTERVENTION_COLUMNS = ['id', 'gebied', 'titel', 'omschrijving', 'thema', 'programma', 'start', 'eind', 'budget', 'link'] as const;

/** The batch kind of a change of interventions (a file, or one change on screen). */
export const INTERVENTION_BATCH = 'interventions';

const required = (what: string) => text().trim().min(1, `${what} ontbreekt`);

/** True for a real calendar date written JJJJ-MM-DD (2025-02-30 is not one). */
export function isIsoDate(v: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const d = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

const isoDate = (what: string) =>
	z
		.string()
		.trim()
		.refine((v) => v === '' || isIsoDate(v), `${what}: geen datum (JJJJ-MM-DD, bijvoorbeeld 2024-03-01)`);

/** One line of an interventions file, read and checked on its own (the database checks follow). */
export const interventionLine = z
	.object({
		id: required('id').regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'id: kleine letters, cijfers en streepjes (2–64 tekens)'),
		gebied: required('gebied'),
		titel: required('titel').max(200, 'titel: langer dan 200 tekens'),
		omschrijving: text().trim().max(4000, 'omschrijving: langer dan 4000 tekens'),
		thema: required('thema'),
		programma: required('programma').max(200, 'programma: langer dan 200 tekens'),
		start: isoDate('start').refine((v) => v !== '', 'start ontbreekt'),
		eind: isoDate('eind').transform((v) => v || null),
		budget: z
			.string()
			.trim()
			.refine((v) => !/^-/.test(v), 'budget is negatief')
			.refine(
				(v) => v === '' || /^-/.test(v) || /^\d+([.,]\d{1,2})?$/.test(v),
				"budget is geen bedrag in euro's (bijvoorbeeld 25000 of 25000,50, zonder punt voor duizendtallen)"
			)
			.transform((v) => (v === '' ? null : Number(v.replace(',', '.')))),
		link: text()
			.trim()
			.refine((v) => v === '' || /^https?:\/\/[^\s/]+\.[^\s]*$/.test(v), 'link is geen http(s)-adres (begint met https:// of http://)')
			.transform((v) => v || null)
	})
	.superRefine((r, ctx) => {
		if (r.eind && isIsoDate(r.eind) && isIsoDate(r.start) && r.eind < r.start)
			ctx.addIssue({ code: 'custom', path: ['eind'], message: `eind ${r.eind} ligt voor de start ${r.start}` });
	});

/** An intervention as a file or the form gives it (the area's gemeente follows from the database). */
export type InterventionInput = Omit<Intervention, 'gemeenteCode'>;

export interface InterventionLine {
	line: number;
	intervention: InterventionInput;
}

/** Reads an interventions file's lines; problems are added, lines with problems left out. */
export function readInterventionLines(textIn: string, file: string, problems: ProblemList): InterventionLine[] {
	return readRecordLines(
		textIn,
		file,
		problems,
		INTERVENTION_COLUMNS,
		(record, line) => readInterventionRecord(record, file, line, problems),
		(r) => r.intervention.id
	).map((l) => l.read);
}

/**
 * Reads one intervention from its fields (a CSV line, or the form on
 * /beheer/interventies, whose fields carry the column names); problems are
 * added, null when there is one.
 */
export function readInterventionRecord(record: Record<string, string>, file: string, line: number, problems: ProblemList): InterventionLine | null {
	const parsed = parseNl(interventionLine, record);
	if (!parsed.success) {
		for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
		return null;
	}
	const r = parsed.data;
	return {
		line,
		intervention: {
			id: r.id,
			area: r.gebied,
			title: r.titel,
			description: r.omschrijving,
			theme: r.thema,
			programme: r.programma,
			startDate: r.start,
			endDate: r.eind,
			budget: r.budget,
			url: r.link
		}
	};
}

/**
 * Who may store an intervention in this area (its gemeente and focus areas).
 * Without it (the command line) every area may be used.
 */
export type MayEdit = (a: Pick<InterventionArea, 'gemeente' | 'focusAreas'>) => boolean;

/**
 * Checks the lines against the database: the area (a focus area, or a current
 * wijk or buurt), the theme, and with `mayEdit` whether the user may set an
 * intervention in each line's area and replace the stored one of the same id.
 * Problems are added; returns the areas found.
 */
export async function checkInterventionsInDatabase(
	db: Db,
	lines: InterventionLine[],
	file: string,
	problems: ProblemList,
	mayEdit?: MayEdit
): Promise<Map<string, InterventionArea>> {
	const stored = mayEdit
		? await interventionsByIds(
				db,
				lines.map((l) => l.intervention.id)
			)
		: [];
	const names = [...new Set([...lines.map((l) => l.intervention.area), ...stored.map((r) => r.area)])];
	const [areas, themes] = await Promise.all([interventionAreas(db, names), interventionThemes(db)]);
	const storedArea = new Map(stored.map((r) => [r.id, r.area]));
	for (const { line, intervention: i } of lines) {
		const a = areas.get(i.area);
		if (!a)
			problems.add({
				file,
				line,
				field: 'gebied',
				reason: `onbekend gebied ${shown(i.area)} (een focusgebied-id zoals nprz-bloemhof, of de code van een huidige wijk of buurt zoals WK059901)`
			});
		if (!themes.has(i.theme))
			problems.add({ file, line, field: 'thema', reason: `onbekend thema ${shown(i.theme)} (een van: ${[...themes.keys()].join(', ')})` });
		if (!mayEdit) continue;
		if (a && !mayEdit(a)) problems.add({ file, line, field: 'gebied', reason: `u mag geen interventies vastleggen in ${shown(i.area)}` });
		const old = storedArea.get(i.id);
		const oldArea = old == null ? undefined : areas.get(old);
		if (old != null && old !== i.area && !(oldArea && mayEdit(oldArea)))
			problems.add({ file, line, field: 'id', reason: `interventie ${i.id} hoort bij ${shown(old)}, waar u geen interventies mag wijzigen` });
	}
	return areas;
}

/** Records a change of the stored interventions as a batch (a file, or one change on screen): the pages get a new data version. */
export async function recordInterventionBatch(
	tx: Tx,
	actor: Actor,
	b: { input: string; checksum: string; count: number; started: Date; finished: Date }
): Promise<number> {
	const [batch] = await tx
		.insert(importBatch)
		.values({
			kind: INTERVENTION_BATCH,
			input: b.input,
			checksum: b.checksum,
			files: [{ path: b.input, sha256: b.checksum, rows: b.count }],
			rowCounts: { interventions: b.count },
			startedAt: b.started,
			finishedAt: b.finished,
			durationMs: b.finished.getTime() - b.started.getTime(),
			status: 'ok',
			importedBy: actor.email
		})
		.returning({ id: importBatch.id });
	return batch.id;
}

/** Stores (inserts or replaces) one intervention with its audit row; returns the row as stored. */
export async function storeIntervention(
	tx: Tx,
	actor: Actor,
	i: InterventionInput,
	gemeenteCode: string,
	at: Date,
	before: InterventionRow | null
): Promise<InterventionRow> {
	const row: InterventionRow = { ...i, gemeenteCode, updatedBy: actor.email, updatedAt: at };
	await tx
		.insert(intervention)
		.values(row)
		.onConflictDoUpdate({ target: intervention.id, set: { ...row, id: sql`excluded.id` } });
	await recordAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'intervention', entityId: i.id, before, after: row });
	return row;
}

export interface InterventionImportResult {
	status: 'imported' | 'unchanged';
	batchId: number;
	count: number;
}

export interface InterventionImportOptions {
	actor: Actor;
	force?: boolean;
	mayEdit?: MayEdit;
}

/** Reads, checks and writes an interventions file (see importInterventionText). */
export async function importInterventions(database: Database, file: string, opts: InterventionImportOptions): Promise<InterventionImportResult> {
	return importInterventionText(database, { name: path.basename(file), bytes: await readFile(file) }, opts);
}

/**
 * Checks and writes the content of an interventions file (the command line's
 * file, or one uploaded on /beheer/interventies): all lines or, with any
 * problem, none. Throws an ImportError listing every problem (file, line,
 * field, reason).
 */
export async function importInterventionText(
	database: Database,
	input: { name: string; bytes: Uint8Array },
	opts: InterventionImportOptions
): Promise<InterventionImportResult> {
	const started = new Date();
	const { name } = input;
	const checksum = createHash('sha256').update(input.bytes).digest('hex');
	const problems = new ProblemList();
	const lines = readInterventionLines(new TextDecoder().decode(input.bytes), name, problems);
	const areas = await checkInterventionsInDatabase(database.db, lines, name, problems, opts.mayEdit);
	if (!lines.length && !problems.size) problems.add({ file: name, reason: 'geen interventies in het bestand' });
	// In the order of the file: the line checks come before the database checks.
	problems.items.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
	problems.throwIfAny();

	if (!opts.force) {
		const [last] = await database.db.select().from(importBatch).where(eq(importBatch.kind, INTERVENTION_BATCH)).orderBy(desc(importBatch.id)).limit(1);
		if (last && last.checksum === checksum) return { status: 'unchanged', batchId: last.id, count: lines.length };
	}
	const batchId = await database.db.transaction(async (tx) => {
		const finished = new Date();
		const id = await recordInterventionBatch(tx, opts.actor, { input: name, checksum, count: lines.length, started, finished });
		const before = new Map(
			(
				await interventionsByIds(
					tx,
					lines.map((l) => l.intervention.id)
				)
			).map((r) => [r.id, r])
		);
		for (const { intervention: i } of lines) await storeIntervention(tx, opts.actor, i, areas.get(i.area)!.gemeente, finished, before.get(i.id) ?? null);
		return id;
	});
	return { status: 'imported', batchId, count: lines.length };
}
