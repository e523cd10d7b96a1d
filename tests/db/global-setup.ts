/**
 * Once per test run: builds a migrated PGlite template (so each test file opens
 * its embedded database in seconds) and checks the PostgreSQL server named by
 * TEST_DATABASE_URL, when one is given.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { pgliteTemplate } from '../../src/lib/server/db/index';

declare module 'vitest' {
	export interface ProvidedContext {
		pgliteTemplate: string;
		postgresUrl: string | null;
	}
}

export default async function setup(project: TestProject) {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'wam-template-'));
	const file = path.join(dir, 'template.tar');
	const blob = await pgliteTemplate();
	await writeFile(file, Buffer.from(await blob.arrayBuffer()));
	project.provide('pgliteTemplate', file);
	const url = process.env.TEST_DATABASE_URL?.trim() || null;
	if (url) {
		const { default: postgres } = await import('postgres');
		const sql = postgres(url, { max: 1, onnotice: () => {} });
		try {
			await sql`SELECT 1`;
		} catch (e) {
			throw new Error(`TEST_DATABASE_URL is set but the server does not answer: ${(e as Error).message}`);
		} finally {
			await sql.end();
		}
	}
	project.provide('postgresUrl', url);
	return async () => {
		await rm(dir, { recursive: true, force: true });
	};
}
