import { redirect } from '@sveltejs/kit';
import { clearAuthCookies } from '$lib/server/auth/index';
import { signOut } from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = () => ({});

export const actions: Actions = {
	/** Removes the session (with its audit row) and its cookies. */
	default: async ({ locals, cookies, url }) => {
		if (locals.user && locals.sessionId) await signOut(locals.data.database, locals.user, locals.sessionId);
		clearAuthCookies(cookies, url.protocol === 'https:');
		redirect(303, '/');
	}
};
