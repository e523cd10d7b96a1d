import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { openThemes, themeViews } from '$lib/area/page';
import { parseView } from '$lib/indicators/references';
import { areaSummary } from '$lib/server/data/area-summary';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) error(503, translator(locals.locale)('home.emptyDatabase'));
	const view = parseView(url.searchParams);
	const full = await data.areaPage(params.id, view);
	if (!full) error(404, translator(locals.locale)('area.notFound'));
	// Charts of the open themes only (the others load when opened): the page stays
	// light, and every figure is one link away without JavaScript, and in the CSV.
	const open = openThemes(url.searchParams.get('thema'), full.themes);
	const { themes, ...page } = full;
	// The scorecard, "what changed" (from every indicator, closed themes included:
	// only the result goes to the browser) and the headline indicators' formats.
	const summary = await areaSummary(data, full);
	return {
		page,
		themes: themeViews(themes, open),
		...summary,
		view,
		// The interventions as bands on the charts, unless switched off (`interventies=uit`, kept in the URL like the view).
		showInterventions: url.searchParams.get('interventies') !== 'uit',
		// The day only: the page is the same all day (and stored as such).
		printedOn: new Date().toISOString().slice(0, 10)
	};
};
