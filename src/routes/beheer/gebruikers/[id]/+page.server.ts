import { error, fail } from '@sveltejs/kit';
import { fieldErrors, fields, grantForm, type FieldErrors } from '$lib/server/auth/forms';
import { checkScope, scopeChoices } from '$lib/server/auth/scopes';
import { addRole, getUser, removeRole, resetPassword, setActive, UserError } from '$lib/server/auth/users';
import type { Actor } from '$lib/server/auth/audit';
import type { Database } from '$lib/server/db/index';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params, locals }) => {
	const db = locals.data.database;
	const [user, scopes] = await Promise.all([getUser(db.db, params.id), scopeChoices(db.db)]);
	if (!user) error(404, 'Deze gebruiker bestaat niet.');
	return { user, scopes };
};

/** Runs one change; a refused change comes back as the field's error. */
async function attempt<T extends object>(locals: App.Locals, action: string, run: (db: Database) => Promise<T>) {
	try {
		return { action, ...(await run(locals.data.database)) };
	} catch (e) {
		if (e instanceof UserError) return fail(e.key === 'auth.error.noUser' ? 404 : 400, { action, errors: { [e.field]: e.key } as FieldErrors });
		throw e;
	}
}

const actor = (locals: App.Locals): Actor => locals.user!;

export const actions: Actions = {
	addRole: async ({ request, params, locals }) => {
		const parsed = grantForm.safeParse(fields(await request.formData()));
		if (!parsed.success) return fail(400, { action: 'addRole', errors: fieldErrors(parsed.error) });
		const db = locals.data.database;
		const problems = await checkScope(db.db, parsed.data);
		if (Object.keys(problems).length) return fail(400, { action: 'addRole', errors: problems });
		return attempt(locals, 'addRole', async (d) => (await addRole(d, actor(locals), params.id, parsed.data), { done: true }));
	},
	removeRole: async ({ request, params, locals }) => {
		const roleId = Number(fields(await request.formData()).roleId);
		if (!Number.isInteger(roleId)) return fail(400, { action: 'removeRole', errors: { roleId: 'auth.error.noRole' } as FieldErrors });
		return attempt(locals, 'removeRole', async (d) => (await removeRole(d, actor(locals), params.id, roleId), { done: true }));
	},
	deactivate: ({ params, locals }) => attempt(locals, 'deactivate', async (d) => (await setActive(d, actor(locals), params.id, false), { done: true })),
	activate: ({ params, locals }) => attempt(locals, 'activate', async (d) => (await setActive(d, actor(locals), params.id, true), { done: true })),
	resetPassword: ({ params, locals }) =>
		attempt(locals, 'resetPassword', async (d) => ({ done: true, oneTimePassword: await resetPassword(d, actor(locals), params.id) }))
};
