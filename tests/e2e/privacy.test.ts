/**
 * Privacy through every door: a figure that the small-number rules withhold
 * must not leave the server by any route. The built app is started on a
 * SYNTHETIC package (tests/fixtures/package.ts) with one extra buurt of 36
 * inhabitants, and every door is fetched over HTTP: the overview, the area
 * pages and their CSV (nl and en), the map page, /api/waarden and the spiral layer at every level,
 * the vector tiles, and a published progress report (page, CSV, list). None may
 * carry the withheld figures; a draft report is not there at all for the public.
 *
 * The withheld figures are chosen so that their digits occur nowhere else in
 * the package:
 * - BU05990103 (36 inhabitants, below 50): obesity 2020 = 88.8, crimes 2024 =
 *   7 (below 10), crimes per 1 000 in 2024 = 194.4;
 * - BU05990101, its sibling in WK059901, whose wijk publishes 22.0: obesity 2020
 *   = 77.7 — with it shown, the wijk minus the visible buurt would give away
 *   BU05990103, so it is withheld as well (complementary suppression).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { openDatabase } from '../../src/lib/server/db/index';
import { importDataPackage } from '../../src/lib/server/import/loader';
import type { RoleGrant } from '../../src/lib/auth/roles';
import { periodOf } from '../../src/lib/reports/periods';
import { Data } from '../../src/lib/server/data/index';
import { openReport, reportCsv, snapshotOf, stepReport } from '../../src/lib/server/reports';
import { reportById } from '../../src/lib/server/queries/reports';
import { baseSpec, feature, featureCollection, GEO, OBS, rect, writePackage, type WrittenPackage } from '../fixtures/package';
import { startApp, type RunningApp } from '../../scripts/app-server';

/**
 * A figure as any door could write it: "88.8", "88,8", also right after a CSV
 * separator ("2020,88.8"), but not as the tail of a longer number ("188,8",
 * "1.088,8") or followed by more digits.
 */
const figure = (s: string) => new RegExp(`(?<![\\d.])${s.replace('.', '[.,]')}(?!\\d)`);
const WITHHELD = [figure('88.8'), figure('77.7'), figure('194.4')];

/** HTML and JSON without SVG drawings and outline paths, whose coordinates are not figures. */
function readable(text: string): string {
	return text
		.replace(/<svg[\s\S]*?<\/svg>/g, '')
		.replace(/"?\bd"?\s*:\s*"[^"]*"/g, '')
		.replace(/\bd="[^"]*"/g, '');
}

function syntheticPackage() {
	const spec = baseSpec();
	const buurten = JSON.parse(spec.files[GEO.buurten]) as { features: unknown[] };
	buurten.features.push(
		feature(
			{ code: 'BU05990103', name: 'Klein-C (synthetisch)', wijkcode: 'WK059901', gemeentecode: 'GM0599', geometry_quality: 'exact' },
			{ type: 'Polygon', coordinates: [rect(4.45, 51.9, 4.46, 51.91)] }
		)
	);
	spec.files[GEO.buurten] = featureCollection(buurten.features as Parameters<typeof featureCollection>[0]);
	spec.files[OBS.cbs] += 'BU05990103,buurt,2022,inwoners,30,cbs-synthetisch\nBU05990103,buurt,2024,inwoners,36,cbs-synthetisch\n';
	spec.files[OBS.rivm] = spec.files[OBS.rivm].replace('BU05990101,buurt,2020,obesitas_pct,21.0', 'BU05990101,buurt,2020,obesitas_pct,77.7');
	spec.files[OBS.rivm] += 'BU05990103,buurt,2020,obesitas_pct,88.8,rivm-synthetisch\n';
	spec.files[OBS.politie] +=
		'BU05990103,buurt,2024,misdrijven_totaal,7,politie-synthetisch\nBU05990103,buurt,2024,misdrijven_per_1000,194.4,politie-synthetisch\n';
	return spec;
}

/** The tile (x, y) at zoom z that holds a WGS84 point. */
function tileOf(lon: number, lat: number, z: number): [number, number] {
	const n = 2 ** z;
	const x = Math.floor(((lon + 180) / 360) * n);
	const r = (lat * Math.PI) / 180;
	const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
	return [x, y];
}

