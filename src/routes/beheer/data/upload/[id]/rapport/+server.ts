/** The validation report of an upload as CSV (file, line, feature, column, reason), for the one who uploaded it. */
import { error } from '@sveltejs/kit';
import Papa from 'papaparse';
import { storedUploadRecord } from '$lib/server/uploads';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async ({ params, locals }) => {
	const record = await storedUploadRecord(params.id, locals.user!);
	if (!record) error(404, 'Deze upload bestaat niet (meer).');
	const csv = Papa.unparse({
		fields: ['bestand', 'regel', 'feature', 'kolom', 'reden'],
		data: record.problems.map((p) => [p.file, p.line ?? '', p.feature ?? '', p.field ?? '', p.reason])
	});
	const more = record.problemCount > record.problems.length ? `\r\n# en nog ${record.problemCount - record.problems.length} problemen` : '';
	return new Response(`\uFEFF${csv}${more}\r\n`, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="controle-${record.id}.csv"`,
			'cache-control': 'private, no-store'
		}
	});
};
