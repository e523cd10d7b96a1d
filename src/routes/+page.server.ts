import { database, isEmpty } from '$lib/server/db/app';
import { config } from '$lib/server/env';
import { headlineOverview } from '$lib/server/queries/overview';
import { sourceLabels } from '$lib/server/queries/sources';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const db = await database();
	if (await isEmpty(db)) return { empty: true as const };
	const [overview, sources] = await Promise.all([headlineOverview(db.db, { suppression: config().suppression }), sourceLabels(db.db)]);
	return { empty: false as const, ...overview, sources };
};
