/**
 * `kill -9` of `npm run data:import` halfway through the write leaves no partial
 * batch and no stale lock, on every engine: package A is imported, the import
 * of a larger package B is killed (SIGKILL to its whole process group) as soon
 * as the write phase has advanced, and then the database opens again, still
 * holds exactly A, and a second run of B completes.
 *
 * Both packages are SYNTHETIC (tests/fixtures/package.ts): B adds generated
 * buurt codes (in unmatched_areas.csv) with a value for every year, enough
 * rows that writing them takes seconds.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/lib/server/db/index';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { baseSpec, OBS, UNMATCHED, writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const TABLES = ['source', 'indicator', 'area', 'boundary', 'observation', 'focus_area', 'focus_area_member', 'import_batch'] as const;
type Counts = Record<(typeof TABLES)[number], number>;

/** Generated buurten of GM0599 (wijken 10–59, buurten 00–39), none of them in the base package. */
const BIG_BUURTEN = Array.from({ length: 50 * 40 }, (_, i) => `BU0599${String(10 + Math.floor(i / 40))}${String(i % 40).padStart(2, '0')}`);
/** Every year up to the package's (2024): the package may not hold later periods. */
const BIG_PERIODS = Array.from({ length: 50 }, (_, i) => 1975 + i);
/** Rows B adds: two indicators, each from its own source file. */
const BIG_ROWS = BIG_BUURTEN.length * BIG_PERIODS.length * 2;

/**
 * Package B: the base package plus BIG_ROWS synthetic observations (200 000),
 * inhabitants in the CBS file and obesity in the RIVM file, on the generated buurten.
 */
function bigSpec() {
	const spec = baseSpec();
	spec.descriptor.name = 'synthetisch-testpakket-groot';
	const cbs: string[] = [];
	const rivm: string[] = [];
	for (const [b, code] of BIG_BUURTEN.entries()) {
		for (const period of BIG_PERIODS) {
			cbs.push(`${code},buurt,${period},inwoners,${500 + ((b * 7 + period) % 1000)},cbs-synthetisch\n`);
			rivm.push(`${code},buurt,${period},obesitas_pct,${(10 + ((b + period) % 200) / 10).toFixed(1)},rivm-synthetisch\n`);
		}
	}
	spec.files[OBS.cbs] += cbs.join('');
	spec.files[OBS.rivm] += rivm.join('');
	spec.files[UNMATCHED] += BIG_BUURTEN.map((code) => `${code},buurt,cbs-synthetisch,${BIG_PERIODS.length * 2},synthetisch-geen-grens\n`).join('');
	return spec;
}

/** application_name of the import command's connections to PostgreSQL. */
const IMPORTER = 'wam-kill-test-importer';

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Whether a process id is gone for good (what the lock in lib/server/db/lock.ts
 * asks). A killed process stays a zombie until its parent or init reaps it, and
 * the lock counts a zombie as alive: init may take a moment (about 2 s in CI).
 */
function gone(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return false;
	} catch (e) {
		return (e as NodeJS.ErrnoException).code === 'ESRCH';
	}
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await ok())) {
		if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 100));
	}
}

interface Run {
	code: number | null;
	signal: NodeJS.Signals | null;
	stderr: string;
	/** The progress line of the write phase at which the run was killed. */
	killedAt?: string;
}

/**
 * `npx tsx scripts/import.ts DIR` in the project directory (its own process
 * group), with `env` on top of a clean environment. With `killInWrite`, the
 * whole group gets SIGKILL at the first progress line of the write phase
 * ('Opslaan') above 0 %, right after `killInWrite` itself has run (a look at
 * the database while the import writes; the write goes on for seconds).
 */
function runImport(dir: string, env: Record<string, string>, killInWrite?: () => Promise<void>): Promise<Run> {
	const base = Object.fromEntries(
		Object.entries(process.env).filter(
			([k]) => !['DATABASE_URL', 'PGLITE_DATA_DIR', 'GEODATA_DIR', 'FOCUS_AREAS_FILE', 'TARGETS_FILE', 'PGAPPNAME'].includes(k)
		)
	);
	const child = spawn('npx', ['tsx', 'scripts/import.ts', dir], {
		cwd: REPO,
		env: { ...base, ...env },
		detached: true,
		stdio: ['ignore', 'ignore', 'pipe']
	});
	return new Promise((resolve, reject) => {
		const run: Run = { code: null, signal: null, stderr: '' };
		child.on('error', reject);
		child.stderr.setEncoding('utf8');
		child.stderr.on('data', (chunk: string) => {
			run.stderr += chunk;
			if (!killInWrite || run.killedAt) return;
			const line = run.stderr.split('\n').find((l) => /^Opslaan: ([1-9]\d?)% /.test(l));
			if (line) {
				run.killedAt = line;
				killInWrite()
					.catch(reject)
					.finally(() => process.kill(-child.pid!, 'SIGKILL'));
			}
		});
		child.on('close', (code, signal) => resolve({ ...run, code, signal }));
	});
}

