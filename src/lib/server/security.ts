/**
 * Security headers on every response, pages and data alike. Pages get their
 * Content-Security-Policy from SvelteKit (svelte.config.js, with nonces); every
 * other response (tiles, JSON, CSV, plain errors) gets a policy that allows
 * nothing, since none of them is a document that loads anything.
 */
import { isRedirect, type Handle } from '@sveltejs/kit';

/**
 * Route ids meant to be shown inside another site's page. None yet: every
 * response refuses to be framed (frame-ancestors 'none').
 */
const EMBEDDABLE: ReadonlySet<string> = new Set();

export function setSecurityHeaders(headers: Headers, routeId: string | null): void {
	const framable = routeId != null && EMBEDDABLE.has(routeId);
	const csp = headers.get('content-security-policy');
	if (!csp) headers.set('content-security-policy', `default-src 'none'${framable ? '' : "; frame-ancestors 'none'"}`);
	else if (framable) headers.set('content-security-policy', csp.replace(/;?\s*frame-ancestors 'none'/, ''));
	if (!framable) headers.set('x-frame-options', 'DENY');
	headers.set('x-content-type-options', 'nosniff');
	headers.set('referrer-policy', 'strict-origin-when-cross-origin');
	headers.delete('x-powered-by');
	headers.delete('server');
}

export const handleSecurity: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (e) {
		// A redirect thrown by a later handle (the guard's "sign in first"): answer it here, with the headers.
		// A client-side data request gets SvelteKit's own answer instead.
		if (!isRedirect(e) || event.isDataRequest) throw e;
		response = new Response(null, { status: e.status, headers: { location: e.location } });
	}
	try {
		setSecurityHeaders(response.headers, event.route.id);
		return response;
	} catch {
		// Headers of a fetched or redirected response can be immutable: copy it.
		const copy = new Response(response.body, response);
		setSecurityHeaders(copy.headers, event.route.id);
		return copy;
	}
};
