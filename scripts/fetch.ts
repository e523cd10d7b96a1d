/**
 * npm run data:fetch -- kwb 2023 [--gemeente GM0344] [--uit DIR] [--bron ID]
 * npm run data:fetch -- politie 47022NED [2023] [--gemeente GM0344] …
 * npm run data:fetch -- rivm 50150NED [2022] [--gemeente GM0344] …
 * npm run data:fetch -- grenzen 2024 buurt [--gemeente GM0344] [--srs 28992|4326] …
 *
 * Fetches figures from CBS OData (KWB, Politie, RIVM) or boundaries from PDOK's
 * WFS and writes them as a tidy CSV (area_code,period,indicator,value,source)
 * or a GeoJSON FeatureCollection into DIR (default .data/fetch/), then prints
 * the file's path. The database is not touched: the files go through the
 * upload like any other. A long CBS fetch saves its paging state beside the
 * output after every page; the same command run again continues from there.
 * Without a connection: exit code 1, one sentence on stderr, nothing written.
 * Base URLs: CBS_ODATA_URL, CBS_DATADERDEN_URL, PDOK_WFS_URL (.env.example).
 */
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import Papa from 'papaparse';
import { ConfigError, fetchEndpoints } from '../src/lib/server/env';
import { HttpError, OfflineError } from '../src/lib/server/import/fetch/http';
import { fetchPages, loadState, observationsOf, rootOf, saveState, startState, type ODataRequest } from '../src/lib/server/import/fetch/odata';
import { KWB_TABLES, POLITIE_TABLES, RIVM_TABLES, kwbTable, thirdPartyTable } from '../src/lib/server/import/fetch/tables';
import { fetchBoundaries, type BoundaryLevel, type FetchedBoundary } from '../src/lib/server/import/fetch/wfs';
import { formatProblem, type Problem } from '../src/lib/server/import/problems';
import { terminalProgress } from '../src/lib/server/import/progress';

const USAGE = [
	'Gebruik:',
	'  npm run data:fetch -- kwb <jaar> [--gemeente GMgggg] [--uit MAP] [--bron ID]',
	`      jaren: ${Object.keys(KWB_TABLES).join(', ')}`,
	`  npm run data:fetch -- politie <${POLITIE_TABLES.join('|')}> [jaar] [--gemeente GMgggg] [--uit MAP] [--bron ID]`,
	`  npm run data:fetch -- rivm <${RIVM_TABLES.join('|')}> [jaar] [--gemeente GMgggg] [--uit MAP] [--bron ID]`,
	'  npm run data:fetch -- grenzen <jaar> <gemeente|wijk|buurt> [--gemeente GMgggg] [--srs 28992|4326] [--uit MAP] [--bron ID]'
].join('\n');

class UsageError extends Error {}

const YEAR = /^(19|20)\d{2}$/;

function parse() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: { gemeente: { type: 'string' }, uit: { type: 'string' }, bron: { type: 'string' }, srs: { type: 'string' } }
	});
	const gemeente = values.gemeente?.trim().toUpperCase() ?? null;
	if (gemeente && !/^GM\d{4}$/.test(gemeente)) throw new UsageError(`--gemeente ${gemeente} is geen gemeentecode (GMgggg, bijvoorbeeld GM0344).`);
	const srs = values.srs ?? '28992';
	if (srs !== '28992' && srs !== '4326') throw new UsageError(`--srs ${srs} wordt niet ondersteund: kies 28992 (RD New) of 4326 (WGS84).`);
	return {
		kind: positionals[0],
		args: positionals.slice(1),
		gemeente,
		outDir: path.resolve(values.uit ?? '.data/fetch'),
		bron: values.bron,
		srid: Number(srs) as 4326 | 28992
	};
}

/** Writes `text` to `file` through a temporary file, so an interrupted write leaves no half file. */
async function writeAtomically(file: string, text: string) {
	await mkdir(path.dirname(file), { recursive: true });
	await writeFile(`${file}.tmp`, text);
	await rename(`${file}.tmp`, file);
}

function refuse(problems: Problem[], what: string): never {
	for (const p of problems.slice(0, 50)) console.error(`  - ${formatProblem(p)}`);
	if (problems.length > 50) console.error(`  … en nog ${problems.length - 50}`);
	console.error(`${what} geweigerd: ${problems.length} ${problems.length === 1 ? 'probleem' : 'problemen'}; er is niets geschreven.`);
	process.exit(1);
}

