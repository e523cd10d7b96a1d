import { fail, redirect } from '@sveltejs/kit';
import { allows, coordinatedAreas, gemeentenAllowing } from '$lib/auth/roles';
import { CADENCES, DEFAULT_CADENCE, openablePeriods, parsePeriod, type Cadence } from '$lib/reports/periods';
import { reportRoles } from '$lib/reports/workflow';
import { pdfAvailable } from '$lib/server/pdf';
import { listFocusAreas } from '$lib/server/queries/areas';
import { cadences, listReports } from '$lib/server/queries/reports';
import { openReport, setCadence } from '$lib/server/reports';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const db = locals.data.database.db;
	const grants = locals.user?.grants ?? [];
	const readable = gemeentenAllowing(grants, 'municipality.read');
	const drafts = !locals.user ? 'none' : readable == null ? 'all' : { gemeenten: readable, focusAreas: coordinatedAreas(grants) };
	const programme = url.searchParams.get('programma') || undefined;
	const period = url.searchParams.get('periode') || undefined;
	const [all, areas, chosen] = await Promise.all([listReports(db, { drafts: drafts as never }), listFocusAreas(db), cadences(db)]);
	const reports = all.filter((r) => (!programme || r.programme === programme) && (!period || r.period === period));
	const programmes = [...new Set(areas.map((a) => a.programme))].sort();
	const cadenceOf = (p: string): Cadence => chosen.get(p) ?? DEFAULT_CADENCE;
	const now = new Date();
	// Bundles: every programme and period with a published report, and the focus areas still without one.
	const published = all.filter((r) => r.status === 'gepubliceerd');
	const bundles = [...new Set(published.map((r) => `${r.programme}|${r.period}`))].map((key) => {
		const [p, label] = key.split('|');
		const done = new Set(published.filter((r) => r.programme === p && r.period === label).map((r) => r.focusAreaId));
		return { programme: p, period: label, count: done.size, missing: areas.filter((a) => a.programme === p && !done.has(a.id)).map((a) => a.name) };
	});
	return {
		reports: reports.map((r) => ({
			id: r.id,
			focusAreaId: r.focusAreaId,
			areaName: r.areaName,
			municipality: r.municipality,
			programme: r.programme,
			period: r.period,
			version: r.version,
			status: r.status,
			snapshotAt: r.snapshotAt.toISOString(),
			publishedAt: r.publishedAt?.toISOString() ?? null
		})),
		filter: { programme: programme ?? '', period: period ?? '' },
		programmes,
		periods: [...new Set(all.map((r) => r.period))].sort().reverse(),
		openable: areas
			.filter((a) => {
				const roles = reportRoles(grants, { focusAreaId: a.id, gemeenteCode: a.gemeenteCode });
				return roles.writer || roles.monitor;
			})
			.map((a) => ({ id: a.id, name: a.name, municipality: a.municipality, programme: a.programme })),
		periodsByProgramme: Object.fromEntries(programmes.map((p) => [p, openablePeriods(now, cadenceOf(p)).map((x) => x.label)])),
		cadences: allows(grants, 'monitor.manage', {}) ? programmes.map((p) => ({ programme: p, cadence: cadenceOf(p) })) : null,
		bundles: bundles.filter((b) => parsePeriod(b.period)),
		pdf: pdfAvailable(),
		cadenceSaved: url.searchParams.get('periode-opgeslagen')
	};
};

export const actions: Actions = {
	open: async ({ request, locals }) => {
		const form = await request.formData();
		const focusAreaId = String(form.get('gebied') ?? '');
		const period = String(form.get('periode') ?? '');
		const r = await openReport(locals.data, locals.user!, locals.user!.grants, { focusAreaId, period });
		if (!r.ok) return fail(r.status, { action: 'open' as const, message: r.message, values: r.values ?? null, existing: r.id ?? null, focusAreaId, period });
		redirect(303, `/rapporten/${r.id}?gedaan=open`);
	},
	cadence: async ({ request, locals }) => {
		const form = await request.formData();
		const programme = String(form.get('programma') ?? '');
		const cadence = String(form.get('periode') ?? '');
		const areas = await listFocusAreas(locals.data.database.db);
		if (!areas.some((a) => a.programme === programme) || !(CADENCES as readonly string[]).includes(cadence))
			return fail(400, { action: 'cadence' as const, message: 'report.error.cadence' as const, values: null });
		const r = await setCadence(locals.data, locals.user!, locals.user!.grants, programme, cadence as Cadence);
		if (!r.ok) return fail(r.status, { action: 'cadence' as const, message: r.message, values: null });
		redirect(303, `/rapporten?periode-opgeslagen=${encodeURIComponent(`${programme}|${cadence}`)}#perioden`);
	}
};
