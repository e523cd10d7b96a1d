/**
 * The tile endpoint without SvelteKit around it (the route calls this, the
 * benchmark and the tests too): validation (400), levels below their minimum
 * zoom and empty tiles (204), conditional requests (304), compressed MVT (200).
 */
import { parseTileParams, TILE_MIN_ZOOM } from '../map/tiles';
import type { Data } from './data/index';
import { versionedResponse } from './http';
import { TILE_SCHEME } from './queries/tiles';

export async function tileResponse(data: Data, params: { level: string; z: string; x: string; y: string }, url: URL, request: Request): Promise<Response> {
	const parsed = parseTileParams(params, url.searchParams);
	if ('error' in parsed) return new Response(parsed.error, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	return versionedResponse(request, url, {
		tag: TILE_SCHEME,
		version: await data.version(),
		contentType: 'application/vnd.mapbox-vector-tile',
		body: async () => (parsed.z < TILE_MIN_ZOOM[parsed.level] ? null : data.tile(parsed))
	});
}
