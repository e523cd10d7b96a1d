import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { parsePeriod, periodName } from '$lib/reports/periods';
import { bundlePdf, pdfAvailable } from '$lib/server/pdf';
import { listReports, reportById } from '$lib/server/queries/reports';
import type { RequestHandler } from './$types';

/**
 * One PDF of a programme's published reports for a period (the newest
 * published version per focus area, in the order of the list), with a table
 * of contents: the stored PDFs, unchanged, one after the other.
 */
export const GET: RequestHandler = async ({ url, locals }) => {
	const t = translator(locals.locale);
	const programme = url.searchParams.get('programma') ?? '';
	const period = parsePeriod(url.searchParams.get('periode') ?? '');
	if (!programme || !period) error(400, t('report.error.cadence'));
	if (!pdfAvailable()) error(503, t('report.pdf.unavailable'));
	const db = locals.data.database.db;
	const published = await listReports(db, { programme, period: period.label, drafts: 'none' });
	const newest = new Map<string, number>();
	for (const r of published) if (r.hasPdf && !newest.has(r.focusAreaId)) newest.set(r.focusAreaId, r.id);
	if (!newest.size) error(404, t('report.bundle.none'));
	// The bundle is a document of its own, in Dutch like the reports in it.
	const nl = translator('nl');
	const parts = [];
	for (const [, id] of newest) {
		const row = (await reportById(db, id))!;
		const name = published.find((r) => r.id === id)!.areaName;
		parts.push({ title: row.version > 1 ? `${name} (${nl('report.versionLink', { version: row.version })})` : name, pdf: row.pdf! });
	}
	const pdf = await bundlePdf(parts, { title: `${programme} — ${nl('report.list.title').toLowerCase()}`, period: periodName(period, 'nl'), lang: 'nl' });
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'content-disposition': `inline; filename="rapportages-${programme}-${period.label}.pdf"`,
			'cache-control': 'public, max-age=600'
		}
	});
};
