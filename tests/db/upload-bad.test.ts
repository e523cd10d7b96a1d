/**
 * Every file of the bad-file corpus (tests/fixtures/bad) through the upload's
 * check (`previewFigures`, what POST /beheer/data/upload runs) on every engine:
 * each is refused with the problem expected.json names (place and a Dutch
 * substring of the reason), and the database is exactly as it was (row counts
 * and an md5 over observation, boundary, import_batch, indicator and source).
 *
 * The database holds the SYNTHETIC package of tests/fixtures/package.ts plus
 * the real CBS codes of gemeente Utrecht (the corpus uses them) and the
 * registry indicators the corpus names, copied from `inwoners`.
 *
 * Then every file, of every kind, through the endpoint itself (POST
 * /beheer/data/upload, as a municipal monitor of Utrecht): the kind the
 * corpus names gives a 4xx with `{ bestand, problemen, totaal }` (a data
 * package a 403: only a national monitor loads one), and `soort=auto` never
 * a 5xx. Stored uploads go to a temp directory.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { mkdtempSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewFigures, type FigureKind } from '../../src/lib/server/import/figures';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { ImportError } from '../../src/lib/server/import/problems';
import { INDICATORS, makeLargeFiles, UTRECHT_CODES, type Expected } from '../fixtures/bad/make';
import { writePackage, type WrittenPackage } from '../fixtures/package';
import { uploadDir } from '../../src/lib/server/uploads';
import { POST } from '../../src/routes/beheer/data/upload/+server';
import { createTestDatabase, engines, type TestDatabase } from './engines';

// Uploads are stored beside PGLITE_DATA_DIR: a temp directory, not the checkout's .data.
const uploadRoot = mkdtempSync(path.join(os.tmpdir(), 'wam-bad-uploads-'));
process.env.PGLITE_DATA_DIR = path.join(uploadRoot, 'pglite');

const BAD = path.resolve(import.meta.dirname, '../fixtures/bad');
const expected: Record<string, Expected> = JSON.parse(await readFile(path.join(BAD, 'expected.json'), 'utf8'));
const figureFiles = Object.entries(expected);

/**
 * What the corpus expects and the upload does not say (yet). `it.fails`: when
 * the upload learns it, the test fails and the file moves out of this list.
 */
const KNOWN_GAPS: Record<string, string> = {};

/** Indicators the corpus names besides those of the synthetic package. */
const CORPUS_INDICATORS = INDICATORS.filter((i) => i !== 'inwoners');

const TABLES = ['observation', 'boundary', 'import_batch', 'indicator', 'source'] as const;

