/**
 * POST /beheer/data/upload?naam=…&soort=auto|tabel|kwb&jaar=…&bron=…: the raw
 * file as the body (the page sends it with a progress bar). Answers the stored
 * upload's id and the preview of the change (200), or the problems found
 * (422, also kept for the report download), or why the file was not read at
 * all (400, 413, 415). Bad input never answers 5xx.
 */
import { json } from '@sveltejs/kit';
import { gemeentenAllowing } from '$lib/auth/roles';
import { isUploadKind, receiveUpload, UploadRefused } from '$lib/server/uploads';
import type { RequestHandler } from './$types';

/** Problems sent back at most; the report download has them all that were kept. */
const LISTED = 200;

export const POST: RequestHandler = async ({ request, url, locals, platform }) => {
	const name = (url.searchParams.get('naam') ?? '').trim().slice(0, 200) || 'bestand';
	const kind = url.searchParams.get('soort') ?? 'auto';
	const yearText = (url.searchParams.get('jaar') ?? '').trim();
	const refuse = (status: number, message: string) => json({ bestand: name, problemen: [{ file: name, reason: message }], totaal: 1 }, { status });
	if (!isUploadKind(kind)) return refuse(400, `Onbekende soort "${kind.slice(0, 40)}": kies tabel, kwb of automatisch.`);
	if (yearText && !/^\d{4}$/.test(yearText)) return refuse(400, `Jaar "${yearText.slice(0, 40)}" is geen jaartal (JJJJ).`);
	const user = locals.user!;
	try {
		const stored = await receiveUpload(locals.data.database, user, request, platform?.req, {
			name,
			kind,
			year: yearText ? Number(yearText) : null,
			sourceTitle: url.searchParams.get('bron')?.trim().slice(0, 300) || null,
			gemeenten: gemeentenAllowing(user.grants, 'monitor.manage')
		});
		if (!stored.preview) {
			return json({ id: stored.id, bestand: name, problemen: stored.problems.slice(0, LISTED), totaal: stored.problemCount }, { status: 422 });
		}
		return json({ id: stored.id, bestand: name, soort: stored.kind, preview: stored.preview });
	} catch (e) {
		if (e instanceof UploadRefused) return refuse(e.status, e.message);
		throw e;
	}
};
