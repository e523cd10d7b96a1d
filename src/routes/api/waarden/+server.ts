import { createHash } from 'node:crypto';
import { parseValuesQuery } from '$lib/map/params';
import { versionedResponse } from '$lib/server/http';
import type { RequestHandler } from './$types';

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8' } });

/**
 * GET /api/waarden?indicator=obesitas_pct&niveau=buurt&periode=2020&gemeente=GM0599&klassen=kwantiel
 * → `{ values: {code: value}, classes, references, sources … }` ($lib/map/values),
 * with small numbers withheld as on every page. Without `periode` (or for a
 * year without values) the latest year is given. Cached like tiles: ETag from
 * the data version; immutable when `v` names it.
 */
export const GET: RequestHandler = async ({ url, request, locals }) => {
	const q = parseValuesQuery(url.searchParams);
	if ('error' in q) return json(400, { message: q.error });
	const data = locals.data;
	const values = await data.mapValues(q);
	if (!values) return json(404, { message: `Onbekende indicator "${q.indicator}".` });
	const key = createHash('sha1').update(JSON.stringify(q)).digest('base64url').slice(0, 12);
	return versionedResponse(request, url, {
		tag: `w-${key}`,
		version: await data.version(),
		contentType: 'application/json; charset=utf-8',
		encoded: (encoding) => data.mapValuesEncoded(q, encoding)
	});
};
