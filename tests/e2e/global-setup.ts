/**
 * Once per browser-test run: builds the app, starts it with `node build` on a
 * free port and a fresh embedded database — so the first start imports the real
 * data package exactly as a newcomer's `npm start` does — and stops it after.
 * With E2E_BASE_URL set, the tests use that running app instead (no build, no
 * server of our own).
 *
 * Chromium is Debian's (/usr/bin/chromium, or CHROMIUM_PATH). Without it the
 * browser tests are reported as skipped, except in CI, where that is an error.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		baseUrl: string | null;
		chromiumPath: string | null;
		/** The first administrator, made with `npm run admin:create` before the server started (null with E2E_BASE_URL). */
		admin: { email: string; password: string } | null;
	}
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as { port: number }).port;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

let server: ChildProcess | null = null;
let dataDir: string | null = null;

export default async function setup(project: TestProject) {
	const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
	if (!existsSync(chromiumPath)) {
		if (process.env.CI) throw new Error(`Chromium not found at ${chromiumPath}: the browser tests cannot run.`);
		console.warn(`\n[e2e] Chromium not found at ${chromiumPath}: browser tests are skipped (apt-get install chromium).\n`);
		project.provide('baseUrl', null);
		project.provide('chromiumPath', null);
		project.provide('admin', null);
		return;
	}
	// A server that is already running (e.g. your own `vite dev`): no build, no start.
	const external = process.env.E2E_BASE_URL?.trim().replace(/\/+$/, '');
	if (external) {
		project.provide('baseUrl', external);
		project.provide('chromiumPath', chromiumPath);
		project.provide('admin', null);
		return;
	}
	const root = path.resolve(import.meta.dirname, '../..');
	if (!process.env.E2E_SKIP_BUILD) execFileSync('npx', ['vite', 'build', '--logLevel', 'error'], { cwd: root, stdio: 'inherit' });
	const port = await freePort();
	dataDir = mkdtempSync(path.join(os.tmpdir(), 'wam-e2e-'));
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', PGLITE_DATA_DIR: path.join(dataDir, 'pglite'), ORIGIN: `http://127.0.0.1:${port}` };
	delete env.DATABASE_URL;
	// The first administrator, as a newcomer makes one: before the first start (the embedded database allows one process at a time).
	const adminEmail = 'e2e-beheerder@example.org';
	const adminPassword = execFileSync('npx', ['tsx', 'scripts/admin-create.ts', adminEmail], { cwd: root, env, encoding: 'utf8' }).trim();
	project.provide('admin', { email: adminEmail, password: adminPassword });
	server = spawn(process.execPath, ['build'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
	let log = '';
	server.stdout!.on('data', (d) => (log += d));
	server.stderr!.on('data', (d) => (log += d));
	const baseUrl = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 8 * 60_000;
	for (;;) {
		if (server.exitCode != null) throw new Error(`The server stopped during start-up:\n${log}`);
		try {
			const res = await fetch(baseUrl + '/over');
			if (res.ok) break;
		} catch {
			/* not listening yet: the first start imports the data package */
		}
		if (Date.now() > deadline) throw new Error(`The server did not answer within 8 minutes:\n${log}`);
		await new Promise((r) => setTimeout(r, 1000));
	}
	project.provide('baseUrl', baseUrl);
	project.provide('chromiumPath', chromiumPath);
	// Returned, not exported: vitest ignores a named `teardown` next to a default export.
	return teardown;
}

async function teardown() {
	if (server && server.exitCode == null) {
		const exited = new Promise((r) => server!.once('exit', r));
		server.kill('SIGTERM');
		await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
		if (server.exitCode == null) server.kill('SIGKILL');
	}
	server?.stdout?.destroy();
	server?.stderr?.destroy();
	if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}
