/**
 * The server's one database connection, opened once and shared by all requests.
 * On first start with an empty database the data package is imported (with a
 * progress bar on the terminal) before the first request is answered.
 */
import { sql } from 'drizzle-orm';
import { config, missingGeodataMessage } from '../env';
import { importDataPackage } from '../import/loader';
import { terminalProgress } from '../import/progress';
import type { Database } from './index';
import { openConfiguredDatabase } from './open';

let opening: Promise<Database> | null = null;

export function database(): Promise<Database> {
	opening ??= openConfiguredDatabase().then(async (db) => {
		const closeOnExit = () => {
			void db.close().finally(() => process.exit(0));
		};
		process.once('SIGINT', closeOnExit);
		process.once('SIGTERM', closeOnExit);
		return db;
	});
	return opening;
}

/** True when no import has succeeded yet. */
export async function isEmpty(db: Database): Promise<boolean> {
	const [row] = await db.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_batch`);
	return Number(row?.n ?? 0) === 0;
}

/** Imports the configured data package when the database is empty and AUTO_IMPORT allows it. */
export async function ensureData(): Promise<void> {
	const c = config();
	const db = await database();
	if (!c.autoImport || !(await isEmpty(db))) return;
	if (!c.geodataDir) {
		console.error(missingGeodataMessage(c));
		return;
	}
	console.error(`Eerste start: datapakket ${c.geodataDir} wordt geladen…`);
	await importDataPackage(db, c.geodataDir, { progress: terminalProgress(), importedBy: 'eerste start' });
}
