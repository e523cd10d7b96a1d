/**
 * A CSV file uploaded on an administration page (targets, interventions):
 * the file itself, or why it was refused before reading (none, too large),
 * and an importer's refusal as the problems the page lists (CsvUpload.svelte).
 * The pages' `upload` actions share it, so both answer alike.
 */
import { fail } from '@sveltejs/kit';
import { ImportError } from './problems';

/** Largest file accepted on screen (a file of a thousand targets is about 200 kB). */
const MAX_UPLOAD_BYTES = 1024 * 1024;
/** Problems listed on the page at most; the rest is counted. */
const MAX_LISTED = 200;

/** The uploaded file (field `bestand`) as name and bytes, or the action's refusal. */
export async function uploadedFile(request: Request) {
	const file = (await request.formData()).get('bestand');
	if (!(file instanceof File) || file.size === 0) return { refused: fail(400, { action: 'upload' as const, fileError: 'manage.upload.noFile' as const }) };
	if (file.size > MAX_UPLOAD_BYTES) return { refused: fail(400, { action: 'upload' as const, fileError: 'manage.upload.tooLarge' as const }) };
	return { file: { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } };
}

/** Runs an importer on the file; its problems (an ImportError) become the action's refusal, anything else is thrown. */
export async function importUpload<T extends { status: string; count: number }>(name: string, work: () => Promise<T>) {
	try {
		const r = await work();
		return { action: 'upload' as const, uploaded: { status: r.status, count: r.count, file: name } };
	} catch (e) {
		if (!(e instanceof ImportError)) throw e;
		return fail(400, {
			action: 'upload' as const,
			problems: e.problems.slice(0, MAX_LISTED).map((p) => ({ line: p.line ?? null, field: p.field ?? null, reason: p.reason })),
			total: e.problems.length + e.truncated
		});
	}
}
