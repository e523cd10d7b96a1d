/**
 * A data package uploaded as a zip (`pakket`): unpacked safely (zip.ts: no
 * path outside the package, no links, size and ratio limits) into a fresh
 * temporary directory, then read and checked whole like `npm run data:import`
 * (datapackage.ts). A package replaces everything earlier packages wrote
 * (loader.ts), so the preview gives its counts and whether it is the package
 * already loaded; the commit is the package import's own transaction.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../db/index';
import { importBatch } from '../db/schema/index';
import { config } from '../env';
import { readDataPackage } from './datapackage';
import { importDataPackage, projectFile } from './loader';
import { silentProgress, type Progress } from './progress';
import type { StagedPackage } from './staged';
import { extractPackageZip } from './zip';

export interface PackageCounts {
	sources: number;
	indicators: number;
	areas: number;
	boundaries: number;
	observations: number;
	focus_areas: number;
}

/** Unpacks the zip at `zipPath` (shown as `name`) and runs `work` on the package directory; the directory goes afterwards. */
async function withPackage<T>(zipPath: string, name: string, work: (dir: string) => Promise<T>): Promise<T> {
	const tmp = await mkdtemp(path.join(os.tmpdir(), 'wam-pakket-'));
	try {
		const { packageDir } = await extractPackageZip(zipPath, path.join(tmp, 'pakket'), {}, name);
		return await work(packageDir);
	} finally {
		await rm(tmp, { recursive: true, force: true });
	}
}

const projectFiles = () => ({ focusAreasFile: config().focusAreasFile, rulesFile: projectFile('geodata/indicator-rules.json') });

function countsOf(p: StagedPackage): PackageCounts {
	return {
		sources: p.sources.length,
		indicators: p.indicators.length,
		areas: p.areas.length,
		boundaries: p.boundaries.length,
		observations: p.observations.length,
		focus_areas: p.focusAreas.length
	};
}

/** Checks the package in the zip; throws ImportError with every problem. `loaded`: this very package is the one in the database. */
export async function previewPackage(
	database: Database,
	zipPath: string,
	name: string,
	progress: Progress = silentProgress
): Promise<{ counts: PackageCounts; checksum: string; loaded: boolean }> {
	return withPackage(zipPath, name, async (dir) => {
		const staged = await readDataPackage(dir, { ...projectFiles(), progress });
		const [last] = await database.db
			.select({ checksum: importBatch.checksum })
			.from(importBatch)
			.where(eq(importBatch.kind, 'datapackage'))
			.orderBy(desc(importBatch.id))
			.limit(1);
		return { counts: countsOf(staged), checksum: staged.checksum, loaded: last?.checksum === staged.checksum };
	});
}

/** Imports the package in the zip (one transaction; the same package twice is a no-op). */
export async function commitPackage(database: Database, zipPath: string, name: string, importedBy: string, progress: Progress = silentProgress) {
	return withPackage(zipPath, name, (dir) => importDataPackage(database, dir, { ...projectFiles(), importedBy, progress }));
}
