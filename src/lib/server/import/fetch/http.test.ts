import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { closedPort, fixtureServer, type FixtureServer } from '../../../../../tests/fixtures/fetch/server';
import { getText, HttpError, OfflineError } from './http';

let server: FixtureServer | null = null;
afterEach(async () => {
	await server?.close();
	server = null;
});

describe('getText', () => {
	it('retries a busy server (429, 503) and returns the body once it answers', async () => {
		let n = 0;
		server = await fixtureServer(() => {
			n++;
			if (n === 1) return { status: 429, body: 'te veel', headers: { 'retry-after': '0' } };
			if (n === 2) return { status: 503, body: 'onderhoud' };
			return { body: '{"ok":true}' };
		});
		expect(await getText(`${server.origin}/x`, { backoffMs: 1 })).toBe('{"ok":true}');
		expect(server.requests).toHaveLength(3);
	});

	it('gives up after the retries with the status and the server reason', async () => {
		server = await fixtureServer(() => ({ status: 500, body: '<html><body><h1>Interne fout</h1></body></html>', type: 'text/html' }));
		const error = await getText(`${server.origin}/x`, { backoffMs: 1, retries: 2 }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(HttpError);
		expect((error as HttpError).message).toBe(`${new URL(server.origin).host} antwoordde met HTTP 500 (Interne fout); er is niets gewijzigd.`);
		expect(server.requests).toHaveLength(3);
	});

	it('does not retry a 404 and quotes an OData error message', async () => {
		server = await fixtureServer(() => ({ status: 404, file: 'odata-error-404.json' }));
		await expect(getText(`${server.origin}/x`, { backoffMs: 1 })).rejects.toThrow('HTTP 404 (Tabel 12345NED bestaat niet.)');
		expect(server.requests).toHaveLength(1);
	});

	it('throws one Dutch sentence when the host refuses the connection', async () => {
		const port = await closedPort();
		const error = await getText(`http://127.0.0.1:${port}/odata`, { service: 'CBS' }).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(OfflineError);
		expect((error as Error).message).toBe(`Geen verbinding met 127.0.0.1:${port}: deze machine kan CBS niet bereiken; er is niets gewijzigd.`);
	});

	it('treats a name that does not resolve as offline', async () => {
		const fakeFetch = () => Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }) }));
		await expect(getText('https://opendata.cbs.nl/ODataApi/OData', { fetch: fakeFetch, service: 'CBS' })).rejects.toThrow(
			'Geen verbinding met opendata.cbs.nl: deze machine kan CBS niet bereiken; er is niets gewijzigd.'
		);
	});

	it('retries a server that does not answer in time, then calls it offline', async () => {
		const silent = createServer(() => {});
		await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
		const { port } = silent.address() as AddressInfo;
		try {
			await expect(getText(`http://127.0.0.1:${port}/`, { timeoutMs: 50, retries: 1, backoffMs: 1 })).rejects.toBeInstanceOf(OfflineError);
		} finally {
			silent.closeAllConnections();
			await new Promise((resolve) => silent.close(resolve));
		}
	});
});
