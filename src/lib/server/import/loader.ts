/**
 * Writes a validated data package into the database in one transaction:
 * stage → validate → swap → record the batch. A re-run of the same input (same
 * checksums) is a no-op; a failure rolls everything back and names the place.
 * A database error never reaches the user as SQL: it becomes a problem with the
 * file and line (or feature) of the row the database refused.
 */
import { desc, eq, sql, type SQL } from 'drizzle-orm';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { intlLocale } from '../../i18n/locale';
import { rowsOf, type Database } from '../db/index';
import { importBatch } from '../db/schema/index';
import { readDataPackage } from './datapackage';
import { DESCRIPTOR_FILE } from './descriptor';
import { databaseProblem, ImportError, shown, type Problem } from './problems';
import { silentProgress, type Progress } from './progress';
import type { StagedPackage } from './staged';

export interface ImportResult {
	status: 'imported' | 'unchanged';
	batchId: number;
	checksum: string;
	counts: Record<string, number>;
	durationMs: number;
}

export interface ImportOptions {
	focusAreasFile?: string;
	rulesFile?: string;
	progress?: Progress;
	importedBy?: string;
	/** Import even when the same input was imported before (the result is the same). */
	force?: boolean;
}

const CHUNK = 5000;

/** A file of the project (geodata/…): from the working directory, else relative to this module. */
export function projectFile(rel: string): string {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const candidates = [path.resolve(process.cwd(), rel), path.resolve(here, '../../../..', rel)];
	return candidates.find((c) => existsSync(c)) ?? candidates[0];
}

function chunks<T>(items: T[], size = CHUNK): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

/** Reads, validates and loads the data package in `dir`. */
export async function importDataPackage(database: Database, dir: string, opts: ImportOptions = {}): Promise<ImportResult> {
	const progress = opts.progress ?? silentProgress;
	const started = new Date();
	const staged = await readDataPackage(dir, {
		focusAreasFile: opts.focusAreasFile ?? projectFile('geodata/focus-areas.json'),
		rulesFile: opts.rulesFile ?? projectFile('geodata/indicator-rules.json'),
		progress
	});
	const counts = {
		sources: staged.sources.length,
		indicators: staged.indicators.length,
		areas: staged.areas.length,
		boundaries: staged.boundaries.length,
		observations: staged.observations.length,
		focus_areas: staged.focusAreas.length
	};
	if (!opts.force) {
		const [last] = await database.db.select().from(importBatch).where(eq(importBatch.kind, 'datapackage')).orderBy(desc(importBatch.id)).limit(1);
		if (last && last.checksum === staged.checksum) {
			progress.done(`Niets te doen: dit datapakket is al geïmporteerd (batch ${last.id}, ${last.finishedAt.toISOString()}).`);
			return { status: 'unchanged', batchId: last.id, checksum: staged.checksum, counts: last.rowCounts, durationMs: Date.now() - started.getTime() };
		}
	}
	const batchId = await write(database, staged, counts, started, opts.importedBy ?? defaultUser(), progress).catch((e: unknown) => {
		throw e instanceof ImportError ? e : new ImportError([databaseProblem(e, { file: path.basename(staged.input) })]);
	});
	// Fresh statistics: without them the planner picks nested loops over the new rows (seconds per tile).
	await database.rows(sql`ANALYZE`);
	const durationMs = Date.now() - started.getTime();
	progress.done(
		`Geïmporteerd in ${(durationMs / 1000).toFixed(1)} s: ${counts.observations.toLocaleString(intlLocale('nl'))} waarnemingen, ` +
			`${counts.boundaries.toLocaleString(intlLocale('nl'))} grenzen, ${counts.indicators} indicatoren, ${counts.focus_areas} focusgebieden (batch ${batchId}).`
	);
	return { status: 'imported', batchId, checksum: staged.checksum, counts, durationMs };
}

function defaultUser(): string {
	return process.env.USER || process.env.USERNAME || 'systeem';
}

type Tx = Parameters<Parameters<Database['db']['transaction']>[0]>[0];

/**
 * Runs one step of the write; a database error in it becomes a problem at
 * `place` (the transaction is rolled back by the throw).
 */
async function step<T>(place: Omit<Problem, 'reason'>, fn: () => Promise<T>): Promise<T> {
	try {
		return await fn();
	} catch (e) {
		throw e instanceof ImportError ? e : new ImportError([databaseProblem(e, place)]);
	}
}

/**
 * Inserts `rows` with `insert` inside a savepoint. When the database refuses
 * them, halves are retried (each in its own savepoint) until the refused row is
 * found, so the problem names its file and line or feature. Only runs on the
 * failure path: a good chunk is one statement.
 */
