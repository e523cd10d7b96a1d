import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { pdfAvailable } from '$lib/server/pdf';
import { reportPdf } from '$lib/server/report-pdf';
import { snapshotOf } from '$lib/server/reports';
import { readableReport } from '../report';
import type { RequestHandler } from './$types';

/**
 * The report as PDF. Published: the PDF stored at publication, byte for byte
 * (so its hash on the page holds). A draft: printed now for whoever may read
 * it, marked as such in every page's header, never stored or cached.
 */
export const GET: RequestHandler = async ({ params, locals, fetch }) => {
	const t = translator(locals.locale);
	const { row } = await readableReport(locals, params.id);
	const name = `rapportage-${row.focusAreaId}-${row.period}-v${row.version}`;
	if (row.status === 'gepubliceerd') {
		if (!row.pdf) error(404, t('report.pdf.none'));
		return new Response(new Uint8Array(row.pdf), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `inline; filename="${name}.pdf"`,
				'cache-control': 'public, max-age=3600',
				etag: `"${row.pdfHash}"`
			}
		});
	}
	if (!pdfAvailable()) error(503, t('report.pdf.unavailable'));
	const pdf = await reportPdf(fetch, row.id, snapshotOf(row), { draft: t(`report.status.${row.status}`).toUpperCase() });
	return new Response(new Uint8Array(pdf), {
		headers: { 'content-type': 'application/pdf', 'content-disposition': `inline; filename="${name}-${row.status}.pdf"`, 'cache-control': 'private, no-store' }
	});
};
