import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const data = locals.data;
	if (await data.isEmpty()) return { empty: true as const };
	const [overview, sources] = await Promise.all([data.overview(), data.sourceLabels()]);
	return { empty: false as const, ...overview, sources };
};