async function insertLocated<T extends Omit<Problem, 'reason'>>(tx: Tx, rows: T[], insert: (q: Tx, part: T[]) => Promise<unknown>): Promise<void> {
	try {
		await tx.transaction((sp) => insert(sp, rows));
	} catch (e) {
		if (e instanceof ImportError) throw e;
		const place = { file: rows[0].file, line: rows[0].line, feature: rows[0].feature };
		if (rows.length > 1) {
			const mid = rows.length >> 1;
			await insertLocated(tx, rows.slice(0, mid), insert);
			await insertLocated(tx, rows.slice(mid), insert);
		}
		// One row, or rows refused only together: name the first.
		throw new ImportError([databaseProblem(e, place)]);
	}
}

async function write(database: Database, p: StagedPackage, counts: Record<string, number>, started: Date, user: string, progress: Progress): Promise<number> {
	const total = p.areas.length + p.boundaries.length + p.observations.length;
	return database.db.transaction(async (tx) => {
		const [batch] = await tx
			.insert(importBatch)
			.values({
				kind: 'datapackage',
				input: path.basename(p.input),
				checksum: p.checksum,
				files: p.files,
				rowCounts: counts,
				startedAt: started,
				finishedAt: started,
				durationMs: 0,
				status: 'ok',
				importedBy: user
			})
			.returning({ id: importBatch.id });
		const w: Writer = { tx, p, batchId: batch.id, progress, earlier: sql`(SELECT id FROM import_batch WHERE kind = 'datapackage' AND id <> ${batch.id})` };
		progress.phase('Opslaan', total);
		await step({ file: DESCRIPTOR_FILE, field: 'sources' }, () => writeSources(w));
		await step({ file: DESCRIPTOR_FILE, field: 'resources.indicators' }, () => writeIndicators(w));
		await writeAreas(w);
		await writeBoundaries(w);
		await writeObservations(w);
		await writeFocusAreas(w);
		await step({ file: DESCRIPTOR_FILE }, () => dropOrphans(w));
		const finished = new Date();
		await tx
			.update(importBatch)
			.set({ finishedAt: finished, durationMs: finished.getTime() - started.getTime() })
			.where(eq(importBatch.id, batch.id));
		return batch.id;
	});
}

interface Writer {
	tx: Tx;
	p: StagedPackage;
	batchId: number;
	progress: Progress;
	/** the batches of earlier package imports, whose rows this package replaces */
	earlier: SQL;
}

async function writeSources({ tx, p, batchId }: Writer) {
	await tx.execute(sql`
		INSERT INTO source (id, title, publisher, table_ref, url, licence_name, licence_title, licence_url, attribution, caveats, batch_id)
		SELECT r.id, r.title, r.publisher, r.table_ref, r.url, r.licence_name, r.licence_title, r.licence_url, r.attribution, r.caveats, ${batchId}
		FROM json_to_recordset(${JSON.stringify(
			p.sources.map((s) => ({
				id: s.id,
				title: s.title,
				publisher: s.publisher,
				table_ref: s.tableRef,
				url: s.url,
				licence_name: s.licenceName,
				licence_title: s.licenceTitle,
				licence_url: s.licenceUrl,
				attribution: s.attribution,
				caveats: s.caveats
			}))
		)}::json) AS r(id text, title text, publisher text, table_ref text, url text, licence_name text, licence_title text, licence_url text, attribution text, caveats jsonb)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, publisher = excluded.publisher, table_ref = excluded.table_ref, url = excluded.url,
			licence_name = excluded.licence_name, licence_title = excluded.licence_title, licence_url = excluded.licence_url,
			attribution = excluded.attribution, caveats = excluded.caveats, batch_id = excluded.batch_id`);
}

