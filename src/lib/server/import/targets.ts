/**
 * Programme targets from a CSV file (`npm run targets:import -- FILE`, a file
 * uploaded on /beheer/doelen, and the shipped geodata/targets.csv on the first
 * start and with `data:import`); the one-target form on /beheer/doelen reads
 * its fields with the same line schema and checks (../target-edits.ts).
 * Every line is checked — columns, numbers, years, the area, the indicator,
 * the reference — and only a file without problems is written, in one
 * transaction that records the batch (kind `targets`, which also gives the
 * pages a new data version) and an audit row per target. A target with an id
 * already in the database is replaced; others stay. The same file twice is a
 * no-op.
 *
 * Columns (header line, comma or semicolon separated, UTF-8):
 *   id, gebied, indicator, soort, doelwaarde, referentie, basisjaar, doeljaar,
 *   bron, bron_url, vastgesteld_door, vastgesteld_op
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { gapKind } from '../../indicators/gaps';
import type { ProgrammeTarget } from '../../indicators/programme-targets';
import { REFERENCES, referencesFor } from '../../indicators/references';
import type { IndicatorKind } from '../../indicators/registry';
import { recordAudit, type Actor, type Tx } from '../auth/audit';
import type { Database, Db } from '../db/index';
import { importBatch, target } from '../db/schema/index';
import { knownAreas, knownIndicators, targetsByIds, type KnownArea, type TargetRow } from '../queries/targets';
import { readRecordLines } from './csv';
import { errorReason, ImportError, ProblemList, problemReport, shown } from './problems';
import { PERIOD_RANGE, parseNl, text, zodProblems } from './validate';

export const TARGET_COLUMNS = [
	'id',
	'gebied',
	'indicator',
	'soort',
	'doelwaarde',
	'referentie',
	'basisjaar',
	'doeljaar',
	'bron',
	'bron_url',
	'vastgesteld_door',
	'vastgesteld_op'
] as const;

const year = (what: string) =>
	z
		.string()
		.trim()
		.regex(/^\d{4}$/, `${what}: geen jaartal (JJJJ)`)
		.transform(Number)
		.pipe(
			z
				.number()
				.min(PERIOD_RANGE.min, `${what} buiten ${PERIOD_RANGE.min}–${PERIOD_RANGE.max}`)
				.max(PERIOD_RANGE.max, `${what} buiten ${PERIOD_RANGE.min}–${PERIOD_RANGE.max}`)
		);

const required = (what: string) => text().trim().min(1, `${what} ontbreekt`);

/** One line of a targets file, read and checked on its own (the database checks follow). */
export const targetLine = z
	.object({
		id: required('id').regex(/^[a-z0-9][a-z0-9-]{1,63}$/, 'id: kleine letters, cijfers en streepjes (2–64 tekens)'),
		gebied: required('gebied'),
		indicator: required('indicator'),
		soort: z.enum(['waarde', 'referentie'], 'soort moet waarde of referentie zijn'),
		doelwaarde: z
			.string()
			.trim()
			.refine((v) => v === '' || /^-?\d+([.,]\d+)?$/.test(v), 'doelwaarde is geen getal (bijvoorbeeld 12,5 of 12.5)')
			.transform((v) => (v === '' ? null : Number(v.replace(',', '.')))),
		referentie: z
			.string()
			.trim()
			.refine((v) => v === '' || (REFERENCES as readonly string[]).includes(v), `referentie moet ${REFERENCES.join(', ')} of leeg zijn`)
			.transform((v) => (v === '' ? null : (v as (typeof REFERENCES)[number]))),
		basisjaar: year('basisjaar'),
		doeljaar: year('doeljaar'),
		bron: required('bron'),
		bron_url: text()
			.trim()
			.refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'bron_url is geen http(s)-adres')
			.transform((v) => v || null),
		vastgesteld_door: required('vastgesteld_door'),
		vastgesteld_op: required('vastgesteld_op').regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'vastgesteld_op: JJJJ, JJJJ-MM of JJJJ-MM-DD')
	})
	.superRefine((r, ctx) => {
		if (r.doeljaar <= r.basisjaar)
			ctx.addIssue({ code: 'custom', path: ['doeljaar'], message: `doeljaar ${r.doeljaar} ligt niet na het basisjaar ${r.basisjaar}` });
		if (r.soort === 'waarde' && r.doelwaarde == null) ctx.addIssue({ code: 'custom', path: ['doelwaarde'], message: 'soort waarde vraagt een doelwaarde' });
		if (r.soort === 'waarde' && r.referentie != null) ctx.addIssue({ code: 'custom', path: ['referentie'], message: 'soort waarde: laat referentie leeg' });
		if (r.soort === 'referentie' && r.referentie == null)
			ctx.addIssue({ code: 'custom', path: ['referentie'], message: 'soort referentie vraagt een referentie' });
		if (r.soort === 'referentie' && r.doelwaarde != null)
			ctx.addIssue({ code: 'custom', path: ['doelwaarde'], message: 'soort referentie: laat doelwaarde leeg' });
	});

