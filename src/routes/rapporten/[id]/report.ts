/** Loading one report for its routes: the row, the reader's roles, and a 404 for a draft the reader may not see. */
import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { reportRoles } from '$lib/reports/workflow';
import { reportById } from '$lib/server/queries/reports';

export async function readableReport(locals: App.Locals, idParam: string) {
	const notFound = () => error(404, translator(locals.locale)('report.notFound'));
	const id = /^[1-9]\d{0,9}$/.test(idParam) ? Number(idParam) : NaN;
	if (!Number.isSafeInteger(id) || id > 2_147_483_647) notFound();
	const row = await reportById(locals.data.database.db, id);
	if (!row) notFound();
	const roles = reportRoles(locals.user?.grants ?? [], row!);
	// A draft is not there for whoever may not read it: not even its existence shows.
	if (row!.status !== 'gepubliceerd' && !roles.readsDrafts) notFound();
	return { row: row!, roles };
}
