/**
 * The database, on one of two engines behind one interface:
 * - PostgreSQL + PostGIS through postgres.js when a connection string is given;
 * - embedded PGlite with its PostGIS extension otherwise (in a data directory, or
 *   in memory for tests).
 * Both get the same schema and the same migrations, applied here at open.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import * as schema from './schema/index';
import { acquireDirLock } from './lock';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Engine = 'pglite' | 'postgres';

export interface Database {
	db: Db;
	engine: Engine;
	/** Runs raw SQL and returns its rows, the same shape on both engines. */
	rows<T = Record<string, unknown>>(query: SQL): Promise<T[]>;
	close(): Promise<void>;
}

export type OpenOptions =
	| { engine: 'postgres'; url: string; max?: number }
	| { engine: 'pglite'; dataDir: string | null; /** a dumped data dir to start from (tests) */ template?: Blob };

/** drizzle's `execute` returns `{ rows }` on PGlite and an array on postgres.js. */
export function rowsOf<T>(result: unknown): T[] {
	if (Array.isArray(result)) return result as T[];
	return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** drizzle/ at the project root: the working directory, or relative to this source file. */
function migrationsFolder(): string {
	const here = path.dirname(fileURLToPath(import.meta.url));
	const candidates = [path.resolve(process.cwd(), 'drizzle'), path.resolve(here, '../../../../drizzle')];
	const found = candidates.find((c) => existsSync(path.join(c, 'meta/_journal.json')));
	if (!found) throw new Error(`Migraties niet gevonden (gezocht in ${candidates.join(', ')}).`);
	return found;
}

/**
 * A fresh in-memory PGlite with PostGIS and all migrations, dumped so that tests
 * can start many databases from it in ~2 s instead of ~15 s each.
 */
export async function pgliteTemplate(): Promise<Blob> {
	const d = await openDatabase({ engine: 'pglite', dataDir: null });
	const client = (d.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
	const blob = await client.dumpDataDir('none');
	await d.close();
	return blob;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
	const folder = migrationsFolder();
	if (opts.engine === 'postgres') {
		const { default: postgres } = await import('postgres');
		const { drizzle } = await import('drizzle-orm/postgres-js');
		const { migrate } = await import('drizzle-orm/postgres-js/migrator');
		const client = postgres(opts.url, { max: opts.max ?? 8, onnotice: () => {} });
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder: folder });
		return {
			db: db as unknown as Db,
			engine: 'postgres',
			rows: async (q) => rowsOf(await db.execute(q)),
			close: () => client.end({ timeout: 5 })
		};
	}
	const { PGlite } = await import('@electric-sql/pglite');
	const { postgis } = await import('@electric-sql/pglite-postgis');
	const { drizzle } = await import('drizzle-orm/pglite');
	const { migrate } = await import('drizzle-orm/pglite/migrator');
	let release = () => {};
	if (opts.dataDir) {
		release = acquireDirLock(opts.dataDir);
		mkdirSync(opts.dataDir, { recursive: true });
	}
	try {
		// One options object: `new PGlite(dir, { extensions })` silently drops the extensions.
		const client = new PGlite({
			...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
			...(opts.template ? { loadDataDir: opts.template } : {}),
			extensions: { postgis }
		});
		await client.waitReady;
		const db = drizzle(client, { schema });
		await migrate(db, { migrationsFolder: folder });
		return {
			db: db as unknown as Db,
			engine: 'pglite',
			rows: async (q) => rowsOf(await db.execute(q)),
			close: async () => {
				await client.close();
				release();
			}
		};
	} catch (e) {
		release();
		throw e;
	}
}
