import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ClientGone, sharedWork, throwIfClientGone, watchClient, withClient, type WatchedClient } from './client';

/** A real HTTP server on loopback whose handler hands each request's watcher to the test. */
async function server(answerAfterMs: number | null) {
	const watched: WatchedClient[] = [];
	const srv = http.createServer((req, res) => {
		const client = watchClient(req);
		watched.push(client);
		if (answerAfterMs == null) return; // never answers: the client gives up
		setTimeout(() => {
			client.done();
			res.end('ok');
		}, answerAfterMs);
	});
	await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
	return { url: `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`, watched, srv };
}

let open: http.Server | null = null;
afterEach(() => {
	open?.closeAllConnections();
	open?.close();
	open = null;
});

const until = async (ok: () => boolean, ms = 2000) => {
	const end = Date.now() + ms;
	while (!ok() && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
	return ok();
};

describe('a client that goes away', () => {
	it('aborts the signal of its GET request when the connection closes before the answer', async () => {
		const s = await server(null);
		open = s.srv;
		const req = http.get(s.url);
		req.on('error', () => {});
		expect(await until(() => s.watched.length === 1)).toBe(true);
		expect(s.watched[0].signal.aborted).toBe(false);
		req.destroy();
		expect(await until(() => s.watched[0].signal.aborted)).toBe(true);
		expect(s.watched[0].signal.reason).toBeInstanceOf(ClientGone);
	});

	it('does not abort an answered request, and leaves no listener on a keep-alive socket', async () => {
		const s = await server(5);
		open = s.srv;
		const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
		const get = () =>
			new Promise<string>((resolve, reject) =>
				http
					.get(s.url, { agent }, (res) => {
						let body = '';
						res.on('data', (d) => (body += d));
						res.on('end', () => resolve(body));
					})
					.on('error', reject)
			);
		expect(await get()).toBe('ok');
		expect(await get()).toBe('ok');
		agent.destroy();
		await new Promise((r) => setTimeout(r, 50));
		// The socket closed after both answers: neither request counts as abandoned.
		expect(s.watched.map((w) => w.signal.aborted)).toEqual([false, false]);
	});
});

describe('work in the scope of a request', () => {
	it('refuses new work for a departed client, but not shared work', () => {
		const c = new AbortController();
		withClient(c.signal, () => {
			expect(() => throwIfClientGone()).not.toThrow();
			c.abort();
			expect(() => throwIfClientGone()).toThrow(ClientGone);
			expect(() => sharedWork(() => throwIfClientGone())).not.toThrow();
		});
		// Outside any request (scripts, tests): never refused.
		expect(() => throwIfClientGone()).not.toThrow();
	});

	it('keeps the scope across awaits', async () => {
		const c = new AbortController();
		await withClient(c.signal, async () => {
			await new Promise((r) => setTimeout(r, 5));
			c.abort();
			await Promise.resolve();
			expect(() => throwIfClientGone()).toThrow(ClientGone);
		});
	});
});
