import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseCompareView } from '$lib/compare/compare';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) error(503, translator(locals.locale)('home.emptyDatabase'));
	const view = parseCompareView(url.searchParams);
	const [compare, sources] = await Promise.all([data.compare(view), data.sourceLabels()]);
	return { view, compare, sources };
};
