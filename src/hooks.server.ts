import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { isLocale } from '$lib/i18n';
import { LOCALE_HEADER } from '$lib/i18n/locale';
import { handleAuth } from '$lib/server/auth/hooks';
import { ClientGone, watchClient, withClient } from '$lib/server/client';
import { config } from '$lib/server/env';
import { compressResponse } from '$lib/server/http';
import { pageKey, servePage } from '$lib/server/page-cache';
import { handleSecurity } from '$lib/server/security';
import { serverData } from '$lib/server/startup';

export const init: ServerInit = async () => {
	await serverData();
};

/** 499: the client closed the connection before the answer was ready (nobody reads this). */
const gone = () => new Response(null, { status: 499 });

/**
 * Watches the client's connection: work not yet started for a client that has
 * gone is skipped (see $lib/server/client), and so is compressing its answer.
 */
const handleClient: Handle = async ({ event, resolve }) => {
	const client = watchClient(event.platform?.req);
	try {
		const response = await withClient(client.signal, () => resolve(event));
		return client.signal.aborted ? gone() : response;
	} catch (e) {
		if (e instanceof ClientGone) return gone();
		throw e;
	} finally {
		client.done();
	}
};

/** A request stopped because its client left is no error worth logging. */
export const handleError: HandleServerError = ({ error, status, message }) => {
	if (error instanceof ClientGone) return { message: 'client gone' };
	if (status >= 500) console.error(error);
	return { message };
};

/** Locale: ?lang= (remembered in a cookie), else the request's own header (report-pdf.ts), else the cookie, else Dutch. */
const handleLocale: Handle = async ({ event, resolve }) => {
	event.locals.data = await serverData();
	const asked = event.url.searchParams.get('lang');
	if (isLocale(asked)) {
		event.cookies.set('lang', asked, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax', secure: event.url.protocol === 'https:' });
	}
	const cookie = event.cookies.get('lang');
	// A request may name its language for itself alone (the report's PDF asks for its page in Dutch).
	const once = event.request.headers.get(LOCALE_HEADER);
	event.locals.locale = isLocale(asked) ? asked : isLocale(once) ? once : isLocale(cookie) ? cookie : 'nl';
	const data = event.locals.data;
	const key = pageKey(event, event.locals.locale, await data.version());
	const stored = key ? data.pages.get(key) : undefined;
	if (stored) return servePage(stored, event.request);
	let response = await resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
	// An optional online basemap (MAP_BASEMAP_STYLE_URL) loads its style, tiles, sprites and
	// glyphs from other hosts; only then does the page connect beyond the app itself.
	const csp = response.headers.get('content-security-policy');
	if (csp && config().mapBasemapStyleUrl) {
		response.headers.set(
			'content-security-policy',
			csp.replace("connect-src 'self'", "connect-src 'self' https:").replace("img-src 'self'", "img-src 'self' https:")
		);
	}
	if (key) response = await data.pages.keep(key, response);
	// HTML, JSON and CSV leave compressed (br or gzip); tiles and /api/waarden compress their own.
	return event.platform?.req?.socket?.destroyed ? response : compressResponse(event.request, response);
};

export const handle = sequence(handleClient, handleSecurity, handleLocale, handleAuth);
