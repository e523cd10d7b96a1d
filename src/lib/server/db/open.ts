import { config } from '../env';
import { openDatabase, type Database } from './index';

/** Opens the database the configuration names: PostgreSQL when DATABASE_URL is set, else embedded PGlite. */
export function openConfiguredDatabase(): Promise<Database> {
	const c = config();
	return c.databaseUrl ? openDatabase({ engine: 'postgres', url: c.databaseUrl }) : openDatabase({ engine: 'pglite', dataDir: c.dataDir });
}