describe.each(engines())('bad uploads on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	let large: string;

	/** Row count and md5 of every table that an upload could change. */
	const state = async () => {
		const out: Record<string, { n: number; md5: string }> = {};
		for (const table of TABLES) {
			const [r] = await t.rows<{ n: number; md5: string }>(
				sql.raw(`SELECT count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS md5 FROM ${table} x`)
			);
			out[table] = { n: Number(r.n), md5: r.md5 };
		}
		return out;
	};

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage();
		await importDataPackage(t, pkg.dir, pkg.options);
		await t.rows(sql`
			INSERT INTO area (code, level, name, gemeente_code, wijk_code)
			SELECT c, CASE left(c, 2) WHEN 'GM' THEN 'gemeente' WHEN 'WK' THEN 'wijk' ELSE 'buurt' END, c,
				'GM0344', CASE WHEN c LIKE 'BU%' THEN 'WK' || substr(c, 3, 6) END
			FROM jsonb_array_elements_text(${JSON.stringify(UTRECHT_CODES)}::jsonb) AS c`);
		const columns = (
			await t.rows<{ c: string }>(sql`SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'indicator' AND column_name <> 'key'`)
		).map((r) => `"${r.c}"`);
		for (const key of CORPUS_INDICATORS) {
			await t.rows(sql.raw(`INSERT INTO indicator (key, ${columns.join(', ')}) SELECT '${key}', ${columns.join(', ')} FROM indicator WHERE key = 'inwoners'`));
		}
		large = await mkdtemp(path.join(os.tmpdir(), 'wam-bad-'));
		await makeLargeFiles(large);
	});
	afterAll(async () => {
		await pkg?.cleanup();
		if (large) await rm(large, { recursive: true, force: true });
		await rm(uploadRoot, { recursive: true, force: true });
		await t?.drop();
	});

	/** POST /beheer/data/upload with the file as the body, as Utrecht's monitor. */
	const upload = async (name: string, e: Expected, soort: string) => {
		const url = new URL('http://localhost/beheer/data/upload');
		url.searchParams.set('naam', name);
		url.searchParams.set('soort', soort);
		if (e.jaar) url.searchParams.set('jaar', String(e.jaar));
		// The form's source, for lines without one (as a monitor fills it in on the page).
		url.searchParams.set('bron', 'Gemeentelijke monitor (test)');
		const body = await readFile(path.join(e.groot ? large : BAD, name));
		const request = new Request(url, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
		const user = {
			id: 'monitor-utrecht',
			email: 'monitor-utrecht@example.org',
			name: 'Monitor Utrecht',
			mustChangePassword: false,
			grants: [{ role: 'monitor', gemeenteCode: 'GM0344', focusAreaId: null }]
		};
		const event = { request, url, locals: { user, data: { database: t } }, platform: undefined } as unknown as Parameters<typeof POST>[0];
		const response = await POST(event);
		return { status: response.status, body: (await response.json()) as { bestand: string; problemen: { file: string; reason: string }[]; totaal: number } };
	};

	it('has the corpus areas and indicators', async () => {
		const [r] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM area WHERE gemeente_code = 'GM0344'`);
		expect(Number(r.n)).toBe(UTRECHT_CODES.length);
		expect(figureFiles.length).toBeGreaterThanOrEqual(40);
	});

	describe.each(figureFiles)('%s', (name, e) => {
		const check = KNOWN_GAPS[name] ? it.fails : it;
		check(`is refused with "${e.reason}" and changes nothing${KNOWN_GAPS[name] ? ` (known gap: ${KNOWN_GAPS[name]})` : ''}`, { timeout: 120_000 }, async () => {
			const before = await state();
			const error = await previewFigures(t, {
				path: path.join(e.groot ? large : BAD, name),
				name,
				kind: e.soort as FigureKind,
				year: e.jaar ?? null,
				sourceTitle: 'Gemeentelijke monitor (test)',
				gemeenten: null
			}).then(
				() => null,
				(x: unknown) => x
			);
			expect(error, 'refused with an ImportError').toBeInstanceOf(ImportError);
			const problems = (error as ImportError).problems;
			expect(problems, JSON.stringify(problems.slice(0, 3))).toContainEqual(
				expect.objectContaining({ file: name, ...e.place, reason: expect.stringContaining(e.reason) })
			);
			expect(await state()).toEqual(before);
		});
	});

	it('stores uploads in a temp directory', () => {
		expect(uploadDir().startsWith(uploadRoot)).toBe(true);
	});

	const sizes = Object.fromEntries(Object.entries(expected).map(([name, e]) => [name, { ...e, empty: !e.groot && statSync(path.join(BAD, name)).size === 0 }]));
	describe.each(Object.entries(sizes))('POST /beheer/data/upload %s', (name, e) => {
		const gap = KNOWN_GAPS[name];
		it(`answers 4xx with the problems, and with soort=auto never 5xx`, { timeout: 120_000 }, async () => {
			const before = await state();
			const r = await upload(name, e, e.soort);
			expect(r.status, JSON.stringify(r.body).slice(0, 300)).toBeGreaterThanOrEqual(400);
			expect(r.status).toBeLessThan(500);
			expect(r.body.bestand).toBe(name);
			expect(r.body.problemen.length).toBeGreaterThan(0);
			expect(r.body.totaal).toBeGreaterThanOrEqual(r.body.problemen.length);
			if (e.soort === 'pakket') {
				expect(r.status).toBe(e.empty ? 400 : 403);
			} else if (e.empty) {
				// Refused before it is read.
				expect(r.status).toBe(400);
				expect(r.body.problemen[0].reason).toMatch(/leeg/);
			} else if (!gap) {
				expect(r.status).toBe(422);
				expect(r.body.problemen).toContainEqual(expect.objectContaining({ file: name, ...e.place, reason: expect.stringContaining(e.reason) }));
			}
			const auto = await upload(name, e, 'auto');
			expect(auto.status, JSON.stringify(auto.body).slice(0, 300)).toBeLessThan(500);
			expect(await state()).toEqual(before);
		});
	});
});
