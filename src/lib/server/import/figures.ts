/**
 * Figures added to what is there: an uploaded table (`tabel`, tidy CSV) or a
 * CBS Kerncijfers wijken en buurten file (`kwb`). Unlike a data package, which
 * replaces what earlier packages wrote, such a batch only touches the figures
 * it brings: one with the same area, indicator and period replaces the stored
 * one, which moves to `observation_replaced` (the history), so that rolling
 * the batch back (`rollbackBatch`) restores exactly what was there before.
 *
 * One path for preview and commit: in one transaction the file is streamed
 * into a temporary table (checked line by line against the registry, the known
 * areas and the user's gemeenten), compared with the stored figures (new,
 * changed, unchanged per indicator and period) and then either written or
 * rolled back. A file with any bad line is refused whole: nothing is written,
 * and every problem names file, line and column.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Actor } from '../auth/audit';
import { recordAudit } from '../auth/audit';
import { rowsOf, type Database } from '../db/index';
import { readKwbColumns, readKwbFile, kwbYearOfName } from './kwb';
import { stageBoundaryUpload, writeBoundaryUpload, type ChangeMap } from './boundary-upload';
import { moveReplaced, projectFile } from './loader';
import { commitPackage, previewPackage, type PackageCounts } from './package-upload';
import { ImportError, ProblemList, shown, databaseProblem } from './problems';
import { silentProgress, type Progress } from './progress';
import { registryFields } from './registry';
import { readRules, weightOf } from './rules';
import { readTidyFile, type TidyLine } from './tidy';
import { PERIOD_RANGE, gemeenteOfCode } from './validate';

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

export const FIGURE_KINDS = ['tabel', 'kwb', 'grenzen', 'pakket'] as const;
export type FigureKind = (typeof FIGURE_KINDS)[number];

export interface FigureInput {
	/** the file on disk */
	path: string;
	/** its name as the user knows it (problems and the batch history name it) */
	name: string;
	kind: FigureKind;
	/** KWB year; for a table it is in every line */
	year: number | null;
	/** The source of lines without a `source` column value: a title, made into a source of its own. */
	sourceTitle: string | null;
	/** Gemeente codes the user may load figures for; null: everywhere (a national monitor, the command line). */
	gemeenten: string[] | null;
}

export interface FigureCounts {
	rows: number;
	new: number;
	changed: number;
	unchanged: number;
}
export interface FigureChange extends Omit<FigureCounts, 'rows'> {
	indicator: string;
	labelNl: string;
	labelEn: string;
	period: number;
}
export interface FigureExample {
	areaCode: string;
	areaName: string | null;
	indicator: string;
	period: number;
	change: 'new' | 'changed';
	/**
	 * The stored value: only for boundaries (their area in km²). A stored figure
	 * is not shown: it may be one that small-number suppression withholds, and
	 * the preview must not be a way round it.
	 */
	before: number | null;
	after: number;
}
export interface FigurePreview {
	file: string;
	sha256: string;
	bytes: number;
	kind: FigureKind;
	counts: FigureCounts;
	/** per indicator and period */
	changes: FigureChange[];
	/** a few changed figures, before and after */
	examples: FigureExample[];
	/** indicators the upload adds to the registry */
	newIndicators: string[];
	sources: string[];
	/** codes of new areas (boundaries only) */
	newAreas: string[];
	/** boundaries: an outline map of what changes */
	map?: ChangeMap | null;
	/** a data package: what it holds, and whether it is the package already loaded */
	package?: PackageCounts & { loaded: boolean };
}
export type FigureResult = { status: 'imported'; batchId: number; preview: FigurePreview } | { status: 'unchanged'; preview: FigurePreview };

/** Thrown inside the transaction of a preview (or of a commit with nothing to store) so it rolls back. */
class PreviewDone extends Error {
	constructor(readonly preview: FigurePreview) {
		super('preview');
	}
}

