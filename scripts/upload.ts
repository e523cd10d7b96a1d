/**
 * npm run data:upload -- FILE [--soort tabel|kwb] [--jaar JJJJ] [--bron "TITEL"] [--opslaan]
 * npm run data:upload -- --terugdraaien BATCH
 *
 * The command-line twin of /beheer/data: checks a table of figures
 * (area_code, period, indicator, value [, source, estimate, provisional]) or a
 * CBS Kerncijfers wijken en buurten file (xlsx/csv), prints what would change,
 * and with --opslaan stores it as one batch beside what is there. A file with
 * any problem prints one line per problem and exits with code 1; nothing is
 * stored. --terugdraaien removes a batch's figures and restores what they
 * replaced. The embedded database allows one process at a time: stop the
 * server first.
 */
import path from 'node:path';
import { openConfiguredDatabase } from '../src/lib/server/db/open';
import { commitFigures, previewFigures, rollbackBatch, type FigureInput, type FigurePreview } from '../src/lib/server/import/figures';
import { errorReason, ImportError, problemReport } from '../src/lib/server/import/problems';
import { terminalProgress } from '../src/lib/server/import/progress';

const args = process.argv.slice(2).filter((a) => a !== '--');
const option = (name: string) => {
	const i = args.indexOf(name);
	return i >= 0 ? (args[i + 1] ?? '') : null;
};
const ACTOR = { id: null, email: 'opdrachtregel (data:upload)' };
const USAGE =
	'Gebruik: npm run data:upload -- BESTAND [--soort tabel|kwb] [--jaar JJJJ] [--bron "TITEL"] [--opslaan]\n' +
	'         npm run data:upload -- --terugdraaien BATCH';

const rollback = option('--terugdraaien');
const valued = new Set(['--soort', '--jaar', '--bron', '--terugdraaien']);
const file = args.find((a, i) => !a.startsWith('--') && !valued.has(args[i - 1]));
if (rollback == null && !file) {
	console.error(USAGE);
	process.exit(2);
}
const kindArg = option('--soort');
const yearArg = option('--jaar');
if (
	(kindArg != null && kindArg !== 'tabel' && kindArg !== 'kwb') ||
	(yearArg != null && !/^\d{4}$/.test(yearArg)) ||
	(rollback != null && !/^\d+$/.test(rollback))
) {
	console.error(USAGE);
	process.exit(2);
}

function summary(p: FigurePreview): string {
	const per = p.changes.map((c) => `  ${c.labelNl} ${c.period}: ${c.new} nieuw, ${c.changed} gewijzigd, ${c.unchanged} ongewijzigd`);
	return [
		`${p.file}: ${p.counts.rows} cijfers, ${p.counts.new} nieuw, ${p.counts.changed} gewijzigd, ${p.counts.unchanged} ongewijzigd.`,
		...(p.newIndicators.length ? [`Nieuwe indicatoren: ${p.newIndicators.join(', ')}.`] : []),
		...per
	].join('\n');
}

const database = await openConfiguredDatabase().catch((e: Error) => {
	console.error(e.message);
	process.exit(2);
});
try {
	if (rollback != null) {
		const r = await rollbackBatch(database, Number(rollback), ACTOR);
		if (r.status === 'rolled-back') console.error(`Batch ${r.batchId} teruggedraaid: ${r.removed} cijfers verwijderd, ${r.restored} hersteld.`);
		else {
			console.error(r.status === 'refused' ? r.reason : `Batch ${rollback} bestaat niet.`);
			process.exitCode = 1;
		}
	} else {
		const kind = kindArg ?? (/\.xlsx$/i.test(file!) ? 'kwb' : 'tabel');
		const input: FigureInput = {
			path: path.resolve(file!),
			name: path.basename(file!),
			kind,
			year: yearArg ? Number(yearArg) : null,
			sourceTitle: option('--bron'),
			gemeenten: null
		};
		if (args.includes('--opslaan')) {
			const r = await commitFigures(database, input, ACTOR, terminalProgress());
			console.error(summary(r.preview));
			console.error(r.status === 'imported' ? `Opgeslagen als batch ${r.batchId}.` : 'Niets te doen: alle cijfers stonden al zo in de database.');
		} else {
			console.error(summary(await previewFigures(database, input, terminalProgress())));
			console.error('Niets opgeslagen (voorbeeld); voeg --opslaan toe om op te slaan.');
		}
	}
} catch (e) {
	console.error(e instanceof ImportError ? problemReport(e) : `Mislukt: ${errorReason(e)}; er is niets opgeslagen.`);
	process.exitCode = 1;
} finally {
	await database.close();
}
