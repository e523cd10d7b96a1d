import { openDatabase } from '../src/lib/server/db/index';
import { spiralMap } from '../src/lib/server/data/compare';
import { nationalSeries } from '../src/lib/server/data/area-page';
const database = await openDatabase({ engine: 'pglite', dataDir: '.data/pglite' });
const db = database.db;
const S = { minPopulation: 50, minCount: 10 };
const shared = await nationalSeries(db);
for (const q of [{ gemeente: null, level: 'gemeente' }, { gemeente: 'GM0344', level: 'wijk' }, { gemeente: 'GM0344', level: 'buurt' }, { gemeente: 'GM0363', level: 'buurt' }] as const) {
  const t = performance.now();
  const r = await spiralMap(db, { ...q, n: 3 }, S, async () => shared);
  console.log(q, (performance.now() - t).toFixed(0), 'ms', r.areas.length, r.checked, r.areas.slice(0, 3).map((a) => `${a.name}:${a.moves.map((m) => m.indicator).join(',')}`));
}
await database.close();
