import { database, isEmpty } from '$lib/server/db/app';
import { config } from '$lib/server/env';
import { DEFAULT_INDICATOR, parseView } from '$lib/map/params';
import { listIndicators } from '$lib/server/queries/indicators';
import { dataVersion, mapPlaces } from '$lib/server/queries/tiles';
import { cachedMapValues } from '$lib/server/queries/values';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url }) => {
	const db = await database();
	if (await isEmpty(db)) return { empty: true as const };
	const view = parseView(url.searchParams);
	const version = await dataVersion(db);
	const [places, indicators] = await Promise.all([mapPlaces(db, version), listIndicators(db.db)]);
	if (view.gemeente && !places.gemeenten.some((g) => g.code === view.gemeente)) view.gemeente = null;
	if (!indicators.some((i) => i.key === view.indicator)) view.indicator = DEFAULT_INDICATOR;
	const c = config();
	const values = await cachedMapValues(
		db.db,
		version,
		{ indicator: view.indicator, level: view.niveau, period: view.periode, gemeente: view.gemeente, method: view.klassen },
		{ suppression: c.suppression }
	);
	return {
		empty: false as const,
		view: { ...view, periode: values?.period ?? view.periode },
		version,
		places,
		indicators: indicators.map(({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn }) => ({ key, labelNl, labelEn, theme, themeOrder, themeNl, themeEn })),
		values: values!,
		basemapStyleUrl: c.mapBasemapStyleUrl
	};
};
