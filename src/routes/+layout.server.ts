import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals, url }) => ({
	locale: locals.locale,
	path: url.pathname,
	/** Who is signed in, with their roles, so that the interface shows only what they may use. */
	user: locals.user
		? { email: locals.user.email, name: locals.user.name, mustChangePassword: locals.user.mustChangePassword, grants: locals.user.grants }
		: null
});