interface Target {
	/** Opens the database under test in this process (runs the migrations). */
	open(): Promise<Database>;
	/** What the import command needs to reach the same database. */
	env: Record<string, string>;
	/** The embedded database's lock file (PGlite only). */
	lockFile?: string;
	/** The import command's backends on this database, as seen from `from` (PostgreSQL only). */
	backends?(from: Database): Promise<number[]>;
	/** A connection of the test that stays open while the importer runs (PostgreSQL only). */
	observer?: Database;
	cleanup(): Promise<void>;
}

async function target(engine: Engine, scratch: string, files: { focusAreasFile: string; targetsFile: string }): Promise<Target> {
	const env = { FOCUS_AREAS_FILE: files.focusAreasFile, TARGETS_FILE: files.targetsFile, AUTO_IMPORT: 'false' };
	if (engine === 'pglite') {
		const dataDir = path.join(scratch, 'pglite');
		return {
			open: () => openDatabase({ engine: 'pglite', dataDir }),
			env: { ...env, PGLITE_DATA_DIR: dataDir },
			lockFile: `${dataDir}.lock`,
			cleanup: async () => {}
		};
	}
	// A database of its own on the test server (engines.ts), reached by URL from both processes.
	const t: TestDatabase = await createTestDatabase('postgres');
	const url = t.url!;
	const name = new URL(url).pathname.slice(1);
	return {
		open: () => openDatabase({ engine: 'postgres', url, max: 1 }),
		// The importer's connections carry a name of their own (postgres.js reads PGAPPNAME).
		env: { ...env, DATABASE_URL: url, PGAPPNAME: IMPORTER },
		backends: async (from) =>
			(await from.rows<{ pid: number }>(sql`SELECT pid FROM pg_stat_activity WHERE datname = ${name} AND application_name = ${IMPORTER}`)).map((r) =>
				Number(r.pid)
			),
		observer: t,
		cleanup: () => t.drop()
	};
}

async function counts(d: Database): Promise<Counts> {
	const out = {} as Counts;
	for (const table of TABLES) {
		const [r] = await d.rows<{ n: number }>(sql.raw(`SELECT count(*)::int AS n FROM ${table}`));
		out[table] = Number(r.n);
	}
	return out;
}

/** Counts plus a digest of every row of the imported tables: "unchanged" means all of it. */
async function snapshot(d: Database) {
	const [digest] = await d.rows<Record<string, string | null>>(sql`
		SELECT
			(SELECT md5(string_agg(concat_ws('|', area_code, indicator, period, value, source_id, provisional, batch_id), ',' ORDER BY area_code, indicator, period)) FROM observation) AS observation,
			(SELECT md5(string_agg(concat_ws('|', code, vintage, geometry_quality, ST_AsText(geom), batch_id), ',' ORDER BY code, vintage)) FROM boundary) AS boundary,
			(SELECT md5(string_agg(concat_ws('|', code, level, name, gemeente_code, wijk_code, note, superseded, batch_id), ',' ORDER BY code)) FROM area) AS area,
			(SELECT md5(string_agg(concat_ws('|', key, kind, unit, batch_id), ',' ORDER BY key)) FROM indicator) AS indicator,
			(SELECT md5(string_agg(concat_ws('|', focus_area_id, area_code, partial), ',' ORDER BY focus_area_id, area_code)) FROM focus_area_member) AS members,
			(SELECT md5(string_agg(concat_ws('|', id, kind, checksum, started_at, finished_at, status), ',' ORDER BY id)) FROM import_batch) AS batches`);
	return { counts: await counts(d), digest };
}