describe.runIf(inject('builtApp'))('no withheld figure leaves the server (built app, synthetic package)', () => {
	let pkg: WrittenPackage;
	let dir: string;
	let app: RunningApp;
	let reports: { published: number; draft: number };
	const get = async (p: string) => {
		const res = await fetch(app.baseUrl + p, { headers: { 'accept-encoding': 'identity' } });
		return { res, text: await res.text() };
	};

	beforeAll(async () => {
		pkg = await writePackage(syntheticPackage());
		dir = await mkdtemp(path.join(os.tmpdir(), 'wam-privacy-'));
		const dataDir = path.join(dir, 'pglite');
		const db = await openDatabase({ engine: 'pglite', dataDir });
		try {
			await importDataPackage(db, pkg.dir, pkg.options);
			// Two reports, made as the app makes them (its default thresholds): test-noord's published, test-zuid's a draft.
			const data = new Data(db, { suppression: { minPopulation: 50, minCount: 10 } });
			const grants: RoleGrant[] = [
				{ role: 'monitor', gemeenteCode: null, focusAreaId: null },
				{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'test-noord' }
			];
			const actor = { id: null, email: 'test (privacy)' };
			const period = periodOf(new Date(), 'halfjaar').label;
			const opened = await openReport(data, actor, grants, { focusAreaId: 'test-noord', period });
			if (!opened.ok) throw new Error(JSON.stringify(opened));
			for (const step of ['indienen', 'goedkeuren'] as const) await stepReport(data, actor, grants, opened.id, step);
			const csv = reportCsv(snapshotOf((await reportById(db.db, opened.id))!), '');
			const published = await stepReport(data, actor, grants, opened.id, 'publiceren', { pdf: null, csv });
			if (!published.ok) throw new Error(JSON.stringify(published));
			const draft = await openReport(data, actor, grants, { focusAreaId: 'test-zuid', period });
			if (!draft.ok) throw new Error(JSON.stringify(draft));
			reports = { published: opened.id, draft: draft.id };
		} finally {
			await db.close();
		}
		app = await startApp({ PGLITE_DATA_DIR: dataDir, AUTO_IMPORT: 'false', GEODATA_DIR: pkg.dir }, { timeoutMs: 120_000 });
	}, 300_000);
	afterAll(async () => {
		await app?.stop();
		if (dir) await rm(dir, { recursive: true, force: true });
		await pkg?.cleanup();
	});

	const expectClean = (door: string, text: string) => {
		const body = readable(text);
		for (const re of WITHHELD) expect(re.test(body), `${door} gives away ${re.source}`).toBe(false);
	};

	it('pages and their CSV, in Dutch and English', async () => {
		const pages = ['/', '/over', '/gebied/BU05990103', '/gebied/BU05990101', '/gebied/BU05990102', '/gebied/WK059901', '/gebied/test-noord', '/gebied/GM0599'];
		for (const lang of ['nl', 'en']) {
			for (const p of pages) {
				const { res, text } = await get(`${p}?lang=${lang}&thema=alle`);
				expect(res.status, p).toBe(200);
				expectClean(`${p}?lang=${lang}`, text);
				if (p.startsWith('/gebied/')) {
					const csv = await get(`${p}/csv?lang=${lang}`);
					expect(csv.res.status, `${p}/csv`).toBe(200);
					expectClean(`${p}/csv?lang=${lang}`, csv.text);
				}
			}
		}
		// The compare page and its tables, with the small buurt among the areas, on every indicator.
		const compare =
			'set=eigen&gebieden=BU05990103,BU05990101,BU05990102,WK059901,test-noord&indicatoren=obesitas_pct,misdrijven_per_1000,misdrijven_totaal,inwoners';
		for (const lang of ['nl', 'en']) {
			for (const p of [`/vergelijk?${compare}`, `/vergelijk/tabel?${compare}`, `/vergelijk/tabel?${compare}&formaat=json`, '/voortgang?programma=alle']) {
				const { res, text } = await get(`${p}&lang=${lang}`);
				expect(res.status, p).toBe(200);
				expectClean(`${p}&lang=${lang}`, text);
			}
		}
		// The doors are open: the city's own published obesity (16.5 in 2020) is shown.
		expect((await get('/gebied/GM0599/csv')).text).toMatch(figure('16.5'));
	});

	it('the map page and /api/waarden at every level, for every indicator and year', async () => {
		for (const [indicator, periode] of [
			['obesitas_pct', 2020],
			['misdrijven_per_1000', 2024],
			['misdrijven_totaal', 2024],
			['inwoners', 2024]
		] as const) {
			for (const niveau of ['buurt', 'wijk', 'gemeente']) {
				for (const gemeente of ['', '&gemeente=GM0599']) {
					const q = `indicator=${indicator}&niveau=${niveau}&periode=${periode}${gemeente}`;
					const api = await get(`/api/waarden?${q}`);
					expect(api.res.status, q).toBe(200);
					expectClean(`/api/waarden?${q}`, api.text);
					const values = JSON.parse(api.text) as { values: Record<string, number>; areas: Record<string, { suppressed?: string }> };
					expect(values.values.BU05990103, q).toBeUndefined();
					const kaart = await get(`/kaart?${q}`);
					expect(kaart.res.status, q).toBe(200);
					expectClean(`/kaart?${q}`, kaart.text);
				}
			}
		}
		// The spiral layer: no move it reports stands on a figure withheld in either year
		// (a wijk without a figure of its own may move on the sum of its buurten, as on its page).
		for (const niveau of ['buurt', 'wijk', 'gemeente']) {
			for (const gemeente of ['', '&gemeente=GM0599']) {
				const q = `niveau=${niveau}&spiraal=1${gemeente}`;
				const api = await get(`/api/spiraal?${q}`);
				expect(api.res.status, q).toBe(200);
				expectClean(`/api/spiraal?${q}`, api.text);
				const spiral = JSON.parse(api.text) as { areas: { id: string; moves: { indicator: string; since: number; period: number }[] }[] };
				for (const a of spiral.areas.filter((x) => /^(WK|BU)/.test(x.id))) {
					for (const m of a.moves) {
						for (const periode of [m.since, m.period]) {
							const shown = JSON.parse((await get(`/api/waarden?indicator=${m.indicator}&niveau=${niveau}&periode=${periode}&gemeente=GM0599`)).text);
							expect(shown.areas[a.id]?.suppressed, `${a.id} ${m.indicator} ${periode}`).toBeUndefined();
						}
					}
				}
				const kaart = await get(`/kaart?indicator=obesitas_pct&${q}`);
				expect(kaart.res.status, q).toBe(200);
				expectClean(`/kaart?${q}`, kaart.text);
			}
		}
		// The map says why: withheld, not missing.
		const buurt = JSON.parse((await get('/api/waarden?indicator=obesitas_pct&niveau=buurt&periode=2020&gemeente=GM0599')).text);
		expect(buurt.areas.BU05990103.suppressed).toBe('population');
		expect(buurt.areas.BU05990101.suppressed).toBe('complementary');
	});

	it('a published progress report, its CSV and the list of reports; a draft not at all', async () => {
		for (const lang of ['nl', 'en']) {
			for (const p of ['/rapporten', `/rapporten/${reports.published}`, `/rapporten/${reports.published}/csv`]) {
				const { res, text } = await get(`${p}?lang=${lang}`);
				expect(res.status, p).toBe(200);
				expectClean(`${p}?lang=${lang}`, text);
			}
		}
		// The door is open: the report's CSV carries its city's published obesity (16.5 in 2020).
		expect((await get(`/rapporten/${reports.published}/csv`)).text).toMatch(figure('16.5'));
		for (const p of [
			`/rapporten/${reports.draft}`,
			`/rapporten/${reports.draft}/csv`,
			`/rapporten/${reports.draft}/pdf`,
			`/rapporten/${reports.draft}/verschil`
		]) {
			const { res, text } = await get(p);
			expect(res.status, p).toBe(404);
			expect(text).not.toContain('Testbuurt Zuid');
		}
		expect((await get('/rapporten')).text).not.toContain(`/rapporten/${reports.draft}"`);
	});

	it('vector tiles carry boundaries and names, never a figure', async () => {
		for (const level of ['buurt', 'wijk', 'gemeente', 'focusgebied']) {
			for (const z of [8, 11, 14]) {
				const [x, y] = tileOf(4.455, 51.905, z);
				const res = await fetch(`${app.baseUrl}/tiles/${level}/${z}/${x}/${y}`);
				expect([200, 204], `${level} ${z}`).toContain(res.status);
				if (res.status === 204) continue;
				// fetch has already undone the content encoding (gzip or br).
				const bytes = new Uint8Array(await res.arrayBuffer());
				const tile = new VectorTile(new PbfReader(bytes));
				for (const layer of Object.values(tile.layers)) {
					for (let i = 0; i < layer.length; i++) {
						const props = layer.feature(i).properties;
						expect(
							Object.keys(props).every((k) => ['code', 'name', 'gm', 'quality'].includes(k)),
							`${level} ${z}: ${JSON.stringify(props)}`
						).toBe(true);
						for (const v of Object.values(props)) expect(typeof v, `${level} ${z}`).toBe('string');
					}
				}
			}
		}
	});
});
