import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseView } from '$lib/indicators/references';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, url, locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) error(503, translator(locals.locale)('home.emptyDatabase'));
	const view = parseView(url.searchParams);
	const page = await data.areaPage(params.id, view);
	if (!page) error(404, translator(locals.locale)('area.notFound'));
	return { page, view, printedOn: new Date().toISOString() };
};
