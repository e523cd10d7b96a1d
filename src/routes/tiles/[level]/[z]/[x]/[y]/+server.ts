import { database } from '$lib/server/db/app';
import { tileResponse } from '$lib/server/queries/tiles';
import type { RequestHandler } from './$types';

/** /tiles/{gemeente|wijk|buurt|focusgebied}/{z}/{x}/{y}?jaargang=2024&v=<data version>: Mapbox Vector Tile. */
export const GET: RequestHandler = async ({ params, url, request }) => tileResponse(await database(), params, url, request.headers);
