/**
 * npm run bench -- area: server time of the area page's load for the largest
 * focus area (Rotterdam-Zuid, 3 wijken, ~213 000 inhabitants) with every
 * indicator and the default references, per engine. The page's load function
 * is a thin wrapper around areaPage(), which is what is timed here (no HTTP,
 * no rendering). Baseline in the same run: one bare seriesFor() call for one
 * indicator and the focus area alone.
 *
 * "first" is a request after a new import (the NL and G4 series are computed
 * and cached); "warm" is every request after that.
 */
import { areaPage } from '../../src/lib/server/data/area-page';
import { Data } from '../../src/lib/server/data/index';
import { seriesFor } from '../../src/lib/server/data/series';
import { table, time, type BenchContext } from './context';

const AREA = 'rotterdam-zuid';
const SUPPRESSION = { minPopulation: 50, minCount: 10 };
const VIEW = { references: null, extra: [], indicators: null };

export default async function (ctx: BenchContext) {
	const rows: Record<string, string | number>[] = [];
	for (const e of ctx.engines) {
		const db = e.database.db;
		const baseline = await time(20, () => seriesFor(db, [{ type: 'focus', id: AREA }], 'obesitas_pct'), 2);
		// Computed from scratch every time (no cache at all, NL and G4 included).
		const uncached = await time(5, () => areaPage(db, AREA, { ...VIEW, suppression: SUPPRESSION }), 1);
		// What the server does: the data object, first request after an import, then warm.
		const firsts: number[] = [];
		const data = new Data(e.database, { suppression: SUPPRESSION });
		for (let i = 0; i < 3; i++) {
			data.clearCache();
			const t = performance.now();
			await data.areaPage(AREA, VIEW);
			firsts.push(performance.now() - t);
		}
		const warm = await time(200, () => data.areaPage(AREA, VIEW), 2);
		const page = await data.areaPage(AREA, VIEW);
		const charts = page?.themes.reduce((n, th) => n + th.indicators.length, 0) ?? 0;
		firsts.sort((a, b) => a - b);
		rows.push({
			engine: e.name,
			'baseline: seriesFor 1 indicator p50 ms': baseline.p50,
			'uncached p50 ms': uncached.p50,
			'first after import (median of 3) ms': firsts[1],
			'warm p50 ms': warm.p50,
			'warm p95 ms': warm.p95,
			charts,
			'uncached vs baseline': `${(uncached.p50 / baseline.p50).toFixed(1)}×`
		});
	}
	table(
		`Area page data for ${AREA} (all indicators, references stad/rest/nl/g4): computed from scratch, and through the data object (cache keyed on the data version)`,
		rows
	);
}
