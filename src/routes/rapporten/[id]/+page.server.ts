import { fail, redirect } from '@sveltejs/kit';
import { HEADLINE_INDICATORS } from '$lib/indicators/headlines';
import { parsePeriod, previousPeriod } from '$lib/reports/periods';
import { refusal, REPORT_STEPS, stepsFor, type ReportStep } from '$lib/reports/workflow';
import { config } from '$lib/server/env';
import { renderMarkdown } from '$lib/server/markdown';
import { pdfAvailable } from '$lib/server/pdf';
import { listReports, reportVersions } from '$lib/server/queries/reports';
import { PUBLISHING_HEADER, reportPdf } from '$lib/server/report-pdf';
import {
	correctReport,
	interventionsInPeriod,
	NARRATIVE_MAX,
	refreshSnapshot,
	reportCsv,
	saveNarrative,
	snapshotOf,
	stepReport,
	type ReportOutcome
} from '$lib/server/reports';
import { readableReport } from './report';
import type { Actions, PageServerLoad } from './$types';

/** What the page confirms after a write (`?gedaan=`). */
const DONE = ['open', 'narrative', 'refresh', 'correct', ...REPORT_STEPS] as const;

export const load: PageServerLoad = async ({ params, locals, url, request }) => {
	const { row, roles } = await readableReport(locals, params.id);
	// The publish action prints the page as it will be once published (report-pdf.ts).
	const asOf = new Date(request.headers.get(PUBLISHING_HEADER) ?? NaN);
	const publishing = row.status === 'goedgekeurd' && roles.monitor && !Number.isNaN(asOf.getTime()) ? asOf : null;
	const db = locals.data.database.db;
	const s = snapshotOf(row);
	const period = parsePeriod(row.period)!;
	const drafts = roles.readsDrafts ? 'all' : 'none';
	const [versions, earlier] = await Promise.all([
		reportVersions(db, row.focusAreaId, row.period),
		listReports(db, { focusAreaId: row.focusAreaId, period: previousPeriod(period).label, drafts })
	]);
	const visible = versions.filter((v) => v.status === 'gepubliceerd' || roles.readsDrafts);
	// Charts: the headline indicators and those with a target, in the page's theme order.
	const targetKeys = new Set((s.page.targets ?? []).map((x) => x.target.indicator));
	const charted = s.page.themes.flatMap((th) => th.indicators).filter((i) => HEADLINE_INDICATORS.includes(i.key) || targetKeys.has(i.key));
	// What to compare with: the version this one replaces, else the newest report of the period before.
	const compareWith = row.replacesId ?? earlier[0]?.id ?? null;
	return {
		report: {
			id: row.id,
			status: publishing ? ('gepubliceerd' as const) : row.status,
			version: row.version,
			period: row.period,
			programme: row.programme,
			replacesId: row.replacesId,
			snapshotHash: row.snapshotHash,
			snapshotAt: row.snapshotAt.toISOString(),
			dataVersion: row.dataVersion,
			publishedAt: (publishing ?? row.publishedAt)?.toISOString() ?? null,
			pdfHash: row.pdfHash,
			csvHash: row.csvHash,
			hasPdf: row.pdf != null
		},
		versions: visible.map((v) => ({ id: v.id, version: v.version, status: v.status })),
		compareWith,
		subject: s.page.subject,
		outline: s.page.outline,
		suppression: s.page.suppression,
		sources: s.page.sources,
		targets: s.page.targets ?? [],
		headline: s.headline,
		headlineMeta: s.headlineMeta,
		changes: s.changes,
		charted,
		interventions: interventionsInPeriod(s),
		/** On the charts: every intervention of the snapshot (started before the period ended). */
		chartInterventions: s.interventions,
		themeNames: Object.fromEntries(s.page.themes.map((th) => [th.theme, { nl: th.themeNl, en: th.themeEn }])),
		narrativeHtml: renderMarkdown(row.narrative),
		/** The Markdown itself, only for whoever may change it now. */
		narrative: roles.writer && row.status === 'concept' && !publishing ? row.narrative : null,
		narrativeMax: NARRATIVE_MAX,
		steps: publishing ? [] : stepsFor(row.status, roles),
		canRefresh: row.status === 'concept' && (roles.writer || roles.monitor),
		canCorrect: row.status === 'gepubliceerd' && (roles.writer || roles.monitor) && versions[0]?.id === row.id,
		pdf: pdfAvailable(),
		done: DONE.find((d) => d === url.searchParams.get('gedaan')) ?? null
	};
};

/** The report's id from the route, or 404. */
const idOf = (params: { id: string }) => (/^[1-9]\d{0,9}$/.test(params.id) ? Number(params.id) : 0);

/** A refusal as the form shows it (status and message), or to the report with what was done. */
function outcome(r: ReportOutcome, done: string, action: string) {
	if (!r.ok) return fail(r.status, { action, message: r.message, values: r.values ?? null });
	redirect(303, `/rapporten/${r.id}?gedaan=${done}`);
}

/** A workflow step, as a form action. Publishing first makes the files from the approved report. */
const step =
	(name: ReportStep) =>
	async ({ params, locals, fetch }: Parameters<Actions[string]>[0]) => {
		const user = locals.user!;
		const id = idOf(params);
		if (name !== 'publiceren') return outcome(await stepReport(locals.data, user, user.grants, id, name), name, name);
		const { row, roles } = await readableReport(locals, params.id);
		// Refused steps are refused before any PDF is made (the step checks again, in its transaction).
		const why = refusal(name, row.status, roles);
		if (why) return fail(why === 'report.refused.role' ? 403 : 409, { action: name, message: why, values: null });
		const s = snapshotOf(row);
		const csv = reportCsv(s, `${config().origin ?? ''}/rapporten/${row.id}`);
		let pdf: Uint8Array | null = null;
		const publishedAt = new Date();
		if (pdfAvailable()) {
			try {
				pdf = await reportPdf(fetch, row.id, s, { publishedAt });
			} catch (e) {
				return fail(500, { action: name, message: 'report.error.pdf' as const, values: { reason: e instanceof Error ? e.message : String(e) } });
			}
		}
		return outcome(await stepReport(locals.data, user, user.grants, id, name, { pdf, csv, publishedAt }), name, name);
	};

export const actions: Actions = {
	narrative: async ({ params, locals, request }) => {
		const text = String((await request.formData()).get('toelichting') ?? '');
		const r = await saveNarrative(locals.data, locals.user!, locals.user!.grants, idOf(params), text);
		if (!r.ok) return fail(r.status, { action: 'narrative', message: r.message, values: r.values ?? null, narrative: text });
		redirect(303, `/rapporten/${r.id}?gedaan=narrative#toelichting`);
	},
	refresh: async ({ params, locals }) => outcome(await refreshSnapshot(locals.data, locals.user!, locals.user!.grants, idOf(params)), 'refresh', 'refresh'),
	correct: async ({ params, locals }) => outcome(await correctReport(locals.data, locals.user!, locals.user!.grants, idOf(params)), 'correct', 'correct'),
	indienen: step('indienen'),
	terugsturen: step('terugsturen'),
	goedkeuren: step('goedkeuren'),
	publiceren: step('publiceren')
};