/** What the upload will change; writes nothing. Throws ImportError when the file has problems. */
export async function previewFigures(database: Database, input: FigureInput, progress: Progress = silentProgress): Promise<FigurePreview> {
	if (input.kind === 'pakket') {
		const { size } = await stat(input.path);
		const p = await previewPackage(database, input.path, input.name, progress);
		return packagePreview(input, await fileHash(input.path), size, p.counts, p.loaded);
	}
	try {
		await database.db.transaction(async (tx) => {
			throw new PreviewDone(await stage(tx, input, progress));
		});
	} catch (e) {
		if (e instanceof PreviewDone) return e.preview;
		throw located(e, input);
	}
	throw new Error('unreachable');
}

/**
 * Stores the figures of the upload in one transaction with their batch and an
 * audit row. Nothing new or changed: nothing is written (`unchanged`), so the
 * same file twice is a no-op.
 */
export async function commitFigures(database: Database, input: FigureInput, actor: Actor, progress: Progress = silentProgress): Promise<FigureResult> {
	if (input.kind === 'pakket') return commitUploadedPackage(database, input, actor, progress);
	const started = new Date();
	const result = await database.db
		.transaction(async (tx): Promise<FigureResult> => {
			const preview = await stage(tx, input, progress);
			// Nothing to store: roll back, so not even a source made for the check stays.
			if (preview.counts.new === 0 && preview.counts.changed === 0) throw new PreviewDone(preview);
			const finished = new Date();
			const [batch] = rowsOf<{ id: number }>(
				await tx.execute(sql`
					INSERT INTO import_batch (kind, input, checksum, files, row_counts, started_at, finished_at, duration_ms, status, imported_by)
					VALUES (${BATCH_KIND[input.kind]}, ${input.name}, ${preview.sha256},
						${JSON.stringify([{ path: input.name, sha256: preview.sha256, rows: preview.counts.rows }])}::jsonb,
						${JSON.stringify({ ...preview.counts, rejected: 0 })}::jsonb, ${started.toISOString()}::timestamptz, ${finished.toISOString()}::timestamptz, ${finished.getTime() - started.getTime()}, 'ok', ${actor.email})
					RETURNING id`)
			);
			if (input.kind === 'grenzen') await writeBoundaryUpload(tx, batch.id);
			else await writeFigures(tx, batch.id);
			await tx.execute(
				sql`UPDATE indicator SET batch_id = ${batch.id} WHERE batch_id IS NULL AND key IN (SELECT jsonb_array_elements_text(${JSON.stringify(preview.newIndicators)}::jsonb))`
			);
			await tx.execute(
				sql`UPDATE source SET batch_id = ${batch.id} WHERE batch_id IS NULL AND id IN (SELECT jsonb_array_elements_text(${JSON.stringify(preview.sources)}::jsonb))`
			);
			await recordAudit(tx, actor, {
				action: 'data.upload',
				entity: 'import_batch',
				entityId: String(batch.id),
				before: null,
				after: { file: input.name, kind: input.kind, sha256: preview.sha256, counts: preview.counts, newIndicators: preview.newIndicators }
			});
			return { status: 'imported', batchId: batch.id, preview };
		})
		.catch((e: unknown): FigureResult => {
			if (e instanceof PreviewDone) return { status: 'unchanged', preview: e.preview };
			throw located(e, input);
		});
	if (result.status === 'imported') await database.rows(sql`ANALYZE observation`);
	return result;
}

/** The batch kind each upload is recorded under. */
const BATCH_KIND: Record<FigureKind, string> = { tabel: 'cijfers', kwb: 'kwb', grenzen: 'grenzen', pakket: 'datapackage' };

function packagePreview(input: FigureInput, sha256: string, bytes: number, counts: PackageCounts, loaded: boolean): FigurePreview {
	const n = counts.observations;
	return {
		file: input.name,
		sha256,
		bytes,
		kind: 'pakket',
		counts: { rows: n, new: loaded ? 0 : n, changed: 0, unchanged: loaded ? n : 0 },
		changes: [],
		examples: [],
		newIndicators: [],
		sources: [],
		newAreas: [],
		package: { ...counts, loaded }
	};
}

