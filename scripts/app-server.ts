/**
 * Starts the built app (`node build`, adapter-node) on a free loopback port with
 * the given environment, waits until it answers, and stops it again. Used by
 * the browser-test setup (real data, first-start import) and by tests that need
 * a server of their own (e.g. on a synthetic package).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '..');

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const srv = createServer();
		srv.listen(0, '127.0.0.1', () => {
			const port = (srv.address() as { port: number }).port;
			srv.close(() => resolve(port));
		});
		srv.on('error', reject);
	});
}

export interface RunningApp {
	baseUrl: string;
	/** What the server printed so far. */
	log(): string;
	stop(): Promise<void>;
}

/**
 * `node build` with `env` added to this process's environment (DATABASE_URL
 * removed unless given). Resolves once `readyPath` answers 200; rejects with the
 * server's output when it stops or does not answer within `timeoutMs`.
 */
export async function startApp(env: Record<string, string>, opts: { readyPath?: string; timeoutMs?: number } = {}): Promise<RunningApp> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const full: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', ORIGIN: baseUrl };
	delete full.DATABASE_URL;
	Object.assign(full, env);
	const server: ChildProcess = spawn(process.execPath, ['build'], { cwd: projectRoot, env: full, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	server.stdout!.on('data', (d) => (out += d));
	server.stderr!.on('data', (d) => (out += d));
	const stop = async () => {
		if (server.exitCode == null && server.signalCode == null) {
			const exited = new Promise((r) => server.once('exit', r));
			server.kill('SIGTERM');
			await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
			if (server.exitCode == null && server.signalCode == null) server.kill('SIGKILL');
		}
		server.stdout?.destroy();
		server.stderr?.destroy();
	};
	const deadline = Date.now() + (opts.timeoutMs ?? 8 * 60_000);
	for (;;) {
		if (server.exitCode != null) throw new Error(`The server stopped during start-up:\n${out}`);
		try {
			const res = await fetch(baseUrl + (opts.readyPath ?? '/over'));
			if (res.ok) break;
		} catch {
			/* not listening yet (the first start may import a data package) */
		}
		if (Date.now() > deadline) {
			await stop();
			throw new Error(`The server did not answer in time:\n${out}`);
		}
		await new Promise((r) => setTimeout(r, 500));
	}
	return { baseUrl, log: () => out, stop };
}
