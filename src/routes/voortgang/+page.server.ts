import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseProgressView } from '$lib/compare/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) error(503, translator(locals.locale)('home.emptyDatabase'));
	return { progress: await data.progress(parseProgressView(url.searchParams)) };
};
