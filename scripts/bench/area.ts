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
import { clearNationalCache, areaPage } from '../../src/lib/server/queries/area-page';
import { seriesFor } from '../../src/lib/server/queries/observations';
import { table, time, type BenchContext } from './context';

const AREA = 'rotterdam-zuid';
const OPTIONS = { references: null, extra: [], indicators: null, suppression: { minPopulation: 50, minCount: 10 } };

export default async function (ctx: BenchContext) {
	const rows: Record<string, string | number>[] = [];
	for (const e of ctx.engines) {
		const db = e.database.db;
		const baseline = await time(20, () => seriesFor(db, [{ type: 'focus', id: AREA }], 'obesitas_pct'), 2);
		const firsts: number[] = [];
		for (let i = 0; i < 3; i++) {
			clearNationalCache(db);
			const t = performance.now();
			await areaPage(db, AREA, OPTIONS);
			firsts.push(performance.now() - t);
		}
		const warm = await time(20, () => areaPage(db, AREA, OPTIONS), 2);
		const page = await areaPage(db, AREA, OPTIONS);
		const charts = page?.themes.reduce((n, th) => n + th.indicators.length, 0) ?? 0;
		firsts.sort((a, b) => a - b);
		rows.push({
			engine: e.name,
			'baseline: seriesFor 1 indicator p50 ms': baseline.p50,
			'area page warm p50 ms': warm.p50,
			'warm p95 ms': warm.p95,
			'first after import (median of 3) ms': firsts[1],
			charts,
			'warm vs baseline': `${(warm.p50 / baseline.p50).toFixed(1)}×`
		});
	}
	table(`Area page load for ${AREA} (areaPage(), all indicators, references stad/rest/nl/g4; 20 runs)`, rows);
}
