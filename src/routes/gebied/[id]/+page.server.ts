import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { openThemes, themeViews } from '$lib/area/page';
import { peerGroupOf, scorecard, spineOf } from '$lib/area/scorecard';
import { changesOf } from '$lib/indicators/changes';
import { gapKind } from '$lib/indicators/gaps';
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
	// The scorecard, each figure with its spine: the spread of the comparable areas in its period.
	const headline = scorecard(themes, HEADLINE_KEYS);
	const headlineIndicators = themes.flatMap((t) => t.indicators).filter((i) => HEADLINE_KEYS.includes(i.key));
	const group = peerGroupOf(page.subject);
	if (group) {
		await Promise.all(
			headline.map(async (row) => {
				const ind = headlineIndicators.find((i) => i.key === row.key)!;
				if (row.value == null || gapKind(ind.kind) === 'none') return;
				const peers = await data.peerValues(group, page.subject.gemeenteCode, row.key, row.period);
				row.spine = peers ? spineOf(group, peers, row.value, ind) : null;
			})
		);
	}
	return {
		page,
		themes: themeViews(themes, open),
		headline,
		// From every indicator, closed themes included: only the result goes to the browser.
		changes: changesOf(themes.flatMap((t) => t.indicators)),
		headlineMeta: Object.fromEntries(
			headlineIndicators.map((i) => [
				i.key,
				{ labelNl: i.labelNl, labelEn: i.labelEn, format: i.format, decimals: i.decimals, kind: i.kind, higherIsBetter: i.higherIsBetter }
			])
		),
		view,
		// The interventions as bands on the charts, unless switched off (`interventies=uit`, kept in the URL like the view).
		showInterventions: url.searchParams.get('interventies') !== 'uit',
		// The day only: the page is the same all day (and stored as such).
		printedOn: new Date().toISOString().slice(0, 10)
	};
};