async function fetchObservations(o: ReturnType<typeof parse>) {
	const first = o.args[0] ?? '';
	const table = o.kind === 'kwb' ? (YEAR.test(first) ? kwbTable(Number(first)) : null) : thirdPartyTable(first);
	if (!table || (o.kind !== 'kwb' && table.kind !== o.kind)) throw new UsageError(`Onbekende ${o.kind === 'kwb' ? 'KWB-jaargang' : 'tabel'} "${first}".`);
	const yearArg = o.kind === 'kwb' ? undefined : o.args[1];
	if (yearArg !== undefined && !YEAR.test(yearArg)) throw new UsageError(`"${yearArg}" is geen jaar.`);
	const req: ODataRequest = { table, gemeente: o.gemeente, year: yearArg ? Number(yearArg) : null };
	const sourceId = o.bron ?? (table.kind === 'kwb' ? `cbs-kwb-${table.year}` : `${table.kind}-${table.id}`);
	const name = [sourceId, o.gemeente, table.kind === 'kwb' ? null : req.year].filter(Boolean).join('-');
	const stateFile = path.join(o.outDir, `${name}.state.json`);
	const endpoints = fetchEndpoints();
	const saved = await loadState(stateFile, req);
	if (saved) console.error(`Hervat ${table.id}: ${saved.rows} rijen waren al opgehaald.`);
	const state = saved ?? startState(rootOf(table, endpoints), req);
	try {
		await fetchPages(req, state, {
			progress: terminalProgress(),
			onPage: async (s) => {
				await mkdir(o.outDir, { recursive: true });
				await saveState(stateFile, s);
			}
		});
	} catch (e) {
		// With pages saved, the next run continues from there: say so in the one sentence.
		if (e instanceof OfflineError && state.pages > 0) {
			console.error(
				`Geen verbinding meer met ${e.host}: de ${state.rows} rijen die al binnen waren zijn bewaard in ${stateFile}, en dezelfde opdracht gaat daar later verder.`
			);
			process.exit(1);
		}
		throw e;
	}
	const result = observationsOf(state, sourceId);
	await rm(stateFile, { force: true });
	if (result.problems.length) refuse(result.problems, `${table.id}`);
	for (const note of result.notes) console.error(note);
	const rows = result.observations.map((ob) => [ob.areaCode, ob.period, ob.indicator, ob.value, ob.sourceId]);
	const file = path.join(o.outDir, `${name}.csv`);
	await writeAtomically(file, Papa.unparse({ fields: ['area_code', 'period', 'indicator', 'value', 'source'], data: rows }, { newline: '\n' }) + '\n');
	console.error(`${result.observations.length} waarnemingen uit ${table.id} (${state.rows} rijen gelezen).`);
	console.error(`Controleren en laden: npm run data:upload -- ${path.relative(process.cwd(), file)} [--opslaan], of upload het bestand op /beheer/data.`);
	console.log(file);
}

const LEVELS: BoundaryLevel[] = ['gemeente', 'wijk', 'buurt'];

/** A fetched boundary as a feature of the package's boundary files (code, name, gemeentecode, wijkcode). */
function feature(b: FetchedBoundary) {
	const properties: Record<string, string | null> = { code: b.code, name: b.name, gemeentecode: b.gemeenteCode };
	if (b.level === 'buurt') properties.wijkcode = `WK${b.code.slice(2, 8)}`;
	return { type: 'Feature', properties, geometry: JSON.parse(b.geometry) as unknown };
}

async function fetchGrenzen(o: ReturnType<typeof parse>) {
	const [yearArg = '', levelArg = ''] = o.args;
	if (!YEAR.test(yearArg)) throw new UsageError(`"${yearArg}" is geen jaar.`);
	const level = LEVELS.find((l) => l === levelArg);
	if (!level) throw new UsageError(`Onbekend niveau "${levelArg}": kies gemeente, wijk of buurt.`);
	const year = Number(yearArg);
	const sourceId = o.bron ?? `cbs-wijkenbuurten-${year}`;
	const result = await fetchBoundaries(fetchEndpoints().pdokWfsUrl, { year, level, gemeente: o.gemeente, srid: o.srid }, sourceId, {
		progress: terminalProgress()
	});
	if (result.problems.length) refuse(result.problems, 'Grenzen');
	for (const note of result.notes) console.error(note);
	const srid = result.boundaries[0]?.srid ?? o.srid;
	const collection = {
		type: 'FeatureCollection',
		// RFC 7946 has no crs member, but GDAL, QGIS and PostGIS read this one; without it RD New looks like degrees.
		...(srid === 28992 ? { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } } } : {}),
		features: result.boundaries.map(feature)
	};
	const file = path.join(o.outDir, `grenzen-${level}-${year}${o.gemeente ? `-${o.gemeente}` : ''}-${srid}.geojson`);
	await writeAtomically(file, JSON.stringify(collection) + '\n');
	console.error(`${result.boundaries.length} ${level}grenzen ${year} (EPSG:${srid}).`);
	console.log(file);
}

try {
	const o = parse();
	if (o.kind === 'kwb' || o.kind === 'politie' || o.kind === 'rivm') await fetchObservations(o);
	else if (o.kind === 'grenzen') await fetchGrenzen(o);
	else throw new UsageError(o.kind ? `Onbekende soort "${o.kind}".` : 'Zeg wat er opgehaald moet worden.');
} catch (e) {
	if (e instanceof UsageError || (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
		console.error(`${e.message}\n${USAGE}`);
		process.exit(2);
	}
	if (e instanceof OfflineError || e instanceof HttpError || e instanceof ConfigError) {
		console.error(e.message);
		process.exit(1);
	}
	throw e;
}