async function writeIndicators({ tx, p, batchId }: Writer) {
	await tx.execute(sql`
		INSERT INTO indicator (key, label_nl, label_en, unit, unit_en, format, decimals, definition_nl, definition_en, higher_is_better, kind, denominator, weight, numerator, scale, estimate, theme, theme_order, theme_nl, theme_en, source_table, batch_id)
		SELECT r.*, ${batchId} FROM json_to_recordset(${JSON.stringify(
			p.indicators.map((i) => ({
				key: i.key,
				label_nl: i.labelNl,
				label_en: i.labelEn,
				unit: i.unit,
				unit_en: i.unitEn,
				format: i.format,
				decimals: i.decimals,
				definition_nl: i.definitionNl,
				definition_en: i.definitionEn,
				higher_is_better: i.higherIsBetter,
				kind: i.kind,
				denominator: i.denominator,
				weight: i.weight,
				numerator: i.numerator,
				scale: i.scale,
				estimate: i.estimate,
				theme: i.theme,
				theme_order: i.themeOrder,
				theme_nl: i.themeNl,
				theme_en: i.themeEn,
				source_table: i.sourceTable
			}))
		)}::json) AS r(key text, label_nl text, label_en text, unit text, unit_en text, format text, decimals integer, definition_nl text, definition_en text, higher_is_better boolean, kind text, denominator text, weight text, numerator text, scale float8, estimate boolean, theme text, theme_order integer, theme_nl text, theme_en text, source_table text)
		ON CONFLICT (key) DO UPDATE SET label_nl = excluded.label_nl, label_en = excluded.label_en, unit = excluded.unit, unit_en = excluded.unit_en,
			format = excluded.format, decimals = excluded.decimals, definition_nl = excluded.definition_nl,
			definition_en = excluded.definition_en, higher_is_better = excluded.higher_is_better, kind = excluded.kind, denominator = excluded.denominator,
			weight = excluded.weight, numerator = excluded.numerator, scale = excluded.scale, estimate = excluded.estimate, theme = excluded.theme,
			theme_order = excluded.theme_order, theme_nl = excluded.theme_nl, theme_en = excluded.theme_en,
			source_table = excluded.source_table, batch_id = excluded.batch_id`);
}

async function writeAreas({ tx, p, batchId, progress }: Writer) {
	for (const part of chunks(p.areas)) {
		// Areas come from boundary properties and unmatched_areas.csv together; the code names the row.
		await step({ file: DESCRIPTOR_FILE, field: `gebied ${part[0].code}…${part[part.length - 1].code}` }, () =>
			tx.execute(sql`
				INSERT INTO area (code, level, name, gemeente_code, wijk_code, note, superseded, batch_id)
				SELECT r.code, r.level, r.name, r.gemeente_code, r.wijk_code, r.note, r.superseded, ${batchId}
				FROM json_to_recordset(${JSON.stringify(part.map((a) => ({ code: a.code, level: a.level, name: a.name, gemeente_code: a.gemeenteCode, wijk_code: a.wijkCode, note: a.note, superseded: a.superseded })))}::json)
					AS r(code text, level text, name text, gemeente_code text, wijk_code text, note text, superseded boolean)
				ON CONFLICT (code) DO UPDATE SET level = excluded.level, name = COALESCE(excluded.name, area.name), gemeente_code = excluded.gemeente_code,
					wijk_code = excluded.wijk_code, note = excluded.note, superseded = excluded.superseded, batch_id = excluded.batch_id`)
		);
		progress.advance(part.length, 'gebieden');
	}
}

/**
 * The package replaces everything earlier package imports wrote, including
 * resources it no longer has, and whatever else covers the same level and vintage.
 */
async function writeBoundaries({ tx, p, batchId, progress, earlier }: Writer) {
	await tx.execute(sql`DELETE FROM boundary WHERE batch_id IN ${earlier}`);
	const vintages = [...new Set(p.boundaries.map((b) => `${b.level}:${b.vintage}`))];
	for (const lv of vintages) {
		const [level, vintage] = lv.split(':');
		await tx.execute(sql`DELETE FROM boundary WHERE level = ${level} AND vintage = ${Number(vintage)}`);
	}
	for (const part of chunks(p.boundaries, 1000)) {
		await insertLocated(tx, part, (q, rows) =>
			q.execute(sql`
				INSERT INTO boundary (code, level, vintage, geometry_quality, source_id, geom, batch_id)
				SELECT r.code, r.level, r.vintage, r.quality, r.source_id,
					ST_Multi(CASE WHEN r.srid = 4326 THEN ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), 4326)
						ELSE ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(r.geometry), r.srid), 4326) END),
					${batchId}
				FROM json_to_recordset(${JSON.stringify(rows.map((b) => ({ code: b.code, level: b.level, vintage: b.vintage, quality: b.quality, source_id: b.sourceId, srid: b.srid, geometry: b.geometry })))}::json)
					AS r(code text, level text, vintage int, quality text, source_id text, srid int, geometry text)`)
		);
		progress.advance(part.length, 'grenzen');
	}
	// Topology (self-intersections, bow ties): PostGIS is the judge.
	const bad = rowsOf<{ code: string; vintage: number; reason: string }>(
		await tx.execute(sql`SELECT code, vintage, ST_IsValidReason(geom) AS reason FROM boundary WHERE batch_id = ${batchId} AND NOT ST_IsValid(geom) LIMIT 50`)
	);
	if (bad.length) {
		const place = new Map(p.boundaries.map((b) => [`${b.code}:${b.vintage}`, b]));
		throw new ImportError(
			bad.map((b) => {
				const s = place.get(`${b.code}:${b.vintage}`);
				return { file: s?.file ?? 'grenzen', feature: s?.feature, field: 'geometry', reason: `${b.code}: ongeldige geometrie (${shown(b.reason)})` };
			})
		);
	}
}

