import { createHash } from 'node:crypto';
import { database } from '$lib/server/db/app';
import { parseValuesQuery } from '$lib/map/params';
import { cacheHeaders, compress, dataVersion, etagMatches, pickEncoding } from '$lib/server/queries/tiles';
import { mapValues } from '$lib/server/queries/values';
import type { RequestHandler } from './$types';

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
	new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', ...headers } });

/**
 * GET /api/waarden?indicator=obesitas_pct&niveau=buurt&periode=2020&gemeente=GM0599&klassen=kwantiel
 * → `{ values: {code: value}, classes, references, sources … }` ($lib/map/values).
 * Without `periode` (or for a year without values) the latest year is given.
 * Cached like tiles: ETag from the data version; immutable when `v` names it.
 */
export const GET: RequestHandler = async ({ url, request }) => {
	const q = parseValuesQuery(url.searchParams);
	if ('error' in q) return json(400, { message: q.error });
	const db = await database();
	const version = await dataVersion(db);
	const encoding = pickEncoding(request.headers.get('accept-encoding'));
	const key = createHash('sha1').update(JSON.stringify(q)).digest('base64url').slice(0, 12);
	const base = cacheHeaders(version, url.searchParams.get('v'), encoding);
	const headers = { ...base, etag: base.etag.replace(/"$/, `-${key}"`) };
	if (etagMatches(request.headers.get('if-none-match'), headers.etag)) return new Response(null, { status: 304, headers });

	const values = await mapValues(db.db, q);
	if (!values) return json(404, { message: `Onbekende indicator "${q.indicator}".` });
	const body = compress(new TextEncoder().encode(JSON.stringify(values)), encoding);
	const out: Record<string, string> = { ...headers, 'content-type': 'application/json; charset=utf-8' };
	if (encoding !== 'identity') out['content-encoding'] = encoding;
	return new Response(body, { status: 200, headers: out });
};