export interface TargetLine {
	line: number;
	target: ProgrammeTarget;
}

/** Reads a targets file's lines; problems are added, lines with problems left out. */
export function readTargetLines(textIn: string, file: string, problems: ProblemList): TargetLine[] {
	return readRecordLines(
		textIn,
		file,
		problems,
		TARGET_COLUMNS,
		(record, line) => readTargetRecord(record, file, line, problems),
		(r) => r.target.id
	).map((l) => l.read);
}

/**
 * Reads one target from its fields (a CSV line, or the form on /beheer/doelen,
 * whose fields carry the column names); problems are added, null when there is one.
 */
export function readTargetRecord(record: Record<string, string>, file: string, line: number, problems: ProblemList): TargetLine | null {
	const parsed = parseNl(targetLine, record);
	if (!parsed.success) {
		for (const p of zodProblems(parsed.error)) problems.add({ file, line, ...p });
		return null;
	}
	const r = parsed.data;
	return {
		line,
		target: {
			id: r.id,
			area: r.gebied,
			indicator: r.indicator,
			kind: r.soort,
			value: r.doelwaarde,
			reference: r.referentie,
			baseYear: r.basisjaar,
			targetYear: r.doeljaar,
			citation: r.bron,
			url: r.bron_url,
			setBy: r.vastgesteld_door,
			setOn: r.vastgesteld_op
		}
	};
}

export interface TargetContext {
	/** Focus areas (by id) and CBS areas (by code) the lines name that exist. */
	areas: Map<string, Pick<KnownArea, 'kind' | 'superseded'> & Partial<KnownArea>>;
	indicators: Map<string, { kind: IndicatorKind }>;
}

/** Checks the lines against the database's areas and indicators; problems are added. */
export function checkTargetLines(lines: TargetLine[], file: string, ctx: TargetContext, problems: ProblemList): void {
	for (const { line, target: t } of lines) {
		const area = ctx.areas.get(t.area);
		const ind = ctx.indicators.get(t.indicator);
		if (!area)
			problems.add({
				file,
				line,
				field: 'gebied',
				reason: `onbekend gebied ${shown(t.area)} (een focusgebied-id zoals nprz-bloemhof of een CBS-code zoals GM0599)`
			});
		if (!ind) problems.add({ file, line, field: 'indicator', reason: `onbekende indicator ${shown(t.indicator)}` });
		if (area && t.reference && !referencesFor(area.kind, area.superseded).includes(t.reference)) {
			problems.add({ file, line, field: 'referentie', reason: `referentie ${t.reference} bestaat niet voor dit gebied` });
		}
		if (ind && t.kind === 'referentie' && gapKind(ind.kind) === 'none') {
			problems.add({
				file,
				line,
				field: 'indicator',
				reason: `${t.indicator} is een aantal: dat groeit met de grootte van een gebied en is niet met een referentie te vergelijken`
			});
		}
	}
}

export interface TargetImportResult {
	status: 'imported' | 'unchanged';
	batchId: number;
	count: number;
}

/**
 * Who may store a target in an area of this gemeente (null: the Netherlands, or
 * an area not known). Without it (the command line) every area may be used.
 */
export type MayManage = (gemeente: string | null) => boolean;

export interface TargetImportOptions {
	actor: Actor;
	force?: boolean;
	mayManage?: MayManage;
}

/**
 * Checks the lines against the database: areas, indicators, references, and
 * with `mayManage` whether the user may set targets in each line's area and
 * replace the stored target of the same id. Problems are added.
 */
export async function checkTargetsInDatabase(
	db: Db,
	lines: TargetLine[],
	file: string,
	problems: ProblemList,
	mayManage?: MayManage
): Promise<Map<string, KnownArea>> {
	const stored = mayManage
		? await targetsByIds(
				db,
				lines.map((l) => l.target.id)
			)
		: [];
	const names = [...new Set([...lines.map((l) => l.target.area), ...stored.map((r) => r.area)])];
	const [areas, indicators] = await Promise.all([knownAreas(db, names), knownIndicators(db, [...new Set(lines.map((l) => l.target.indicator))])]);
	checkTargetLines(lines, file, { areas, indicators }, problems);
	if (mayManage) {
		const storedArea = new Map(stored.map((r) => [r.id, r.area]));
		for (const { line, target: t } of lines) {
			const a = areas.get(t.area);
			if (a && !mayManage(a.gemeente))
				problems.add({ file, line, field: 'gebied', reason: `gebied ${shown(t.area)} ligt buiten de gemeente waarvoor u monitor bent` });
			const old = storedArea.get(t.id);
			if (old != null && old !== t.area && !mayManage(areas.get(old)?.gemeente ?? null))
				problems.add({ file, line, field: 'id', reason: `doel ${t.id} hoort bij ${shown(old)}, buiten de gemeente waarvoor u monitor bent` });
		}
	}
	return areas;
}

