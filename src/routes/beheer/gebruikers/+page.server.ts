import { fail } from '@sveltejs/kit';
import { createUserForm, fieldErrors, fields, grantForm, type FieldErrors } from '$lib/server/auth/forms';
import { checkScope, scopeChoices } from '$lib/server/auth/scopes';
import { createUser, listUsers, UserError } from '$lib/server/auth/users';
import type { RoleGrant } from '$lib/auth/roles';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const db = locals.data.database;
	const [users, scopes] = await Promise.all([listUsers(db.db), scopeChoices(db.db)]);
	return { users, scopes };
};

export const actions: Actions = {
	/** A new user with a one-time password, shown once in the answer, and optionally a first role. */
	create: async ({ request, locals }) => {
		const raw = fields(await request.formData());
		const values = { email: raw.email ?? '', name: raw.name ?? '' };
		const parsed = createUserForm.safeParse(raw);
		let errors: FieldErrors = parsed.success ? {} : fieldErrors(parsed.error);
		let grants: RoleGrant[] = [];
		const db = locals.data.database;
		if (parsed.success && parsed.data.role) {
			const g = grantForm.safeParse(raw);
			if (!g.success) errors = { ...errors, ...fieldErrors(g.error) };
			else {
				errors = { ...errors, ...(await checkScope(db.db, g.data)) };
				grants = [g.data];
			}
		}
		if (!parsed.success || Object.keys(errors).length) return fail(400, { values, errors });
		try {
			const { user, oneTimePassword } = await createUser(db, locals.user!, { email: parsed.data.email, name: parsed.data.name, roles: grants });
			return { created: { id: user.id, email: user.email, oneTimePassword } };
		} catch (e) {
			if (e instanceof UserError) return fail(400, { values, errors: { [e.field]: e.key } as FieldErrors });
			throw e;
		}
	}
};
