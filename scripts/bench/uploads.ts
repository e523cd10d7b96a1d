/**
 * npm run bench -- uploads: checking (preview) a large upload, per engine,
 * with the memory it takes. The files are SYNTHETIC, generated here and named
 * as such: a tidy table of made-up figures on the real buurt codes (about
 * BENCH_UPLOAD_MB megabytes, default 100) and a GeoJSON of made-up square
 * boundaries for a future vintage. A preview rolls everything back, so the
 * database is left as it was.
 *
 * Printed: time, rows per second, and the process's peak resident memory and
 * JavaScript heap above what it used before, sampled every 50 ms. The baseline
 * in the same run is reading and hashing the same file. On PGlite the database
 * runs inside this process, so its memory is in the figure; PostgreSQL's is not.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { appendFile, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import { previewFigures, type FigureInput } from '../../src/lib/server/import/figures';
import { table, type BenchContext } from './context';

const MB = 1024 * 1024;

/** Writes lines from `next` until the file holds `bytes` (or `next` returns null). */
async function writeUntil(file: string, header: string, bytes: number, next: (i: number) => string | null): Promise<number> {
	const out = createWriteStream(file);
	let written = 0;
	let i = 0;
	out.write(header);
	written += header.length;
	while (written < bytes) {
		const line = next(i++);
		if (line == null) break;
		written += line.length;
		if (!out.write(line)) await once(out, 'drain');
	}
	out.end();
	await once(out, 'finish');
	return i;
}

async function hashFile(file: string): Promise<number> {
	const t = performance.now();
	const h = createHash('sha256');
	for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
	h.digest('hex');
	return performance.now() - t;
}

/** Runs `fn` while sampling memory: peak RSS and heap above the level before, in MB. */
async function withMemory<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number; rssMb: number; heapMb: number }> {
	global.gc?.();
	const base = process.memoryUsage();
	let rss = base.rss;
	let heap = base.heapUsed;
	const timer = setInterval(() => {
		const m = process.memoryUsage();
		rss = Math.max(rss, m.rss);
		heap = Math.max(heap, m.heapUsed);
	}, 50);
	const t = performance.now();
	try {
		const result = await fn();
		const m = process.memoryUsage();
		return { result, ms: performance.now() - t, rssMb: (Math.max(rss, m.rss) - base.rss) / MB, heapMb: (Math.max(heap, m.heapUsed) - base.heapUsed) / MB };
	} finally {
		clearInterval(timer);
	}
}

export default async function uploads(ctx: BenchContext) {
	const target = Number(process.env.BENCH_UPLOAD_MB ?? 100) * MB;
	const first = ctx.engines[0].database;
	const buurten = (await first.rows<{ code: string }>(sql`SELECT code FROM area WHERE level = 'buurt' AND NOT superseded ORDER BY code`)).map((r) => r.code);
	const indicators = (await first.rows<{ key: string }>(sql`SELECT key FROM indicator WHERE kind <> 'count' ORDER BY key`)).map((r) => r.key);
	const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-upload-'));
	try {
		// Tidy table: every buurt × indicator × period from 1900 on (years no real figure has), made-up values.
		const csv = path.join(dir, 'synthetisch-groot.csv');
		const per = buurten.length * indicators.length;
		const lines = await writeUntil(csv, 'area_code,period,indicator,value\n', target, (i) => {
			const period = 1900 + Math.floor(i / per);
			if (period > 1999) return null;
			const b = buurten[i % buurten.length];
			const ind = indicators[Math.floor(i / buurten.length) % indicators.length];
			return `${b},${period},${ind},${((i * 7919) % 1000) / 10}\n`;
		});
		// Boundaries: a square per buurt code for the vintage 2099, with as many vertices (about 21 bytes
		// each) as it takes to reach the size over all buurten.
		const side = Math.max(4, Math.round(target / buurten.length / 21 / 4));
		const geo = path.join(dir, 'buurten_2099-synthetisch.geojson');
		const features = await writeUntil(geo, '{"type":"FeatureCollection","features":[\n', target - 4, (i) => {
			if (i >= buurten.length) return null;
			const x = 4 + (i % 120) * 0.02;
			const y = 51 + Math.floor(i / 120) * 0.02;
			const ring: [number, number][] = [];
			for (let k = 0; k < 4 * side; k++) {
				const s = Math.floor(k / side);
				const f = (k % side) / side;
				const p: [number, number] =
					s === 0 ? [x + 0.01 * f, y] : s === 1 ? [x + 0.01, y + 0.01 * f] : s === 2 ? [x + 0.01 - 0.01 * f, y + 0.01] : [x, y + 0.01 - 0.01 * f];
				ring.push([Number(p[0].toFixed(6)), Number(p[1].toFixed(6))]);
			}
			ring.push(ring[0]);
			const props = { code: buurten[i], name: `Synthetisch ${i}` };
			return `${i ? ',' : ''}{"type":"Feature","properties":${JSON.stringify(props)},"geometry":{"type":"Polygon","coordinates":[${JSON.stringify(ring)}]}}\n`;
		});
		await appendFile(geo, ']}\n');

		const rows: Record<string, string | number>[] = [];
		for (const [label, file, kind, count] of [
			['tidy table', csv, 'tabel', lines],
			['GeoJSON boundaries', geo, 'grenzen', features]
		] as const) {
			const size = (await stat(file)).size;
			const readMs = await hashFile(file);
			for (const e of ctx.engines) {
				const input: FigureInput = { path: file, name: path.basename(file), kind, year: null, sourceTitle: 'Benchmark (synthetisch)', gemeenten: null };
				const m = await withMemory(() => previewFigures(e.database, input));
				rows.push({
					engine: e.name,
					file: label,
					MB: Math.round(size / MB),
					rows: count,
					'check s': m.ms / 1000,
					'rows/s': Math.round(count / (m.ms / 1000)),
					'peak RSS +MB': Math.round(m.rssMb),
					'peak heap +MB': Math.round(m.heapMb),
					'vs reading+hashing': `${(m.ms / readMs).toFixed(0)}×`,
					new: m.result.counts.new
				});
			}
		}
		table('Checking a large upload (preview; synthetic files, rolled back)', rows);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
