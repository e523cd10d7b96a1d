/**
 * npm run load — the built app under concurrent load, on loopback only.
 *
 * Starts `node build` on a free port of 127.0.0.1 with the configured database
 * (the embedded one by default; build first with `npm run build`, and let the
 * first start import the data), or uses a running app when LOAD_URL names one
 * on this machine. Then, per page, 50 connections for 30 s (LOAD_CONNECTIONS,
 * LOAD_SECONDS) with autocannon, after one warming request, and prints
 * requests/s, latency percentiles, time-outs and errors — next to a baseline
 * measured in the same run: a small static file served by the same process.
 * Every run is bounded in time and stops by itself.
 */
import autocannon from 'autocannon';
import { startApp, type RunningApp } from './app-server';
import { table } from './bench/context';

const connections = Number(process.env.LOAD_CONNECTIONS ?? 50);
const seconds = Number(process.env.LOAD_SECONDS ?? 30);
const PAGES: [string, string][] = [
	['baseline: static file', '/favicon.svg'],
	['overview', '/'],
	['area page Rotterdam-Zuid', '/gebied/rotterdam-zuid'],
	['area page CSV Rotterdam-Zuid', '/gebied/rotterdam-zuid/csv'],
	['map page', '/kaart'],
	['map values, NL buurten obesity', '/api/waarden?indicator=obesitas_pct&niveau=buurt']
];

function loopbackOnly(url: string): string {
	const host = new URL(url).hostname;
	if (!['127.0.0.1', 'localhost', '[::1]', '::1'].includes(host) && !host.startsWith('127.')) {
		throw new Error(`LOAD_URL must be an address on this machine (127.0.0.1 or localhost), not ${host}.`);
	}
	return url.replace(/\/+$/, '');
}

let app: RunningApp | null = null;
const base = process.env.LOAD_URL ? loopbackOnly(process.env.LOAD_URL) : (app = await startApp({}, { timeoutMs: 10 * 60_000 })).baseUrl;
try {
	const rows: Record<string, string | number>[] = [];
	for (const [name, path] of PAGES) {
		const warm = await fetch(base + path, { headers: { 'accept-encoding': 'br, gzip' } });
		const bytes = (await warm.arrayBuffer()).byteLength;
		const r = await autocannon({
			url: base + path,
			connections,
			duration: seconds,
			timeout: 10,
			headers: { 'accept-encoding': 'br, gzip' }
		});
		rows.push({
			page: name,
			status: warm.status,
			'KiB sent': Math.round(bytes / 1024),
			'req/s': Math.round(r.requests.average),
			'p50 ms': r.latency.p50,
			'p99 ms': r.latency.p99,
			'max ms': r.latency.max,
			requests: r.requests.total,
			'time-outs': r.timeouts,
			errors: r.errors,
			non2xx: r.non2xx
		});
	}
	table(`${connections} connections for ${seconds} s per page on ${base} (autocannon, compressed responses, warm)`, rows);
} finally {
	await app?.stop();
}
