import { fail, redirect } from '@sveltejs/kit';
import { applyCookies, LOGIN_LIMIT, signIn } from '$lib/server/auth/index';
import { fieldErrors, fields, loginForm } from '$lib/server/auth/forms';
import { recordSignIn } from '$lib/server/auth/users';
import type { Actions, PageServerLoad } from './$types';

/** Only a path on this site: no scheme, no other host ("//evil.example"). */
function target(raw: string | null): string {
	return raw && raw.startsWith('/') && !raw.startsWith('//') && !raw.startsWith('/\\') ? raw : '/account';
}

/** After a wrong password the answer waits this long: guessing gets slow before it is refused (429). */
const WRONG_PASSWORD_DELAY_MS = 1000;

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.user) redirect(303, target(url.searchParams.get('naar')));
	return { next: target(url.searchParams.get('naar')) };
};

export const actions: Actions = {
	default: async ({ request, cookies, url, getClientAddress, locals }) => {
		const raw = fields(await request.formData());
		const parsed = loginForm.safeParse(raw);
		if (!parsed.success) return fail(400, { email: raw.email ?? '', errors: fieldErrors(parsed.error) });
		const db = locals.data.database;
		const result = await signIn(db, { ...parsed.data, clientAddress: getClientAddress(), userAgent: request.headers.get('user-agent') });
		if (!result.ok) {
			if (result.status === 429) {
				return fail(429, {
					email: parsed.data.email,
					errors: { form: 'auth.login.tooMany' as const },
					minutes: Math.ceil((result.retryAfter ?? LOGIN_LIMIT.window) / 60)
				});
			}
			await new Promise((r) => setTimeout(r, WRONG_PASSWORD_DELAY_MS));
			return fail(400, { email: parsed.data.email, errors: { password: 'auth.login.wrong' as const } });
		}
		applyCookies(result.headers, cookies, url.protocol === 'https:');
		const signedIn = await db.db.query.user.findFirst({ where: (u, { eq }) => eq(u.email, parsed.data.email) });
		if (signedIn) await recordSignIn(db, { id: signedIn.id, email: signedIn.email });
		redirect(303, signedIn?.mustChangePassword ? '/account' : target(url.searchParams.get('naar')));
	}
};
