import { database, isEmpty } from '$lib/server/db/app';
import { listFocusAreas } from '$lib/server/queries/areas';
import { listIndicators } from '$lib/server/queries/indicators';
import { importHistory, listSources } from '$lib/server/queries/sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await database();
	if (await isEmpty(db)) return { empty: true as const, sources: [], indicators: [], imports: [], focusAreas: [] };
	const [sources, indicators, imports, focusAreas] = await Promise.all([
		listSources(db.db),
		listIndicators(db.db),
		importHistory(db.db),
		listFocusAreas(db.db)
	]);
	return {
		empty: false as const,
		sources,
		indicators,
		imports: imports.map((b) => ({ ...b, startedAt: b.startedAt.toISOString(), finishedAt: b.finishedAt.toISOString() })),
		focusAreas: focusAreas.map((f) => ({ id: f.id, name: f.name, municipality: f.municipality, confidence: f.confidence, level: f.level, codes: f.members.length, notes: f.notes, sources: f.sources }))
	};
};