/** A data package: its own import (one transaction, a no-op when loaded already), then the audit row. */
async function commitUploadedPackage(database: Database, input: FigureInput, actor: Actor, progress: Progress): Promise<FigureResult> {
	const { size } = await stat(input.path);
	const sha256 = await fileHash(input.path);
	const r = await commitPackage(database, input.path, input.name, actor.email, progress);
	const preview = packagePreview(input, sha256, size, r.counts as unknown as PackageCounts, r.status === 'unchanged');
	if (r.status === 'unchanged') return { status: 'unchanged', preview };
	await recordAudit(database.db, actor, {
		action: 'data.upload',
		entity: 'import_batch',
		entityId: String(r.batchId),
		before: null,
		after: { file: input.name, kind: 'pakket', sha256, counts: r.counts }
	});
	return { status: 'imported', batchId: r.batchId, preview };
}

/** Stores the staged figures as batch `batchId`: changed ones move to the history first. */
async function writeFigures(tx: Tx, batchId: number): Promise<void> {
	const changed = sql`SELECT u.area_code AS a, u.indicator AS i, u.period AS p FROM upload_figure u
		JOIN observation o USING (area_code, indicator, period) WHERE o.value <> u.value OR o.provisional <> u.provisional`;
	await tx.execute(moveReplaced(changed, batchId));
	await tx.execute(sql`
		INSERT INTO observation (area_code, indicator, period, value, source_id, provisional, estimate, batch_id)
		SELECT u.area_code, u.indicator, u.period, u.value, u.source_id, u.provisional, u.estimate, ${batchId}
		FROM upload_figure u LEFT JOIN observation o USING (area_code, indicator, period) WHERE o.area_code IS NULL`);
}

function located(e: unknown, input: FigureInput): unknown {
	return e instanceof ImportError ? e : new ImportError([databaseProblem(e, { file: input.name })]);
}

/**
 * Reads the file into the temporary table `upload_figure` and compares it
 * with the stored figures. Registry rows the upload needs (a KWB column's
 * indicator, the form's source) are inserted with batch_id null: the commit
 * claims them, a preview rolls them back.
 */
