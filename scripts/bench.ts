/**
 * npm run bench — imports the real data package into each available engine
 * (embedded PGlite always; PostgreSQL when TEST_DATABASE_URL names a server) and
 * prints import time and rows/second, then runs the sections in scripts/bench/.
 * Every figure is printed next to a baseline measured in the same run.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { config, missingGeodataMessage } from '../src/lib/server/env';
import { openDatabase, type Database } from '../src/lib/server/db/index';
import { importDataPackage } from '../src/lib/server/import/loader';
import { table, type BenchContext, type BenchEngine } from './bench/context';

const cfg = config();
if (!cfg.geodataDir) {
	console.error(missingGeodataMessage(cfg));
	process.exit(2);
}
const geodataDir = cfg.geodataDir;
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

console.log(`# Wijkaanpak monitor benchmark\n\n${new Date().toISOString()}, Node ${process.version}, data package ${geodataDir}`);

// Baseline for the import: reading and hashing the same files, no parsing or database.
async function baselineRead(): Promise<number> {
	const pkg = JSON.parse(await readFile(path.join(geodataDir, 'datapackage.json'), 'utf8')) as { resources: { path: string }[] };
	const t = performance.now();
	for (const r of pkg.resources)
		createHash('sha256')
			.update(await readFile(path.join(geodataDir, r.path)))
			.digest('hex');
	return performance.now() - t;
}

const engines: BenchEngine[] = [];
const importRows: Record<string, string | number>[] = [];
const readMs = await baselineRead();

async function importInto(name: string, open: () => Promise<Database>, url: string | null) {
	const database = await open();
	const t = performance.now();
	const result = await importDataPackage(database, geodataDir, { importedBy: 'bench' });
	const ms = performance.now() - t;
	const rows = result.counts.observations + result.counts.boundaries + result.counts.areas;
	importRows.push({
		engine: name,
		'import s': ms / 1000,
		rows,
		'rows/s': Math.round(rows / (ms / 1000)),
		'vs reading+hashing files': `${(ms / readMs).toFixed(1)}×`
	});
	engines.push({ name, database, url });
}

await importInto('pglite', () => openDatabase({ engine: 'pglite', dataDir: null }), null);
const pgAdmin = process.env.TEST_DATABASE_URL?.trim();
let dropPg: (() => Promise<void>) | null = null;
if (pgAdmin) {
	const { default: postgres } = await import('postgres');
	const admin = postgres(pgAdmin, { max: 1, onnotice: () => {} });
	const name = `wam_bench_${Date.now().toString(36)}`;
	await admin.unsafe(`CREATE DATABASE ${name}`);
	const u = new URL(pgAdmin);
	u.pathname = `/${name}`;
	await importInto('postgres', () => openDatabase({ engine: 'postgres', url: u.toString() }), u.toString());
	dropPg = async () => {
		await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
		await admin.end();
	};
} else {
	console.log('\n(TEST_DATABASE_URL not set: PostgreSQL figures are skipped.)');
}
table(`Import of the full data package (baseline: reading + hashing its files, ${readMs.toFixed(0)} ms)`, importRows);

const ctx: BenchContext = { engines, geodataDir };
const sections = [
	['tiles', () => import('./bench/tiles')],
	['area', () => import('./bench/area')],
	['compare', () => import('./bench/compare')],
	['map', () => import('./bench/map')],
	['reports', () => import('./bench/reports')],
	['uploads', () => import('./bench/uploads')]
] as const;
for (const [name, load] of sections) {
	if (only.length && !only.includes(name)) continue;
	try {
		const mod = (await load()) as { default: (c: BenchContext) => Promise<void> };
		await mod.default(ctx);
	} catch (e) {
		if ((e as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') continue;
		throw e;
	}
}

for (const e of engines) await e.database.close();
await dropPg?.();
