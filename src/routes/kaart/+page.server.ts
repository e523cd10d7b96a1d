import { DEFAULT_INDICATOR, parseView } from '$lib/map/params';
import { config } from '$lib/server/env';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) return { empty: true as const };
	const view = parseView(url.searchParams);
	const [version, places, indicators] = await Promise.all([data.version(), data.mapPlaces(), data.indicators()]);
	if (view.gemeente && !places.gemeenten.some((g) => g.code === view.gemeente)) view.gemeente = null;
	if (!indicators.some((i) => i.key === view.indicator)) view.indicator = DEFAULT_INDICATOR;
	const [values, spiral] = await Promise.all([
		data.mapValues({ indicator: view.indicator, level: view.niveau, period: view.periode, gemeente: view.gemeente, method: view.klassen }),
		view.spiraal == null ? null : data.spiralMap({ gemeente: view.gemeente, level: view.niveau, n: view.spiraal })
	]);
	return {
		empty: false as const,
		view: { ...view, periode: values?.period ?? view.periode },
		version,
		places,
		indicators: indicators.map(({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn }) => ({
			key,
			labelNl,
			labelEn,
			theme,
			themeOrder,
			themeNl,
			themeEn
		})),
		values: values!,
		spiral,
		basemapStyleUrl: config().mapBasemapStyleUrl
	};
};
