import type { Handle, ServerInit } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { ensureData } from '$lib/server/db/app';

export const init: ServerInit = async () => {
	await ensureData();
};

/** Locale: ?lang= (remembered in a cookie), else the cookie, else Dutch. */
export const handle: Handle = async ({ event, resolve }) => {
	const asked = event.url.searchParams.get('lang');
	if (isLocale(asked)) {
		event.cookies.set('lang', asked, { path: '/', maxAge: 60 * 60 * 24 * 365, httpOnly: false, sameSite: 'lax' });
	}
	const cookie = event.cookies.get('lang');
	event.locals.locale = isLocale(asked) ? asked : isLocale(cookie) ? cookie : 'nl';
	return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', event.locals.locale) });
};
