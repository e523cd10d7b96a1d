import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseView } from '$lib/indicators/references';
import { database, isEmpty } from '$lib/server/db/app';
import { config } from '$lib/server/env';
import { areaPage } from '$lib/server/queries/area-page';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const db = await database();
	if (await isEmpty(db)) error(503, translator(locals.locale)('home.emptyDatabase'));
	const view = parseView(url.searchParams);
	const page = await areaPage(db.db, params.id, { ...view, suppression: config().suppression });
	if (!page) error(404, translator(locals.locale)('area.notFound'));
	return { page, view, printedOn: new Date().toISOString() };
};
