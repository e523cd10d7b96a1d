import { config } from '$lib/server/env';
import { reportCsv, snapshotOf } from '$lib/server/reports';
import { readableReport } from '../report';
import type { RequestHandler } from './$types';

/** Every figure of the report as CSV: the file stored at publication, or (a draft) written now from its snapshot. */
export const GET: RequestHandler = async ({ params, locals }) => {
	const { row } = await readableReport(locals, params.id);
	const published = row.status === 'gepubliceerd';
	// Published: the stored bytes, byte-order mark and all, whose hash the page shows.
	const csv = published ? new Uint8Array(row.csv!) : reportCsv(snapshotOf(row), `${config().origin ?? ''}/rapporten/${row.id}`);
	const name = `rapportage-${row.focusAreaId}-${row.period}-v${row.version}${published ? '' : `-${row.status}`}`;
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}.csv"`,
			'cache-control': published ? 'public, max-age=3600' : 'private, no-store',
			...(published ? { etag: `"${row.csvHash}"` } : {})
		}
	});
};