/**
 * A package replaces every figure earlier packages wrote. Figures of uploads
 * (batches that coexist) stay, unless the package has the same area,
 * indicator and period: those move to `observation_replaced`, named as
 * replaced by this package, so the history still holds them.
 */
async function writeObservations({ tx, p, batchId, progress, earlier }: Writer) {
	await tx.execute(sql`DELETE FROM observation WHERE batch_id IN ${earlier}`);
	// Earlier packages' figures that uploads replaced are history of what this package replaces too.
	await tx.execute(sql`DELETE FROM observation_replaced WHERE batch_id IN ${earlier}`);
	const [left] = rowsOf<{ n: number }>(await tx.execute(sql`SELECT count(*)::int AS n FROM observation`));
	for (const part of chunks(p.observations)) {
		if (left.n > 0) {
			const keys = JSON.stringify(part.map((o) => ({ a: o.areaCode, i: o.indicator, p: o.period })));
			await tx.execute(moveReplaced(sql`SELECT r.a, r.i, r.p FROM json_to_recordset(${keys}::json) AS r(a text, i text, p int)`, batchId));
		}
		await insertLocated(tx, part, (q, rows) =>
			q.execute(sql`
				INSERT INTO observation (area_code, indicator, period, value, source_id, provisional, batch_id)
				SELECT r.a, r.i, r.p, r.v, r.s, r.pr, ${batchId}
				FROM json_to_recordset(${JSON.stringify(rows.map((o) => ({ a: o.areaCode, i: o.indicator, p: o.period, v: o.value, s: o.sourceId, pr: o.provisional })))}::json)
					AS r(a text, i text, p int, v float8, s text, pr boolean)`)
		);
		progress.advance(part.length, 'waarnemingen');
	}
}

/**
 * Moves the stored figures with the keys `keys` selects (columns area code,
 * indicator, period) into the history, as replaced by batch `by`.
 */
export function moveReplaced(keys: SQL, by: number): SQL {
	return sql`WITH k AS (${keys}),
		gone AS (DELETE FROM observation o USING k WHERE (o.area_code, o.indicator, o.period) = (k.a, k.i, k.p)
			RETURNING o.area_code, o.indicator, o.period, o.value, o.source_id, o.provisional, o.estimate, o.batch_id)
		INSERT INTO observation_replaced (area_code, indicator, period, value, source_id, provisional, estimate, batch_id, replaced_by)
		SELECT gone.*, ${by} FROM gone`;
}

async function writeFocusAreas({ tx, p, batchId }: Writer) {
	await tx.execute(sql`DELETE FROM focus_area`);
	const file = p.focusAreasFile;
	for (const [i, f] of p.focusAreas.entries()) {
		await step({ file, feature: i + 1 }, async () => {
			await tx.execute(sql`
				INSERT INTO focus_area (id, name, municipality, gemeente_code, programme, level, part_of, confidence, population_kwb2024, population_cbs_reference, notes_nl, notes_en, sources, batch_id)
				VALUES (${f.id}, ${f.name}, ${f.municipality}, ${f.gemeentecode}, ${f.programme}, ${f.level}, ${f.part_of ?? null}, ${f.confidence},
					${f.population_kwb2024 ?? null}, ${f.population_cbs_reference ?? null}, ${f.notes_nl ?? null}, ${f.notes_en ?? null}, ${JSON.stringify(f.sources)}::jsonb, ${batchId})`);
			await tx.execute(sql`
				INSERT INTO focus_area_member (focus_area_id, area_code, partial)
				SELECT ${f.id}, r.code, r.partial FROM json_to_recordset(${JSON.stringify(f.codes.map((c) => ({ code: c, partial: f.partial_codes.includes(c) })))}::json) AS r(code text, partial boolean)`);
		});
	}
}

/** Registry rows of earlier packages that this one no longer has, unless other data still uses them. */
async function dropOrphans({ tx, earlier }: Writer) {
	await tx.execute(sql`DELETE FROM source WHERE batch_id IN ${earlier}
		AND id NOT IN (SELECT DISTINCT source_id FROM observation) AND id NOT IN (SELECT DISTINCT source_id FROM boundary)`);
	await tx.execute(sql`DELETE FROM indicator WHERE batch_id IN ${earlier} AND key NOT IN (SELECT DISTINCT indicator FROM observation)`);
	await tx.execute(sql`DELETE FROM area WHERE batch_id IN ${earlier}
		AND code NOT IN (SELECT DISTINCT area_code FROM observation) AND code NOT IN (SELECT code FROM boundary)
		AND code NOT IN (SELECT area_code FROM focus_area_member)`);
}
