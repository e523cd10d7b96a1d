/**
 * Database tests run on every engine available: embedded PGlite always, and
 * PostgreSQL/PostGIS when TEST_DATABASE_URL names a server (CI starts one).
 * Each call gives a new, empty, migrated database of its own.
 *
 *   describe.each(engines())('%s', (engine) => {
 *     let t: TestDatabase;
 *     beforeAll(async () => { t = await createTestDatabase(engine); });
 *     afterAll(() => t.drop());
 *   });
 */
import { readFile } from 'node:fs/promises';
import { inject } from 'vitest';
import { openDatabase, type Database, type Engine } from '../../src/lib/server/db/index';

export function engines(): Engine[] {
	return inject('postgresUrl') ? ['pglite', 'postgres'] : ['pglite'];
}

export interface TestDatabase extends Database {
	drop(): Promise<void>;
	/** The connection string (PostgreSQL only), for a server under test that opens the same database. */
	url?: string;
}

let counter = 0;

export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
	if (engine === 'pglite') {
		const template = new Blob([await readFile(inject('pgliteTemplate'))]);
		const d = await openDatabase({ engine: 'pglite', dataDir: null, template });
		return { ...d, drop: () => d.close() };
	}
	const adminUrl = inject('postgresUrl');
	if (!adminUrl) throw new Error('no PostgreSQL server configured (TEST_DATABASE_URL)');
	const { default: postgres } = await import('postgres');
	const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
	const name = `wam_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
	await admin.unsafe(`CREATE DATABASE ${name}`);
	const url = new URL(adminUrl);
	url.pathname = `/${name}`;
	const d = await openDatabase({ engine: 'postgres', url: url.toString(), max: 4 });
	return {
		...d,
		url: url.toString(),
		drop: async () => {
			await d.close();
			await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
			await admin.end();
		}
	};
}
