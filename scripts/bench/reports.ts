/**
 * npm run bench -- reports: progress reports, per engine and for the whole
 * NPLV programme (20 focus areas).
 *
 * - Snapshot: opening a report (the area page with every indicator, its
 *   scorecard, targets and interventions, written as canonical JSON and
 *   hashed) for each of the 20 areas after a new import (nothing cached), and
 *   again with the area pages cached. Baseline in the same run: the area page
 *   data alone, uncached, for the same areas.
 * - PDF (PostgreSQL only, and only with a built app and Chromium): the built
 *   app is started on the same database, each published report's page is
 *   fetched over HTTP and printed by headless Chromium, then the 20 are bundled
 *   with a table of contents. Baseline: printing a one-paragraph page.
 *
 * The reports made here are benchmark reports in a throwaway database.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RoleGrant } from '../../src/lib/auth/roles';
import { LOCALE_HEADER } from '../../src/lib/i18n/locale';
import { periodOf } from '../../src/lib/reports/periods';
import { Data } from '../../src/lib/server/data/index';
import { bundlePdf, closePdfBrowser, htmlToPdf, pdfAvailable } from '../../src/lib/server/pdf';
import { listFocusAreas } from '../../src/lib/server/queries/areas';
import { reportById } from '../../src/lib/server/queries/reports';
import { printableDocument } from '../../src/lib/server/report-pdf';
import { openReport, reportCsv, snapshotOf, stepReport } from '../../src/lib/server/reports';
import { projectRoot, startApp } from '../app-server';
import { table, type BenchContext } from './context';

const SUPPRESSION = { minPopulation: 50, minCount: 10 };
const GRANTS: RoleGrant[] = [{ role: 'monitor', gemeenteCode: null, focusAreaId: null }];
const ACTOR = { id: null, email: 'benchmark' };

const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
	const t = performance.now();
	const r = await fn();
	return [r, performance.now() - t];
}

export default async function (ctx: BenchContext) {
	const rows: Record<string, string | number>[] = [];
	const pdfRows: Record<string, string | number>[] = [];
	for (const e of ctx.engines) {
		const areas = (await listFocusAreas(e.database.db)).filter((a) => a.programme === 'NPLV');
		const period = periodOf(new Date(), 'halfjaar').label;
		const data = new Data(e.database, { suppression: SUPPRESSION });
		const baseline: number[] = [];
		for (const a of areas) {
			data.clearCache();
			baseline.push((await timed(() => data.areaPage(a.id, { references: null, extra: [], indicators: null })))[1]);
		}
		// Opening every area's report after an import: the NL and G4 series once, then each area.
		data.clearCache();
		const opened: { id: number; area: string; ms: number }[] = [];
		for (const a of areas) {
			const [r, ms] = await timed(() => openReport(data, ACTOR, GRANTS, { focusAreaId: a.id, period }));
			if (!r.ok) throw new Error(`${a.id}: ${r.message}`);
			opened.push({ id: r.id, area: a.id, ms });
		}
		const sizes = await Promise.all(opened.map(async (o) => (await reportById(e.database.db, o.id))!.snapshot.length));
		const first = opened.map((o) => o.ms);
		rows.push({
			engine: e.name,
			areas: areas.length,
			'baseline: area page uncached p50 ms': pct(baseline, 0.5),
			'open report p50 ms (NL/G4 shared after the first)': pct(first, 0.5),
			'p95 ms': pct(first, 0.95),
			'all 20 s': first.reduce((a, b) => a + b, 0) / 1000,
			'snapshot p50 kB': pct(sizes, 0.5) / 1000,
			'vs baseline': `${(pct(first, 0.5) / pct(baseline, 0.5)).toFixed(2)}×`
		});
		// Published, so that their pages are public (the PDF below is printed from them).
		for (const o of opened) {
			const writer: RoleGrant = { role: 'coordinator', gemeenteCode: null, focusAreaId: o.area };
			for (const step of ['indienen', 'goedkeuren'] as const) await stepReport(data, ACTOR, [...GRANTS, writer], o.id, step);
		}
		if (e.name !== 'postgres' || !e.url) continue;
		if (!existsSync(path.join(projectRoot, 'build', 'index.js')) || !pdfAvailable()) {
			console.log('\n(PDF figures need a built app (npm run build) and Chromium: skipped.)');
			continue;
		}
		const app = await startApp({ DATABASE_URL: e.url, AUTO_IMPORT: 'false' }, { timeoutMs: 120_000 });
		try {
			const paragraph = () => htmlToPdf('<!doctype html><html lang="nl"><body><p>Eén alinea.</p></body></html>', { title: 'Basis', period, lang: 'nl' });
			await paragraph(); // starts the browser
			const bare: number[] = [];
			for (let i = 0; i < 5; i++) bare.push((await timed(paragraph))[1]);
			const parts: { title: string; pdf: Uint8Array }[] = [];
			const one: number[] = [];
			for (const o of opened) {
				const row = (await reportById(e.database.db, o.id))!;
				await stepReport(data, ACTOR, GRANTS, o.id, 'publiceren', { pdf: null, csv: reportCsv(snapshotOf(row), '') });
				const html = await (await fetch(`${app.baseUrl}/rapporten/${o.id}`, { headers: { [LOCALE_HEADER]: 'nl' } })).text();
				const s = snapshotOf(row);
				const [pdf, ms] = await timed(() => htmlToPdf(printableDocument(html, 'nl'), { title: s.page.subject.name, period, lang: 'nl' }));
				one.push(ms);
				parts.push({ title: s.page.subject.name, pdf });
			}
			const [bundle, bundleMs] = await timed(() => bundlePdf(parts, { title: 'NPLV — voortgangsrapportages', period, lang: 'nl' }));
			pdfRows.push({
				engine: e.name,
				'baseline: one-paragraph PDF p50 ms': pct(bare, 0.5),
				'one area PDF p50 ms': pct(one, 0.5),
				'p95 ms': pct(one, 0.95),
				'PDF p50 kB':
					pct(
						parts.map((p) => p.pdf.length),
						0.5
					) / 1000,
				'bundle of 20 (from stored PDFs) ms': bundleMs,
				'bundle MB': bundle.length / 1e6,
				'one area vs baseline': `${(pct(one, 0.5) / pct(bare, 0.5)).toFixed(1)}×`
			});
		} finally {
			await app.stop();
			await closePdfBrowser();
		}
	}
	table(
		'Opening a progress report: the snapshot of each NPLV focus area in turn after a new import (the first also computes the NL and G4 series the others share; p95 is that first one), against one area page computed from nothing',
		rows
	);
	if (pdfRows.length) table('Report PDF: one area printed by headless Chromium, and the bundle of all 20 with a table of contents', pdfRows);
}
