import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) return { empty: true as const, sources: [], indicators: [], imports: [], focusAreas: [] };
	const [sources, indicators, imports, focusAreas] = await Promise.all([data.sources(), data.indicators(), data.importHistory(), data.focusAreas()]);
	return {
		empty: false as const,
		// What readers see of a source: its name, its licence and the attribution it asks for.
		sources: sources.map((s) => ({ id: s.id, title: s.title, licenceName: s.licenceName, licenceUrl: s.licenceUrl, attribution: s.attribution })),
		indicators,
		imports: imports.map((b) => ({ ...b, startedAt: b.startedAt.toISOString(), finishedAt: b.finishedAt.toISOString() })),
		focusAreas: focusAreas.map((f) => ({
			id: f.id,
			name: f.name,
			municipality: f.municipality,
			confidence: f.confidence,
			level: f.level,
			codes: f.members.length,
			notesNl: f.notesNl,
			notesEn: f.notesEn,
			sources: f.sources
		}))
	};
};
