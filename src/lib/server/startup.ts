/**
 * Start-up of the server: open the configured database once, import the data
 * package and the shipped programme targets on the first start (empty
 * database, AUTO_IMPORT on), and make the
 * data object that every request uses. Closing on SIGINT/SIGTERM releases the
 * embedded database's directory lock.
 */
import { Data } from './data/index';
import { openConfiguredDatabase } from './db/open';
import { config, missingGeodataMessage } from './env';
import { importDataPackage } from './import/loader';
import { importShippedTargets } from './import/targets';
import { terminalProgress } from './import/progress';

let starting: Promise<Data> | null = null;

async function start(): Promise<Data> {
	const c = config();
	const database = await openConfiguredDatabase();
	const closeOnExit = () => {
		void database.close().finally(() => process.exit(0));
	};
	process.once('SIGINT', closeOnExit);
	process.once('SIGTERM', closeOnExit);
	const data = new Data(database, { suppression: c.suppression });
	if (c.autoImport && (await data.isEmpty())) {
		if (!c.geodataDir) console.error(missingGeodataMessage(c));
		else {
			console.error(`Eerste start: datapakket ${c.geodataDir} wordt geladen…`);
			await importDataPackage(database, c.geodataDir, { progress: terminalProgress(), importedBy: 'eerste start', focusAreasFile: c.focusAreasFile });
			await importShippedTargets(database, c.targetsFile, 'eerste start');
			data.clearCache();
		}
	}
	return data;
}

/** The server's one data object (opened, and filled on the first start, once). */
export function serverData(): Promise<Data> {
	starting ??= start();
	return starting;
}