async function stage(tx: Tx, input: FigureInput, progress: Progress): Promise<FigurePreview> {
	const problems = new ProblemList(200);
	const { size } = await stat(input.path);
	const sha256 = await fileHash(input.path);
	await tx.execute(sql`CREATE TEMPORARY TABLE upload_figure (
		area_code text NOT NULL, indicator text NOT NULL, period int NOT NULL, value float8 NOT NULL,
		source_id text NOT NULL, provisional boolean NOT NULL, estimate boolean, line int NOT NULL) ON COMMIT DROP`);
	const known = await knownKeys(tx);
	const newIndicators: string[] = [];
	const sources = new Set<string>();
	const formSource = input.sourceTitle?.trim() ? await ensureFormSource(tx, input.sourceTitle.trim(), known) : null;
	if (input.kind === 'grenzen') {
		const sourceId = formSource ?? (await ensureFormSource(tx, `Grenzen uit ${input.name}`, known));
		const staged = await stageBoundaryUpload(tx, input, sourceId, known.areas, problems);
		problems.items.sort((a, b) => (a.feature ?? 0) - (b.feature ?? 0));
		problems.throwIfAny();
		if (!staged) throw new ImportError([{ file: input.name, reason: 'geen grenzen gelezen' }]);
		return { file: input.name, sha256, bytes: size, kind: input.kind, ...staged, newIndicators: [], sources: [sourceId] };
	}
	const check = rowChecker(input, known, problems, formSource);
	if (input.kind === 'tabel') progress.phase('Controleren', size);
	let rows = 0;
	const take = async (lines: CheckedLine[]) => {
		for (const l of lines) if (l.source && !known.sources.has(l.source)) await ensureKwbSource(tx, l.source, known, input.name);
		const good = lines.filter((l) => check(l));
		for (const l of good) sources.add(l.source);
		rows += lines.length;
		if (good.length && problems.size === 0) {
			await tx.execute(sql`
				INSERT INTO upload_figure SELECT r.a, r.i, r.p, r.v, r.s, r.pr, r.e, r.l
				FROM json_to_recordset(${JSON.stringify(good.map((l) => ({ a: l.area_code, i: l.indicator, p: l.period, v: l.value, s: l.source, pr: l.provisional, e: l.estimate, l: l.line })))}::json)
					AS r(a text, i text, p int, v float8, s text, pr boolean, e boolean, l int)`);
		}
	};
	if (input.kind === 'tabel') {
		await readTidyFile(
			input.path,
			input.name,
			problems,
			(lines) => take(lines.map(tidyLine)),
			(bytes) => progress.advance(bytes, `${rows.toLocaleString('nl-NL')} regels`)
		);
	} else {
		const kwb = await readKwbUpload(tx, input, known, problems, progress);
		newIndicators.push(...kwb.newIndicators);
		await take(kwb.lines);
	}
	if (input.kind === 'tabel' && !formSource && [...sources].some((s) => s === '')) {
		problems.add({ file: input.name, field: 'source', reason: 'regels zonder bron: vul de kolom source of geef de bron op in het formulier' });
	}
	// The form's source, made for lines without one: not kept when every line named its own.
	if (formSource && !sources.has(formSource)) await tx.execute(sql`DELETE FROM source WHERE id = ${formSource} AND batch_id IS NULL`);
	problems.items.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
	problems.throwIfAny();
	if (rows === 0) problems.add({ file: input.name, reason: 'geen cijfers in het bestand' });
	await duplicates(tx, input.name, problems);
	problems.throwIfAny();
	return {
		file: input.name,
		sha256,
		bytes: size,
		kind: input.kind,
		...(await compare(tx)),
		newIndicators,
		sources: [...sources].filter(Boolean).sort(),
		newAreas: []
	};
}

async function fileHash(path: string): Promise<string> {
	const hash = createHash('sha256');
	for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
	return hash.digest('hex');
}

interface Known {
	/** area code → its gemeente (null for the country) */
	areas: Map<string, string | null>;
	indicators: Set<string>;
	sources: Set<string>;
}

