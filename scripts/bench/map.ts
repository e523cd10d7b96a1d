/**
 * First choropleth: how long a reader waits, in a cold headless Chromium, from
 * asking for /kaart until the map shows its classes — screenshots of the map
 * every 250 ms until at least three legend colours each cover 0.5 % of it.
 * Per engine, against the built app (`npm run build` first), for the default
 * view and for every buurt of the Netherlands. Baseline in the same run and the
 * same cold browser: the about page (/over) until its load event.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { projectRoot, startApp } from '../app-server';
import { coloursCovering, coloursOnScreen } from '../map-colours';
import { table, type BenchContext } from './context';

const VIEWS = [
	['default view (/kaart)', '/kaart'],
	['all buurten of NL', '/kaart?niveau=buurt']
] as const;
const RUNS = 3;
const POLL_MS = 250;
const TIMEOUT_MS = 30_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function coldBrowser(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run']
	});
}

/** Milliseconds from navigation until three class colours each cover ≥ 0.5 % of the map; null on time-out. */
async function firstChoropleth(url: string): Promise<number | null> {
	const browser = await coldBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		const start = performance.now();
		await page.goto(url, { waitUntil: 'commit' });
		while (performance.now() - start < TIMEOUT_MS) {
			const tick = performance.now();
			if ((await page.locator('.map').count()) && (await page.locator('.legend .swatch[style]').count())) {
				if (coloursCovering(await coloursOnScreen(page), 0.005) >= 3) return performance.now() - start;
			}
			await new Promise((r) => setTimeout(r, Math.max(0, POLL_MS - (performance.now() - tick))));
		}
		return null;
	} finally {
		await browser.close();
	}
}

async function aboutPage(url: string): Promise<number> {
	const browser = await coldBrowser();
	try {
		const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
		const start = performance.now();
		await page.goto(url, { waitUntil: 'load' });
		return performance.now() - start;
	} finally {
		await browser.close();
	}
}

export default async function map(ctx: BenchContext): Promise<void> {
	if (!existsSync(path.join(projectRoot, 'build/index.js'))) {
		console.log('\n## First choropleth\n\n(build/ not found: run `npm run build` first.)');
		return;
	}
	const rows: Record<string, string | number>[] = [];
	for (const engine of ctx.engines) {
		const dir = engine.url ? null : mkdtempSync(path.join(os.tmpdir(), 'wam-bench-map-'));
		// PGlite is in memory in this run: the app imports the package into a data directory of its own.
		const app = await startApp(engine.url ? { DATABASE_URL: engine.url, AUTO_IMPORT: 'false' } : { PGLITE_DATA_DIR: path.join(dir!, 'pglite') }, {
			timeoutMs: 10 * 60_000
		});
		try {
			// A warm server, a cold browser: what a reader meets once the dashboard has run a while.
			for (const [, p] of VIEWS) await fetch(app.baseUrl + p);
			await fetch(app.baseUrl + '/over');
			const about: number[] = [];
			for (let i = 0; i < RUNS; i++) about.push(await aboutPage(app.baseUrl + '/over'));
			const baseline = median(about);
			for (const [name, p] of VIEWS) {
				const times: (number | null)[] = [];
				for (let i = 0; i < RUNS; i++) times.push(await firstChoropleth(app.baseUrl + p));
				const ok = times.filter((t): t is number => t != null);
				rows.push({
					engine: engine.name,
					view: name,
					'median s': ok.length ? (median(ok) / 1000).toFixed(2) : 'time-out',
					'runs s': times.map((t) => (t == null ? '–' : (t / 1000).toFixed(2))).join(' '),
					'vs /over load': ok.length ? `${(median(ok) / baseline).toFixed(1)}× (${(baseline / 1000).toFixed(2)} s)` : '–'
				});
			}
		} finally {
			await app.stop();
			if (dir) rmSync(dir, { recursive: true, force: true });
		}
	}
	table(`First choropleth in a cold Chromium, 1400×900 (screenshots every ${POLL_MS} ms until 3 class colours each cover ≥ 0.5 %; median of ${RUNS})`, rows);
}
