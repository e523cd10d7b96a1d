/**
 * The request's user (from the session cookie) and the access guard, as one
 * SvelteKit handle. Every page read, form action and endpoint passes here
 * before its own code runs; the rules are in guard.ts.
 */
import { redirect, type Handle, type RequestEvent } from '@sveltejs/kit';

import { applyCookies, authFor } from './index';
import { decide, ruleFor, rules } from './guard';
import { grantsOf } from './users';

/** The name of the form action a POST asks for (`?/name`), as SvelteKit reads it. */
function actionName(url: URL): string {
	const param = [...url.searchParams.keys()].find((k) => k.startsWith('/'));
	return param ? param.slice(1) : 'default';
}

async function resolveUser(event: RequestEvent): Promise<void> {
	event.locals.user = null;
	event.locals.sessionId = null;
	const db = event.locals.data.database;
	const found = await authFor(db).api.getSession({ headers: event.request.headers, returnHeaders: true });
	// A refreshed session comes with a new cookie.
	applyCookies(found.headers, event.cookies, event.url.protocol === 'https:');
	const s = found.response;
	if (!s || !s.user.active) return;
	event.locals.sessionId = s.session.id;
	event.locals.user = {
		id: s.user.id,
		email: s.user.email,
		name: s.user.name,
		mustChangePassword: Boolean(s.user.mustChangePassword),
		grants: await grantsOf(db.db, s.user.id)
	};
}

const plain = (status: number, text: string) => new Response(text, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

export const handleAuth: Handle = async ({ event, resolve }) => {
	const routeId = event.route.id;
	event.locals.user = null;
	event.locals.sessionId = null;
	if (routeId == null) return resolve(event);
	const method = event.request.method;
	const action = method === 'POST' && rules[routeId]?.actions ? actionName(event.url) : null;
	const r = rules[routeId];
	const applied = r ? ruleFor(r, method, action) : null;
	// Public data endpoints (tiles, values, CSV) need no session lookup; pages do (the header shows who is signed in).
	const publicData = applied?.access && 'public' in applied.access && applied.key !== 'page' && action == null;
	if (!publicData) await resolveUser(event);
	const user = event.locals.user;
	const decision = decide({ routeId, method, action, params: event.params as Record<string, string> }, user);
	if (!decision.allow) {
		if (decision.status === 303) {
			if (decision.location === 'password') redirect(303, '/account');
			redirect(303, `/inloggen?naar=${encodeURIComponent(event.url.pathname + event.url.search)}`);
		}
		return plain(decision.status, decision.reason);
	}
	// Beyond SvelteKit's own check (form posts only), any write that needs an
	// account must come from this origin, whatever its content type.
	const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(method);
	if (unsafe && user && event.request.headers.get('origin') !== event.url.origin) {
		return plain(403, 'Verzoek van een andere herkomst geweigerd.');
	}
	return resolve(event);
};
