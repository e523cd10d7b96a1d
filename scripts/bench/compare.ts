/**
 * npm run bench -- compare: server time of the compare page's figures for the
 * 20 NPLV areas with every indicator (`/vergelijk?set=nplv&indicatoren=alle`),
 * per engine. Timed is what the page's load calls (no HTTP, no rendering):
 * computed from scratch, the first request after an import through the data
 * object, and warm. "Uncached" recomputes everything but the NL and G4
 * series, which the server computes once per data version and shares between
 * pages (timed on their own). Baseline in the same run: one bare seriesFor()
 * call for one indicator and one focus area.
 */
import { comparePage } from '../../src/lib/server/data/compare';
import { nationalSeries } from '../../src/lib/server/data/area-page';
import { Data } from '../../src/lib/server/data/index';
import { seriesFor } from '../../src/lib/server/data/series';
import { parseCompareView } from '../../src/lib/compare/compare';
import { table, time, type BenchContext } from './context';

const SUPPRESSION = { minPopulation: 50, minCount: 10 };
const VIEW = parseCompareView(new URLSearchParams('set=nplv&indicatoren=alle'));

export default async function (ctx: BenchContext) {
	const rows: Record<string, string | number>[] = [];
	for (const e of ctx.engines) {
		const db = e.database.db;
		const baseline = await time(20, () => seriesFor(db, [{ type: 'focus', id: 'rotterdam-zuid' }], 'obesitas_pct'), 2);
		const national = await time(3, () => nationalSeries(db), 1);
		const shared = await nationalSeries(db);
		const uncached = await time(10, () => comparePage(db, VIEW, SUPPRESSION, async () => shared), 1);
		const data = new Data(e.database, { suppression: SUPPRESSION });
		const firsts: number[] = [];
		for (let i = 0; i < 5; i++) {
			data.clearCache();
			const t = performance.now();
			await data.compare(VIEW);
			firsts.push(performance.now() - t);
		}
		firsts.sort((a, b) => a - b);
		const warm = await time(200, () => data.compare(VIEW), 2);
		const page = await data.compare(VIEW);
		rows.push({
			engine: e.name,
			'baseline: seriesFor 1 indicator p50 ms': baseline.p50,
			'NL + G4 series, once per data version, p50 ms': national.p50,
			'uncached p50 ms': uncached.p50,
			'uncached p95 ms': uncached.p95,
			'first after import p50 / max of 5 ms': `${firsts[2].toFixed(0)} / ${firsts[4].toFixed(0)}`,
			'warm p95 ms': warm.p95,
			areas: page.areas.length,
			indicators: page.indicators.length,
			'uncached vs baseline': `${(uncached.p50 / baseline.p50).toFixed(1)}×`
		});
	}
	table('Compare page data, 20 NPLV areas × every indicator with figures (targets: p95 ≤ 300 ms on PostgreSQL, ≤ 800 ms on PGlite)', rows);
}
