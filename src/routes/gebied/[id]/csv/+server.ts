import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parseView, viewQuery } from '$lib/indicators/references';
import { config } from '$lib/server/env';
import { csvForm, pageCsv } from '$lib/server/area-csv';
import type { RequestHandler } from './$types';

/** The figures of /gebied/[id] with the same query string, as CSV (see export.ts); `?formaat=excel` or `standaard`, else by language. */
export const GET: RequestHandler = async ({ params, url, locals }) => {
	const t = translator(locals.locale);
	const data = locals.data;
	if (await data.isEmpty()) error(503, t('home.emptyDatabase'));
	const view = parseView(url.searchParams);
	const page = await data.areaPage(params.id, view, { figuresOnly: true });
	if (!page) error(404, t('area.notFound'));
	const date = new Date().toISOString().slice(0, 10);
	// The configured ORIGIN, never the request's Host header (which a client chooses); without it a path.
	const pageUrl = `${config().origin ?? ''}/gebied/${encodeURIComponent(page.subject.id)}${viewQuery(view)}`;
	const form = csvForm(url.searchParams.get('formaat'), locals.locale);
	const suffix = form === 'excel' ? '-excel' : '';
	return new Response(pageCsv(page, t, { url: pageUrl, date }, form), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="wijkaanpak-${page.subject.id}-${date}${suffix}.csv"`
		}
	});
};
