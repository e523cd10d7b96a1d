import { error } from '@sveltejs/kit';
import { auditCsv, listAudit } from '$lib/server/auth/audit';
import { auditFilter, fields } from '$lib/server/auth/forms';
import type { RequestHandler } from './$types';

/** The audit trail with the page's filter, every matching row, as CSV. */
export const GET: RequestHandler = async ({ url, locals }) => {
	const parsed = auditFilter.safeParse(fields(url.searchParams));
	if (!parsed.success) error(400, 'Ongeldig filter: gebruik datums als 2026-12-31.');
	const db = locals.data.database;
	const rows = await listAudit(db.db, parsed.data, Number.MAX_SAFE_INTEGER);
	const date = new Date().toISOString().slice(0, 10);
	return new Response(auditCsv(rows), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="wijkaanpak-audit-${date}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
