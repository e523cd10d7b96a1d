import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) return { empty: true as const, sources: [], indicators: [], imports: [], focusAreas: [] };
	const [sources, indicators, imports, focusAreas] = await Promise.all([data.sources(), data.indicators(), data.importHistory(), data.focusAreas()]);
	return {
		empty: false as const,
		sources,
		indicators,
		imports: imports.map((b) => ({ ...b, startedAt: b.startedAt.toISOString(), finishedAt: b.finishedAt.toISOString() })),
		focusAreas: focusAreas.map((f) => ({
			id: f.id,
			name: f.name,
			municipality: f.municipality,
			confidence: f.confidence,
			level: f.level,
			codes: f.members.length,
			notes: f.notes,
			sources: f.sources
		}))
	};
};