async function knownKeys(tx: Tx): Promise<Known> {
	const areas = rowsOf<{ code: string; gm: string | null }>(await tx.execute(sql`SELECT code, gemeente_code AS gm FROM area WHERE NOT superseded`));
	const indicators = rowsOf<{ key: string }>(await tx.execute(sql`SELECT key FROM indicator`));
	const sources = rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM source`));
	return { areas: new Map(areas.map((a) => [a.code, a.gm])), indicators: new Set(indicators.map((i) => i.key)), sources: new Set(sources.map((s) => s.id)) };
}

/** A line ready for the cross checks: the tidy row's fields with the source resolved. */
interface CheckedLine {
	area_code: string;
	period: number;
	indicator: string;
	value: number;
	source: string;
	provisional: boolean;
	estimate: boolean | null;
	line: number;
	file?: string;
}

const tidyLine = (l: TidyLine): CheckedLine => ({
	area_code: l.area_code,
	period: l.period,
	indicator: l.indicator,
	value: l.value,
	source: l.source?.trim() ?? '',
	provisional: l.provisional ?? false,
	estimate: l.estimate,
	line: l.line
});

/** Cross checks of one line: the area, indicator and source exist, the period is not in the future, the gemeente is the user's. */
function rowChecker(input: FigureInput, known: Known, problems: ProblemList, formSource: string | null) {
	const lastYear = new Date().getFullYear() + 1;
	return (l: CheckedLine): boolean => {
		const at = { file: l.file ?? input.name, line: l.line };
		if (!l.source && formSource) l.source = formSource;
		if (!known.areas.has(l.area_code)) {
			problems.add({ ...at, field: 'area_code', reason: `onbekende gebiedscode ${shown(l.area_code)} (geen gemeente, wijk of buurt van de huidige indeling)` });
			return false;
		}
		const gm = l.area_code.startsWith('GM') ? l.area_code : (known.areas.get(l.area_code) ?? gemeenteOfCode(l.area_code));
		if (input.gemeenten && (!gm || !input.gemeenten.includes(gm))) {
			problems.add({ ...at, field: 'area_code', reason: `${l.area_code} ligt buiten de gemeente(n) waarvoor u monitor bent (${input.gemeenten.join(', ')})` });
			return false;
		}
		if (!known.indicators.has(l.indicator)) {
			problems.add({ ...at, field: 'indicator', reason: `onbekende indicator ${shown(l.indicator)}; zie de lijst van indicatoren op de pagina Over` });
			return false;
		}
		if (l.period > lastYear || l.period < PERIOD_RANGE.min) {
			problems.add({ ...at, field: 'period', reason: `${l.period} ligt in de toekomst` });
			return false;
		}
		if (l.source && !known.sources.has(l.source)) {
			problems.add({ ...at, field: 'source', reason: `onbekende bron ${shown(l.source)}: laat de kolom leeg en geef de bron op in het formulier` });
			return false;
		}
		return true;
	};
}

/** The source the form names for lines without one: id `upload-` + a slug of its title, made once. */
async function ensureFormSource(tx: Tx, title: string, known: Known): Promise<string> {
	const slug = title
		.toLowerCase()
		.normalize('NFKD')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 48);
	const id = `upload-${slug || createHash('sha256').update(title).digest('hex').slice(0, 8)}`;
	if (!known.sources.has(id)) {
		await tx.execute(sql`INSERT INTO source (id, title, attribution, batch_id) VALUES (${id}, ${title.slice(0, 300)}, ${title.slice(0, 300)}, NULL)`);
		known.sources.add(id);
	}
	return id;
}

/** A KWB source id: the figures of one Kerncijfers year, as uploaded or fetched from CBS (`data:fetch -- kwb`). */
const KWB_SOURCE = /^cbs-kwb-(\d{4})$/;

/**
 * Makes the source `cbs-kwb-<year>` when the registry lacks it, with the
 * licence of the package's own KWB source (CBS publishes under CC BY 4.0).
 */
async function ensureKwbSource(tx: Tx, sourceId: string, known: Known, file: string): Promise<void> {
	const year = KWB_SOURCE.exec(sourceId)?.[1];
	if (!year || known.sources.has(sourceId)) return;
	const [cbs] = rowsOf<{ licence_name: string | null; licence_title: string | null; licence_url: string | null }>(
		await tx.execute(
			sql`SELECT licence_name, licence_title, licence_url FROM source WHERE id LIKE 'cbs-kwb-%' AND licence_name IS NOT NULL ORDER BY id DESC LIMIT 1`
		)
	);
	await tx.execute(sql`
		INSERT INTO source (id, title, publisher, licence_name, licence_title, licence_url, attribution, batch_id)
		VALUES (${sourceId}, ${`CBS Kerncijfers wijken en buurten ${year} (bestand ${file.slice(0, 120)})`}, 'CBS',
			${cbs?.licence_name ?? 'CC-BY-4.0'}, ${cbs?.licence_title ?? 'Creative Commons Attribution 4.0'}, ${cbs?.licence_url ?? 'https://creativecommons.org/licenses/by/4.0/'},
			${`Bron: CBS, Kerncijfers wijken en buurten ${year}`}, NULL)`);
	known.sources.add(sourceId);
}

/** The same area, indicator and period on two lines: every such pair, with both lines. */
async function duplicates(tx: Tx, file: string, problems: ProblemList): Promise<void> {
	const dup = rowsOf<{ a: string; i: string; p: number; lines: number[] }>(
		await tx.execute(sql`SELECT area_code AS a, indicator AS i, period AS p, array_agg(line ORDER BY line) AS lines
			FROM upload_figure GROUP BY 1, 2, 3 HAVING count(*) > 1 ORDER BY min(line) LIMIT 50`)
	);
	for (const d of dup) {
		const lines = d.lines.map(Number);
		problems.add({ file, line: lines[1], reason: `dubbele waarde voor ${d.a}, ${d.i}, ${d.p} (ook op regel ${lines[0]})` });
	}
}

/** New, changed and unchanged figures per indicator and period, and a few changed ones. */
async function compare(tx: Tx): Promise<Pick<FigurePreview, 'counts' | 'changes' | 'examples'>> {
	const per = rowsOf<{ indicator: string; label_nl: string; label_en: string; period: number; new: number; changed: number; unchanged: number }>(
		await tx.execute(sql`
			SELECT u.indicator, i.label_nl, i.label_en, u.period,
				count(*) FILTER (WHERE o.area_code IS NULL)::int AS new,
				count(*) FILTER (WHERE o.value <> u.value OR o.provisional <> u.provisional)::int AS changed,
				count(*) FILTER (WHERE o.value = u.value AND o.provisional = u.provisional)::int AS unchanged
			FROM upload_figure u JOIN indicator i ON i.key = u.indicator
			LEFT JOIN observation o USING (area_code, indicator, period)
			GROUP BY 1, 2, 3, 4 ORDER BY 2, 4`)
	);
	const examples = rowsOf<{ a: string; n: string | null; i: string; p: number; existed: boolean; after: number }>(
		await tx.execute(sql`
			SELECT u.area_code AS a, ar.name AS n, u.indicator AS i, u.period AS p, o.area_code IS NOT NULL AS existed, u.value AS after
			FROM upload_figure u LEFT JOIN observation o USING (area_code, indicator, period) LEFT JOIN area ar ON ar.code = u.area_code
			WHERE o.area_code IS NULL OR o.value <> u.value
			ORDER BY (o.area_code IS NULL), u.line LIMIT 12`)
	);
	const changes = per.map((r) => ({
		indicator: r.indicator,
		labelNl: r.label_nl,
		labelEn: r.label_en,
		period: Number(r.period),
		new: Number(r.new),
		changed: Number(r.changed),
		unchanged: Number(r.unchanged)
	}));
	const sum = (k: 'new' | 'changed' | 'unchanged') => changes.reduce((n, c) => n + c[k], 0);
	return {
		counts: { rows: sum('new') + sum('changed') + sum('unchanged'), new: sum('new'), changed: sum('changed'), unchanged: sum('unchanged') },
		changes,
		examples: examples.map((e) => ({
			areaCode: e.a,
			areaName: e.n,
			indicator: e.i,
			period: Number(e.p),
			change: e.existed ? 'changed' : 'new',
			before: null,
			after: Number(e.after)
		}))
	};
}

/**
 * A CBS Kerncijfers file: its columns become indicators through
 * geodata/kwb-columns.json; its figures get the source `cbs-kwb-<year>`
 * (made, with CBS's licence, when the package has none of that year), and a
 * column whose indicator the registry lacks brings its registry entry along.
 */
async function readKwbUpload(
	tx: Tx,
	input: FigureInput,
	known: Known,
	problems: ProblemList,
	progress: Progress
): Promise<{ lines: CheckedLine[]; newIndicators: string[] }> {
	const columnsFile = projectFile('geodata/kwb-columns.json');
	const rulesFile = projectFile('geodata/indicator-rules.json');
	const columns = readKwbColumns(await readFile(columnsFile, 'utf8'), path.basename(columnsFile), problems);
	const rules = readRules(await readFile(rulesFile, 'utf8'), path.basename(rulesFile), problems);
	if (!columns || !rules) return { lines: [], newIndicators: [] };
	const year = input.year ?? kwbYearOfName(input.name);
	const sourceId = `cbs-kwb-${year ?? 'onbekend'}`;
	const read = await readKwbFile({ path: input.path, name: input.name }, { period: input.year, sourceId, columns, progress }, problems);
	if (!read.rows.length) return { lines: [], newIndicators: [] };
	const newIndicators: string[] = [];
	for (const key of read.indicators) {
		if (known.indicators.has(key)) continue;
		const def = columns.indicators.find((i) => i.indicator === key);
		const fields = def && registryFields(def, rules, { file: path.basename(columnsFile), line: 0, rulesFile: path.basename(rulesFile) }, problems);
		if (!def || !fields) {
			if (!def)
				problems.add({ file: path.basename(columnsFile), field: key, reason: `indicator ${key} staat niet in het register en niet onder "indicators"` });
			continue;
		}
		await tx.execute(sql`
			INSERT INTO indicator (key, label_nl, label_en, unit, unit_en, format, decimals, definition_nl, definition_en, higher_is_better, kind, denominator, weight, numerator, scale, estimate, theme, theme_order, theme_nl, theme_en, source_table, batch_id)
			VALUES (${key}, ${def.label_nl}, ${def.label_en}, ${def.unit}, ${fields.unitEn}, ${fields.format}, ${fields.decimals}, ${def.definition_nl}, ${def.definition_en},
				${def.higher_is_better === '' ? null : def.higher_is_better === 'true'}, ${def.kind}, ${def.denominator_indicator || null},
				${weightOf(rules, { key, kind: def.kind, unit: def.unit, denominator: def.denominator_indicator || null })}, ${rules.indicators[key]?.numerator ?? null},
				${rules.indicators[key]?.scale ?? null}, ${def.estimate === 'true'}, ${def.theme}, ${fields.themeOrder}, ${fields.themeNl}, ${fields.themeEn}, ${def.source_table}, NULL)`);
		known.indicators.add(key);
		newIndicators.push(key);
	}
	await ensureKwbSource(tx, sourceId, known, input.name);
	const lines = read.rows.map((r): CheckedLine => ({
		area_code: r.areaCode,
		period: r.period,
		indicator: r.indicator,
		value: r.value,
		source: sourceId,
		provisional: r.provisional,
		estimate: null,
		line: r.line,
		file: r.file
	}));
	return { lines, newIndicators };
}

export type RollbackResult =
	{ status: 'rolled-back'; batchId: number; removed: number; restored: number } | { status: 'refused'; reason: string } | { status: 'not-found' };

/** Batch kinds whose figures can be rolled back: they only added to what was there. */
const ROLLBACK_KINDS = ['cijfers', 'kwb', 'grenzen'];

/**
 * Rolls batch `id` back in one transaction: its figures go, the ones it
 * replaced come back from the history, registry rows only it brought are
 * removed; the batch is marked `teruggedraaid` and a batch of kind
 * `terugdraaien` records the step (and gives the pages a new data version).
 * Refused (with the reason) for a data package, a batch already rolled back,
 * or one whose figures a later batch replaced in turn: that one goes first.
 */
export async function rollbackBatch(database: Database, id: number, actor: Actor): Promise<RollbackResult> {
	return database.db.transaction(async (tx): Promise<RollbackResult> => {
		const [b] = rowsOf<{ id: number; kind: string; input: string; status: string; checksum: string }>(
			await tx.execute(sql`SELECT id, kind, input, status, checksum FROM import_batch WHERE id = ${id} FOR UPDATE`)
		);
		if (!b) return { status: 'not-found' };
		if (!ROLLBACK_KINDS.includes(b.kind)) {
			return {
				status: 'refused',
				reason:
					b.kind === 'datapackage'
						? 'Een datapakket vervangt alles wat eerdere pakketten schreven en kan niet worden teruggedraaid; importeer het vorige pakket opnieuw.'
						: 'Deze batch bevat geen cijfers om terug te draaien.'
			};
		}
		if (b.status !== 'ok') return { status: 'refused', reason: `Batch ${b.id} is al teruggedraaid.` };
		const later = rowsOf<{ by: number }>(
			await tx.execute(sql`SELECT replaced_by AS by FROM observation_replaced WHERE batch_id = ${b.id}
				UNION SELECT replaced_by FROM boundary_replaced WHERE batch_id = ${b.id} ORDER BY 1`)
		).map((r) => Number(r.by));
		if (later.length) {
			return {
				status: 'refused',
				reason: `Latere batches (${later.join(', ')}) vervingen cijfers van deze batch; draai die eerst terug.`
			};
		}
		const [removed] = rowsOf<{ n: number }>(
			await tx.execute(sql`WITH gone AS (DELETE FROM observation WHERE batch_id = ${b.id} RETURNING 1) SELECT count(*)::int AS n FROM gone`)
		);
		const [restored] = rowsOf<{ n: number }>(
			await tx.execute(sql`WITH back AS (
				INSERT INTO observation (area_code, indicator, period, value, source_id, provisional, estimate, batch_id)
				SELECT area_code, indicator, period, value, source_id, provisional, estimate, batch_id FROM observation_replaced WHERE replaced_by = ${b.id}
				RETURNING 1) SELECT count(*)::int AS n FROM back`)
		);
		await tx.execute(sql`DELETE FROM observation_replaced WHERE replaced_by = ${b.id}`);
		const [bounds] = rowsOf<{ n: number }>(
			await tx.execute(sql`WITH gone AS (DELETE FROM boundary WHERE batch_id = ${b.id} RETURNING 1) SELECT count(*)::int AS n FROM gone`)
		);
		const [boundsBack] = rowsOf<{ n: number }>(
			await tx.execute(sql`WITH back AS (
				INSERT INTO boundary (code, level, vintage, geometry_quality, source_id, geom, batch_id)
				SELECT code, level, vintage, geometry_quality, source_id, geom, batch_id FROM boundary_replaced WHERE replaced_by = ${b.id}
				RETURNING 1) SELECT count(*)::int AS n FROM back`)
		);
		await tx.execute(sql`DELETE FROM boundary_replaced WHERE replaced_by = ${b.id}`);
		await tx.execute(sql`DELETE FROM area WHERE batch_id = ${b.id} AND code NOT IN (SELECT code FROM boundary)
			AND code NOT IN (SELECT DISTINCT area_code FROM observation) AND code NOT IN (SELECT area_code FROM focus_area_member)`);
		await tx.execute(sql`DELETE FROM indicator WHERE batch_id = ${b.id} AND key NOT IN (SELECT DISTINCT indicator FROM observation)`);
		await tx.execute(sql`DELETE FROM source WHERE batch_id = ${b.id}
			AND id NOT IN (SELECT DISTINCT source_id FROM observation) AND id NOT IN (SELECT DISTINCT source_id FROM boundary)`);
		const now = new Date();
		await tx.execute(
			sql`UPDATE import_batch SET status = 'teruggedraaid', rolled_back_at = ${now.toISOString()}::timestamptz, rolled_back_by = ${actor.email} WHERE id = ${b.id}`
		);
		const counts = { removed: Number(removed.n) + Number(bounds.n), restored: Number(restored.n) + Number(boundsBack.n) };
		await tx.execute(sql`
			INSERT INTO import_batch (kind, input, checksum, files, row_counts, started_at, finished_at, duration_ms, status, imported_by)
			VALUES ('terugdraaien', ${`batch ${b.id}: ${b.input}`}, ${createHash('sha256').update(`rollback:${b.id}:${b.checksum}`).digest('hex')},
				'[]'::jsonb, ${JSON.stringify(counts)}::jsonb, ${now.toISOString()}::timestamptz, ${now.toISOString()}::timestamptz, 0, 'ok', ${actor.email})`);
		await recordAudit(tx, actor, {
			action: 'data.rollback',
			entity: 'import_batch',
			entityId: String(b.id),
			before: { status: b.status },
			after: { status: 'teruggedraaid', ...counts }
		});
		return { status: 'rolled-back', batchId: b.id, ...counts };
	});
}
