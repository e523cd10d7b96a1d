import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseCompareView } from '$lib/compare/compare';
import { SPIRAL_DEFAULT } from '$lib/compare/progress';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ url, locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) error(503, translator(locals.locale)('home.emptyDatabase'));
	const view = parseCompareView(url.searchParams);
	const asked = Number(url.searchParams.get('spiraal'));
	const spiralMin = Number.isInteger(asked) && asked >= 1 && asked <= 20 ? asked : SPIRAL_DEFAULT;
	const [compare, spiral, sources] = await Promise.all([data.compare(view), data.spiral(view, spiralMin), data.sourceLabels()]);
	return { view, compare, spiral, spiralMin, sources };
};
