import { parseSpiralQuery } from '$lib/map/params';
import { versionedResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * GET /api/spiraal?niveau=buurt&gemeente=GM0344&spiraal=3 → the map's
 * negative-spiral layer ($lib/server/data/compare spiralMap): the areas that
 * fell further behind their city on at least `spiraal` indicators, with the
 * moves. Built from the same withheld-aware figures as every page. Cached like
 * the map values: ETag from the data version; immutable when `v` names it.
 */
export const GET: RequestHandler = async ({ url, request, locals }) => {
	const q = parseSpiralQuery(url.searchParams);
	if ('error' in q) return json(400, { message: q.error });
	const data = locals.data;
	return versionedResponse(request, url, {
		tag: `s-${q.level}-${q.gemeente ?? 'nl'}-${q.n}`,
		version: await data.version(),
		contentType: 'application/json; charset=utf-8',
		body: async () => new TextEncoder().encode(JSON.stringify(await data.spiralMap(q)))
	});
};
