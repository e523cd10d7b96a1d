/**
 * Form input of the account and user pages, validated with zod: each problem
 * names its field and a reason (a message key, shown in nl or en beside the field).
 */
import { z } from 'zod';
import { ROLES, type RoleGrant } from '../../auth/roles';
import type { MessageKey } from '../../i18n';

export type FieldErrors = Record<string, MessageKey>;

const text = (max = 200) =>
	z.preprocess(
		(v) => (typeof v === 'string' ? v.trim() : v),
		z.string({ error: 'auth.error.required' }).min(1, { error: 'auth.error.required' }).max(max, { error: 'auth.error.required' })
	);
const optional = z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : null), z.string().max(100).nullable());
const email = z.preprocess(
	(v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
	z.email({ error: 'auth.error.email' }).max(254, { error: 'auth.error.email' })
);
const password = z
	.string({ error: 'auth.error.passwordLength' })
	.min(12, { error: 'auth.error.passwordLength' })
	.max(128, { error: 'auth.error.passwordLength' });

export const loginForm = z.object({
	email,
	password: z.string({ error: 'auth.error.required' }).min(1, { error: 'auth.error.required' }).max(128, { error: 'auth.login.wrong' })
});

export const passwordForm = z
	.object({ current: z.string({ error: 'auth.error.required' }).min(1, { error: 'auth.error.required' }).max(128), next: password, repeat: z.string() })
	.refine((v) => v.next === v.repeat, { path: ['repeat'], error: 'auth.error.repeat' });

/** A role with its scope; which scope fits which role is checked here and again by the database. */
export const grantForm = z
	.object({
		role: z.enum(ROLES, { error: 'auth.error.role' }),
		gemeenteCode: optional,
		focusAreaId: optional
	})
	.superRefine((g, ctx) => {
		const problem = (path: 'gemeenteCode' | 'focusAreaId', message: MessageKey) => ctx.addIssue({ code: 'custom', path: [path], message });
		if (g.role === 'coordinator' && (!g.focusAreaId || g.gemeenteCode)) problem('focusAreaId', 'auth.error.needFocusArea');
		if (g.role === 'wethouder' && (!g.gemeenteCode || g.focusAreaId)) problem('gemeenteCode', 'auth.error.needGemeente');
		if (g.role === 'monitor' && g.focusAreaId) problem('focusAreaId', 'auth.error.monitorScope');
		if (g.role === 'beheerder' && (g.gemeenteCode || g.focusAreaId)) problem(g.gemeenteCode ? 'gemeenteCode' : 'focusAreaId', 'auth.error.adminScope');
	}) satisfies z.ZodType<RoleGrant>;

export const createUserForm = z.object({
	email,
	name: text(),
	role: z.union([z.literal('').transform(() => null), z.enum(ROLES, { error: 'auth.error.role' })]).default(null)
});

const date = z.preprocess((v) => (v === '' ? undefined : v), z.iso.date({ error: 'auth.error.date' }).optional());
const choice = z.preprocess((v) => (v === '' ? undefined : v), z.string().max(200).optional());
export const auditFilter = z.object({ actor: choice, entity: choice, action: choice, from: date, to: date });

/** The form's fields as plain strings (FormData or URLSearchParams). */
export function fields(form: FormData | URLSearchParams): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of form.entries()) if (typeof v === 'string') out[k] = v;
	return out;
}

/** zod's issues as one reason per field (the first), keyed on the field's name. */
export function fieldErrors(error: z.ZodError): FieldErrors {
	const out: FieldErrors = {};
	for (const issue of error.issues) {
		const key = String(issue.path[0] ?? 'form');
		out[key] ??= (issue.message as MessageKey) ?? 'auth.error.required';
	}
	return out;
}
