/**
 * What every benchmark section gets: the real data package imported into each
 * available engine, and helpers to time work and print figures. Speed is
 * measured and printed here, never asserted in tests.
 */
import type { Database } from '../../src/lib/server/db/index';

export interface BenchEngine {
	/** 'pglite' or 'postgres' */
	name: string;
	/** A database holding the whole real data package. */
	database: Database;
	/** PostgreSQL connection string of that database (postgres engine only). */
	url: string | null;
}

export interface BenchContext {
	engines: BenchEngine[];
	geodataDir: string;
}

export interface Timing {
	n: number;
	totalMs: number;
	p50: number;
	p95: number;
	perSecond: number;
}

/** Runs `fn` `n` times (after `warmup` untimed runs) and returns latency percentiles. */
export async function time(n: number, fn: (i: number) => Promise<unknown>, warmup = 1): Promise<Timing> {
	for (let i = 0; i < warmup; i++) await fn(i);
	const samples: number[] = [];
	const start = performance.now();
	for (let i = 0; i < n; i++) {
		const t = performance.now();
		await fn(i);
		samples.push(performance.now() - t);
	}
	const totalMs = performance.now() - start;
	samples.sort((a, b) => a - b);
	const pct = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
	return { n, totalMs, p50: pct(0.5), p95: pct(0.95), perSecond: (n / totalMs) * 1000 };
}

/** Prints a titled table of rows (objects with the same keys). */
export function table(title: string, rows: Record<string, string | number>[]): void {
	console.log(`\n## ${title}\n`);
	if (!rows.length) {
		console.log('(no rows)');
		return;
	}
	const cols = Object.keys(rows[0]);
	const cell = (v: string | number) => (typeof v === 'number' ? (Number.isInteger(v) ? v.toLocaleString('en-US') : v.toFixed(2)) : v);
	const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(cell(r[c])).length)));
	const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(widths[i])).join(' | ') + ' |';
	console.log(line(cols));
	console.log('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|');
	for (const r of rows) console.log(line(cols.map((c) => String(cell(r[c])))));
}
