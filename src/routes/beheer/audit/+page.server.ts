import { auditChoices, listAudit } from '$lib/server/auth/audit';
import { auditFilter, fieldErrors, fields } from '$lib/server/auth/forms';
import type { PageServerLoad } from './$types';

/** The audit trail, newest first, filtered by the query string (actor, entity, action, from, to). */
export const load: PageServerLoad = async ({ url, locals }) => {
	const raw = fields(url.searchParams);
	const parsed = auditFilter.safeParse(raw);
	const filter = parsed.success ? parsed.data : {};
	const db = locals.data.database;
	const [rows, choices] = await Promise.all([listAudit(db.db, filter), auditChoices(db.db)]);
	return {
		filter: raw,
		errors: parsed.success ? {} : fieldErrors(parsed.error),
		choices,
		rows: rows.map((r) => ({
			...r,
			at: r.at.toISOString(),
			before: r.before == null ? '' : JSON.stringify(r.before),
			after: r.after == null ? '' : JSON.stringify(r.after)
		})),
		query: url.search
	};
};
