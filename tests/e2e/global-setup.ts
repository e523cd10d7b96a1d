/**
 * Once per browser-test run: builds the app, starts it with `node build` on a
 * free port and a fresh embedded database — so the first start imports the real
 * data package exactly as a newcomer's `npm start` does — then imports a test
 * target with the command-line importer, starts it again, and stops it after.
 * With E2E_BASE_URL set, the tests use that running app instead (no build, no
 * server of our own).
 *
 * Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH). Without it the
 * browser tests are reported as skipped, except in CI, where that is an error.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { projectRoot, startApp, type RunningApp } from '../../scripts/app-server';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string | null;
		chromiumPath: string | null;
		/** True when this run built the app: tests may start more servers from `build/`. */
		builtApp: boolean;
		/** The first administrator, made with `npm run admin:create` before the server started (null with E2E_BASE_URL). */
		admin: { email: string; password: string } | null;
		/** A second administrator made the same way, for the targets-management test (tests/e2e/manage-targets.test.ts), so that it does not depend on what the accounts test did with the first. */
		targetsAdmin: { email: string; password: string } | null;
		/** A third, for the progress-reports test (tests/e2e/reports.test.ts). */
		reportsAdmin: { email: string; password: string } | null;
		/** A third administrator, who makes the coordinators of the interventions test (tests/e2e/interventions.test.ts). */
		interventionsAdmin: { email: string; password: string } | null;
		/** A fourth, who makes the monitor of the data-upload test (tests/e2e/data-upload.test.ts). */
		dataAdmin: { email: string; password: string } | null;
	}
}

/** CBS as seen by the app under test: a closed port, so fetching is offline at once, whatever this machine's network. */
const OFFLINE_CBS = 'http://127.0.0.1:9/ODataApi/OData';
let app: RunningApp | null = null;
/** Test targets for the area page's browser test (tests/e2e/targets.test.ts). */
const TEST_TARGETS = 'tests/fixtures/targets/e2e-test-target.csv';
let dataDir: string | null = null;

export default async function setup(project: TestProject) {
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromiumPath)) {
		if (process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}: the browser tests cannot run.`);
		console.warn(`\n[e2e] Chromium not found at ${chromiumPath}: browser tests are skipped (apt-get install chromium).\n`);
		project.provide('baseUrl', null);
		project.provide('chromiumPath', null);
		project.provide('builtApp', false);
		project.provide('admin', null);
		project.provide('targetsAdmin', null);
		project.provide('reportsAdmin', null);
		project.provide('interventionsAdmin', null);
		project.provide('dataAdmin', null);
		return;
	}
	// A server that is already running (e.g. your own `vite dev`): no build, no start.
	const external = process.env.E2E_BASE_URL?.trim().replace(/\/+$/, '');
	if (external) {
		project.provide('baseUrl', external);
		project.provide('chromiumPath', chromiumPath);
		project.provide('builtApp', false);
		project.provide('admin', null);
		project.provide('targetsAdmin', null);
		project.provide('reportsAdmin', null);
		project.provide('interventionsAdmin', null);
		project.provide('dataAdmin', null);
		return;
	}
	if (!process.env.E2E_SKIP_BUILD) execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: projectRoot, stdio: 'inherit' });
	dataDir = mkdtempSync(path.join(os.tmpdir(), 'wam-e2e-'));
	const pglite = path.join(dataDir, 'pglite');
	// The first administrator, as a newcomer makes one: before the first start (the embedded database allows one process at a time).
	const adminEmail = 'e2e-beheerder@example.org';
	const adminEnv: NodeJS.ProcessEnv = { ...process.env, PGLITE_DATA_DIR: pglite };
	delete adminEnv.DATABASE_URL;
	const adminPassword = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', adminEmail], { cwd: projectRoot, env: adminEnv, encoding: 'utf8' }).trim();
	project.provide('admin', { email: adminEmail, password: adminPassword });
	const targetsAdminEmail = 'e2e-doelen-beheerder@example.org';
	const targetsAdminPassword = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', targetsAdminEmail], {
		cwd: projectRoot,
		env: adminEnv,
		encoding: 'utf8'
	}).trim();
	project.provide('targetsAdmin', { email: targetsAdminEmail, password: targetsAdminPassword });
	const reportsAdminEmail = 'e2e-rapporten-beheerder@example.org';
	const reportsAdminPassword = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', reportsAdminEmail], {
		cwd: projectRoot,
		env: adminEnv,
		encoding: 'utf8'
	}).trim();
	const interventionsAdminEmail = 'e2e-interventies-beheerder@example.org';
	const interventionsAdminPassword = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', interventionsAdminEmail], {
		cwd: projectRoot,
		env: adminEnv,
		encoding: 'utf8'
	}).trim();
	project.provide('reportsAdmin', { email: reportsAdminEmail, password: reportsAdminPassword });
	project.provide('interventionsAdmin', { email: interventionsAdminEmail, password: interventionsAdminPassword });
	const dataAdminEmail = 'e2e-data-beheerder@example.org';
	const dataAdminPassword = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', dataAdminEmail], {
		cwd: projectRoot,
		env: adminEnv,
		encoding: 'utf8'
	}).trim();
	project.provide('dataAdmin', { email: dataAdminEmail, password: dataAdminPassword });
	app = await startApp({ PGLITE_DATA_DIR: pglite, CBS_ODATA_URL: OFFLINE_CBS });
	// A test target (tests/fixtures/targets, not a published goal), imported as a
	// monitor does with `npm run targets:import`: with the server stopped, once the
	// first start has brought the areas and indicators it refers to.
	await app.stop();
	execFileSync('npx', ['tsx', 'scripts/targets-import.ts', TEST_TARGETS], { cwd: projectRoot, env: adminEnv, stdio: 'inherit' });
	app = await startApp({ PGLITE_DATA_DIR: pglite, CBS_ODATA_URL: OFFLINE_CBS });
	const baseUrl = app.baseUrl;
	project.provide('baseUrl', baseUrl);
	project.provide('chromiumPath', chromiumPath);
	project.provide('builtApp', true);
	// Returned, not exported: vitest ignores a named `teardown` next to a default export.
	return teardown;
}

async function teardown() {
	await app?.stop();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
