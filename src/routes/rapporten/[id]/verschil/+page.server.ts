import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { diffSnapshots } from '$lib/reports/snapshot';
import { listReports } from '$lib/server/queries/reports';
import { snapshotOf } from '$lib/server/reports';
import { readableReport } from '../report';
import type { PageServerLoad } from './$types';

/**
 * What changed between two reports of a focus area (`?met=` the other one):
 * two periods, or two versions of one. The older snapshot is compared with
 * the newer, whichever way round they are asked for.
 */
export const load: PageServerLoad = async ({ params, url, locals }) => {
	const t = translator(locals.locale);
	const { row, roles } = await readableReport(locals, params.id);
	const others = (await listReports(locals.data.database.db, { focusAreaId: row.focusAreaId, drafts: roles.readsDrafts ? 'all' : 'none' })).filter(
		(r) => r.id !== row.id
	);
	const met = url.searchParams.get('met');
	const other = met ? await readableReport(locals, met) : null;
	if (other && other.row.focusAreaId !== row.focusAreaId) error(400, t('report.diff.none'));
	const head = (r: Pick<typeof row, 'id' | 'period' | 'version' | 'status' | 'snapshotAt'>) => ({
		id: r.id,
		period: r.period,
		version: r.version,
		status: r.status,
		snapshotAt: r.snapshotAt.toISOString()
	});
	if (!other) return { report: head(row), subject: snapshotOf(row).page.subject, other: null, diff: null, choices: others.map(head) };
	const [older, newer] = other.row.snapshotAt <= row.snapshotAt ? [other.row, row] : [row, other.row];
	return {
		report: head(row),
		subject: snapshotOf(row).page.subject,
		other: head(other.row),
		older: head(older),
		newer: head(newer),
		diff: diffSnapshots(snapshotOf(older), snapshotOf(newer)),
		choices: others.map(head)
	};
};
