/**
 * npm run data:import -- [DIR] [--force]
 * Imports a data package (default: GEODATA_DIR or ../shared/geodata/nl-wijkaanpak)
 * into the configured database, with a progress bar. A refused package prints
 * one line per problem and a count, and exits with code 1; nothing is stored.
 */
import { config, missingGeodataMessage } from '../src/lib/server/env';
import { openConfiguredDatabase } from '../src/lib/server/db/open';
import { importDataPackage } from '../src/lib/server/import/loader';
import { errorReason, ImportError, problemReport } from '../src/lib/server/import/problems';
import { terminalProgress } from '../src/lib/server/import/progress';
import { importShippedTargets } from '../src/lib/server/import/targets';

const args = process.argv.slice(2);
const force = args.includes('--force');
const dirArg = args.find((a) => !a.startsWith('--'));
const cfg = config();
const dir = dirArg ?? cfg.geodataDir;
if (!dir) {
	console.error(missingGeodataMessage(cfg));
	process.exit(2);
}
const database = await openConfiguredDatabase().catch((e: Error) => {
	console.error(e.message);
	process.exit(2);
});
try {
	console.error(`Datapakket ${dir} → ${database.engine === 'postgres' ? 'PostgreSQL' : `ingebouwde database (${cfg.dataDir})`}`);
	await importDataPackage(database, dir, { focusAreasFile: cfg.focusAreasFile, progress: terminalProgress(), force });
	await importShippedTargets(database, cfg.targetsFile, 'opdrachtregel (data:import)');
} catch (e) {
	console.error(e instanceof ImportError ? problemReport(e) : `Import mislukt: ${errorReason(e)}; er is niets opgeslagen.`);
	process.exitCode = 1;
} finally {
	await database.close();
}
