import { fail } from '@sveltejs/kit';
import { fieldErrors, fields, passwordForm } from '$lib/server/auth/forms';
import { scopeChoices } from '$lib/server/auth/scopes';
import { changeOwnPassword, endOtherSessions, UserError } from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const user = locals.user!;
	const db = locals.data.database;
	return {
		account: { email: user.email, name: user.name, mustChangePassword: user.mustChangePassword, grants: user.grants },
		scopes: await scopeChoices(db.db)
	};
};

export const actions: Actions = {
	password: async ({ request, locals }) => {
		const user = locals.user!;
		const parsed = passwordForm.safeParse(fields(await request.formData()));
		if (!parsed.success) return fail(400, { action: 'password' as const, errors: fieldErrors(parsed.error) });
		try {
			await changeOwnPassword(locals.data.database, user, { current: parsed.data.current, next: parsed.data.next, sessionId: locals.sessionId! });
		} catch (e) {
			if (e instanceof UserError) return fail(400, { action: 'password' as const, errors: { [e.field]: e.key } });
			throw e;
		}
		// The page is loaded again after this action, with this request's user: it may now go everywhere.
		user.mustChangePassword = false;
		return { action: 'password' as const, done: true };
	},
	endSessions: async ({ locals }) => {
		await endOtherSessions(locals.data.database, locals.user!, locals.sessionId!);
		return { action: 'endSessions' as const, done: true };
	}
};
