import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { headlineFigures, openThemes, themeViews } from '$lib/area/page';
import { HEADLINE_INDICATORS } from '$lib/indicators/headlines';
import { parseView } from '$lib/indicators/references';
import type { PageServerLoad } from './$types';

/** Headline block: the overview's headline indicators, their fallbacks, then inhabitants. */
const HEADLINE_KEYS = HEADLINE_INDICATORS;

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
	return {
		page,
		themes: themeViews(themes, open),
		headline: headlineFigures(themes, HEADLINE_KEYS),
		headlineMeta: Object.fromEntries(
			themes
				.flatMap((t) => t.indicators)
				.filter((i) => HEADLINE_KEYS.includes(i.key))
				.map((i) => [i.key, { labelNl: i.labelNl, labelEn: i.labelEn, format: i.format, decimals: i.decimals }])
		),
		view,
		// The day only: the page is the same all day (and stored as such).
		printedOn: new Date().toISOString().slice(0, 10)
	};
};
