import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseView, viewQuery } from '$lib/indicators/references';
import { database, isEmpty } from '$lib/server/db/app';
import { config } from '$lib/server/env';
import { areaPage } from '$lib/server/queries/area-page';
import { pageCsv } from '../figures';
import type { RequestHandler } from './$types';

/** The figures of /gebied/[id] with the same query string, as CSV (see figures.ts). */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = translator(locals.locale);
	const db = await database();
	if (await isEmpty(db)) error(503, t('home.emptyDatabase'));
	const view = parseView(url.searchParams);
	const page = await areaPage(db.db, params.id, { ...view, suppression: config().suppression, figuresOnly: true });
	if (!page) error(404, t('area.notFound'));
	const date = new Date().toISOString().slice(0, 10);
	// The configured ORIGIN, never the request's Host header (which a client chooses); without it a path.
	const pageUrl = `${config().origin ?? ''}/gebied/${encodeURIComponent(page.subject.id)}${viewQuery(view)}`;
	return new Response(pageCsv(page, t, { url: pageUrl, date }), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="wijkaanpak-${page.subject.id}-${date}.csv"`
		}
	});
};
