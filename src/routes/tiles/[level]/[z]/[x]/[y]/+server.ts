import { tileResponse } from '$lib/server/tile-endpoint';
import type { RequestHandler } from './$types';

/** /tiles/{gemeente|wijk|buurt|focusgebied}/{z}/{x}/{y}?jaargang=2024&v=<data version>: Mapbox Vector Tile. */
export const GET: RequestHandler = ({ params, url, request, locals }) => tileResponse(locals.data, params, url, request);