/**
 * Records a change of the stored targets as a batch of kind `targets` (which
 * gives the pages a new data version): a file, or one change on screen.
 */
export async function recordTargetBatch(
	tx: Tx,
	actor: Actor,
	b: { input: string; checksum: string; count: number; started: Date; finished: Date }
): Promise<number> {
	const [batch] = await tx
		.insert(importBatch)
		.values({
			kind: 'targets',
			input: b.input,
			checksum: b.checksum,
			files: [{ path: b.input, sha256: b.checksum, rows: b.count }],
			rowCounts: { targets: b.count },
			startedAt: b.started,
			finishedAt: b.finished,
			durationMs: b.finished.getTime() - b.started.getTime(),
			status: 'ok',
			importedBy: actor.email
		})
		.returning({ id: importBatch.id });
	return batch.id;
}

/** Stores (inserts or replaces) one target in the batch, with its audit row; returns the row as stored. */
export async function storeTarget(tx: Tx, actor: Actor, t: ProgrammeTarget, batchId: number, at: Date, before: TargetRow | null): Promise<TargetRow> {
	const row: TargetRow = { ...t, importedBy: actor.email, importedAt: at, batchId };
	await tx
		.insert(target)
		.values(row)
		.onConflictDoUpdate({ target: target.id, set: { ...row, id: sql`excluded.id` } });
	await recordAudit(tx, actor, { action: before ? 'update' : 'create', entity: 'target', entityId: t.id, before, after: row });
	return row;
}

/**
 * Reads, checks and writes a targets file. Throws an ImportError listing every
 * problem (file, line, field, reason) and writes nothing when there is one.
 */
export async function importTargets(database: Database, file: string, opts: TargetImportOptions): Promise<TargetImportResult> {
	return importTargetText(database, { name: path.basename(file), bytes: await readFile(file) }, opts);
}

/**
 * Checks and writes the content of a targets file (the command line's file,
 * or one uploaded on /beheer/doelen): all lines or, with any problem, none.
 * Throws an ImportError listing every problem (file, line, field, reason).
 */
export async function importTargetText(database: Database, input: { name: string; bytes: Uint8Array }, opts: TargetImportOptions): Promise<TargetImportResult> {
	const started = new Date();
	const { name } = input;
	const checksum = createHash('sha256').update(input.bytes).digest('hex');
	const problems = new ProblemList();
	const lines = readTargetLines(new TextDecoder().decode(input.bytes), name, problems);
	await checkTargetsInDatabase(database.db, lines, name, problems, opts.mayManage);
	if (!lines.length && !problems.size) problems.add({ file: name, reason: 'geen doelen in het bestand' });
	// In the order of the file: the line checks come before the database checks.
	problems.items.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
	problems.throwIfAny();

	if (!opts.force) {
		const [last] = await database.db.select().from(importBatch).where(eq(importBatch.kind, 'targets')).orderBy(desc(importBatch.id)).limit(1);
		if (last && last.checksum === checksum) return { status: 'unchanged', batchId: last.id, count: lines.length };
	}
	const batchId = await database.db.transaction(async (tx) => {
		const finished = new Date();
		const id = await recordTargetBatch(tx, opts.actor, { input: name, checksum, count: lines.length, started, finished });
		const before = new Map(
			(
				await targetsByIds(
					tx,
					lines.map((l) => l.target.id)
				)
			).map((r) => [r.id, r])
		);
		for (const { target: t } of lines) await storeTarget(tx, opts.actor, t, id, finished, before.get(t.id) ?? null);
		return id;
	});
	return { status: 'imported', batchId, count: lines.length };
}

/**
 * The programme targets the project ships (geodata/targets.csv), after the data
 * package they refer to. A refused file is reported and leaves the figures
 * served: the targets are an addition to them, not a condition.
 */
export async function importShippedTargets(database: Database, file: string, by: string): Promise<void> {
	try {
		const r = await importTargets(database, file, { actor: { id: null, email: by } });
		if (r.status === 'imported') console.error(`Doelen uit ${file}: ${r.count} geladen (batch ${r.batchId}).`);
	} catch (e) {
		console.error(`Doelen uit ${file} niet geladen:\n${e instanceof ImportError ? problemReport(e) : errorReason(e)}`);
	}
}
