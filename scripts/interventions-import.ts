/**
 * npm run interventions:import -- FILE [--force]
 * Checks a CSV of interventions line by line (columns in the README) and
 * stores them in the configured database, replacing interventions with the
 * same id. A file with any problem prints one line per problem and exits with
 * code 1; nothing is stored then. The same file twice changes nothing.
 * The embedded database allows one process at a time: stop the server first.
 */
import { openConfiguredDatabase } from '../src/lib/server/db/open';
import { importInterventions } from '../src/lib/server/import/interventions';
import { errorReason, ImportError, problemReport } from '../src/lib/server/import/problems';

const args = process.argv.slice(2).filter((a) => a !== '--');
const force = args.includes('--force');
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
	console.error('Gebruik: npm run interventions:import -- BESTAND.csv [--force]\n(de kolommen staan in de README onder "Interventies")');
	process.exit(2);
}
const database = await openConfiguredDatabase().catch((e: Error) => {
	console.error(e.message);
	process.exit(2);
});
try {
	const r = await importInterventions(database, file, { actor: { id: null, email: 'opdrachtregel (interventions:import)' }, force });
	console.error(
		r.status === 'unchanged'
			? `Niets te doen: dit bestand is al geïmporteerd (batch ${r.batchId}).`
			: `${r.count} ${r.count === 1 ? 'interventie' : 'interventies'} opgeslagen (batch ${r.batchId}).`
	);
} catch (e) {
	console.error(e instanceof ImportError ? problemReport(e) : `Import mislukt: ${errorReason(e)}; er is niets opgeslagen.`);
	process.exitCode = 1;
} finally {
	await database.close();
}