describe.each(engines())('kill -9 of an import on %s', (engine) => {
	let scratch: string;
	let a: WrittenPackage;
	let b: WrittenPackage;
	let db: Target;
	let afterA: Awaited<ReturnType<typeof snapshot>>;
	let batchA: number;
	let killed: Run;
	const notes: string[] = [];

	beforeAll(async () => {
		scratch = await mkdtemp(path.join(os.tmpdir(), 'wam-kill-'));
		a = await writePackage(baseSpec());
		b = await writePackage(bigSpec());
		// No shipped targets: they name real areas that the synthetic packages do not have.
		const targetsFile = path.join(scratch, 'targets.csv');
		await writeFile(targetsFile, 'id,gebied,indicator,soort,doelwaarde,referentie,basisjaar,doeljaar,bron,bron_url,vastgesteld_door,vastgesteld_op\n');
		db = await target(engine, scratch, { focusAreasFile: b.options.focusAreasFile, targetsFile });
	}, 180_000);
	afterAll(async () => {
		await db?.cleanup();
		await a?.cleanup();
		await b?.cleanup();
		if (scratch) await rm(scratch, { recursive: true, force: true });
		if (notes.length) console.info(`kill -9 on ${engine}:\n  ${notes.join('\n  ')}`);
	});

	it('imports package A', async () => {
		const d = await db.open();
		try {
			const r = await importDataPackage(d, a.dir, a.options);
			expect(r.status).toBe('imported');
			batchA = r.batchId;
			afterA = await snapshot(d);
		} finally {
			await d.close();
		}
		expect(afterA.counts.observation).toBe(65);
		expect(afterA.counts.import_batch).toBe(1);
		if (db.lockFile) expect(existsSync(db.lockFile)).toBe(false);
	}, 180_000);

	it('a SIGKILL in the write phase of package B leaves A exactly as it was', async () => {
		// What the importer holds on PostgreSQL just before it is killed: its backends, an open transaction, locks.
		let during: { pid: number; xact: boolean; locks: string[] }[] = [];
		const look = async () => {
			if (!db.backends || !db.observer) return;
			const pids = await db.backends(db.observer);
			during = await db.observer.rows(
				sql`SELECT a.pid, a.xact_start IS NOT NULL AS xact,
						coalesce(array_agg(l.relation::regclass::text ORDER BY l.relation::regclass::text) FILTER (WHERE l.relation IS NOT NULL), '{}') AS locks
					FROM pg_stat_activity a LEFT JOIN pg_locks l ON l.pid = a.pid AND l.granted
					WHERE a.pid IN ${pids.length ? sql`(${sql.join(pids, sql`, `)})` : sql`(NULL)`} GROUP BY a.pid, a.xact_start`
			);
		};
		const started = Date.now();
		killed = await runImport(b.dir, db.env, look);
		notes.push(`killed after ${((Date.now() - started) / 1000).toFixed(1)} s at "${killed.killedAt}"`);
		expect(killed.killedAt, killed.stderr).toMatch(/^Opslaan: \d+% /);
		expect(killed.signal).toBe('SIGKILL');
		expect(killed.stderr).not.toMatch(/Geïmporteerd in/);

		if (db.lockFile) {
			// The killed importer's lock is still there, naming a process that is gone.
			expect(existsSync(db.lockFile)).toBe(true);
			const holder = Number(readFileSync(db.lockFile, 'utf8'));
			expect(holder).not.toBe(process.pid);
			const killedAt = Date.now();
			await until(`process ${holder} to be reaped`, () => gone(holder));
			notes.push(`lock holder ${holder} reaped after ${((Date.now() - killedAt) / 1000).toFixed(1)} s`);
		}

		const reopened = Date.now();
		const d = await db.open();
		notes.push(`reopened in ${((Date.now() - reopened) / 1000).toFixed(1)} s`);
		try {
			if (db.backends) {
				// The server ends the killed importer's backend when its socket drops, and with it the transaction and its locks.
				// It was caught in the middle: a transaction open, the observation table locked.
				expect(
					during.some((b) => b.xact && b.locks.includes('observation')),
					JSON.stringify(during)
				).toBe(true);
				const killedAt = Date.now();
				await until('the killed importer’s backends to end', async () => (await db.backends!(d)).length === 0);
				notes.push(`importer backends ${during.map((b) => b.pid).join(', ')} gone ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the reopen`);
				// No lock left to anyone but this connection: not on a table of this database, not on a transaction, not by a prepared transaction.
				const held = await d.rows<{ pid: number | null; locktype: string; mode: string; relation: string | null }>(
					sql`SELECT pid, locktype, mode, relation::regclass::text AS relation FROM pg_locks
						WHERE granted AND (pid IS NULL OR pid <> pg_backend_pid())
							AND (database = (SELECT oid FROM pg_database WHERE datname = current_database()) OR locktype IN ('transactionid', 'virtualxid'))`
				);
				expect(held).toEqual([]);
			}
			const now = await snapshot(d);
			expect(now.counts).toEqual(afterA.counts);
			expect(now.digest).toEqual(afterA.digest);
			const batches = await d.rows<{ id: number }>(sql`SELECT id FROM import_batch ORDER BY id`);
			expect(batches.map((r) => Number(r.id))).toEqual([batchA]);
		} finally {
			await d.close();
		}
	}, 180_000);

	it('the next run imports package B completely', async () => {
		const started = Date.now();
		const run = await runImport(b.dir, db.env);
		notes.push(`second run of B took ${((Date.now() - started) / 1000).toFixed(1)} s`);
		expect(run.code, run.stderr).toBe(0);
		expect(run.stderr).toMatch(/Geïmporteerd in/);
		if (db.lockFile) expect(existsSync(db.lockFile)).toBe(false);

		const d = await db.open();
		try {
			const c = await counts(d);
			expect(c).toMatchObject({
				observation: 65 + BIG_ROWS,
				area: 15 + BIG_BUURTEN.length,
				boundary: 12,
				focus_area: 3,
				focus_area_member: 4
			});
			const batches = await d.rows<{ id: number; checksum: string }>(sql`SELECT id, checksum FROM import_batch WHERE kind = 'datapackage' ORDER BY id`);
			expect(batches).toHaveLength(2);
			expect(Number(batches[0].id)).toBe(batchA);
			const [stale] = await d.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM observation WHERE batch_id <> ${batches[1].id}`);
			expect(Number(stale.n)).toBe(0);
		} finally {
			await d.close();
		}
	}, 180_000);
});
