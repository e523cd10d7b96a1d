import { error, fail, redirect } from '@sveltejs/kit';
import { gemeentenAllowing } from '$lib/auth/roles';
import { fields } from '$lib/server/auth/forms';
import { scopeChoices } from '$lib/server/auth/scopes';
import { commitFigures, rollbackBatch } from '$lib/server/import/figures';
import { ImportError } from '$lib/server/import/problems';
import { importBatchById, importHistory } from '$lib/server/queries/sources';
import { KWB_TABLES } from '$lib/server/import/fetch/tables';
import { discardUpload, fetchKwbUpload, figureInput, MAX_UPLOAD_BYTES, storedUpload, storedUploadRecord, UploadRefused } from '$lib/server/uploads';
import type { Actions, PageServerLoad } from './$types';

/** Batch kinds a monitor can roll back on this page. */
const FIGURE_BATCHES = ['cijfers', 'kwb', 'grenzen'];

export const load: PageServerLoad = async ({ locals, url }) => {
	const user = locals.user!;
	const gemeenten = gemeentenAllowing(user.grants, 'monitor.manage');
	const db = locals.data.database.db;
	const [history, scopes] = await Promise.all([importHistory(db, 40), scopeChoices(db)]);
	const uploadId = url.searchParams.get('upload');
	const upload = uploadId ? await storedUploadRecord(uploadId, user) : null;
	if (uploadId && !upload) error(404, 'Deze upload bestaat niet (meer), of is van iemand anders. Upload het bestand opnieuw.');
	const done = Number(url.searchParams.get('batch')) || null;
	return {
		national: gemeenten == null,
		gemeenten: (gemeenten ?? []).map((code) => scopes.gemeenten.find((g) => g.code === code)?.name ?? code),
		maxMb: Math.round(MAX_UPLOAD_BYTES / 1024 / 1024),
		kwbYears: Object.keys(KWB_TABLES)
			.map(Number)
			.sort((a, b) => b - a),
		gemeenteCodes: gemeenten ?? [],
		upload: upload && {
			id: upload.id,
			name: upload.name,
			kind: upload.kind,
			bytes: upload.bytes,
			preview: upload.preview,
			problems: upload.problems.slice(0, 200),
			problemCount: upload.problemCount
		},
		committed: done,
		rolledBack: Number(url.searchParams.get('teruggedraaid')) || null,
		unchanged: url.searchParams.has('ongewijzigd'),
		history: history.map((b) => ({
			id: b.id,
			kind: b.kind,
			input: b.input,
			files: b.files,
			counts: b.rowCounts,
			by: b.importedBy,
			at: b.finishedAt.toISOString(),
			status: b.status,
			rolledBackAt: b.rolledBackAt?.toISOString() ?? null,
			rolledBackBy: b.rolledBackBy,
			mayRollBack: FIGURE_BATCHES.includes(b.kind) && b.status === 'ok' && (gemeenten == null || b.importedBy === user.email)
		}))
	};
};

export const actions: Actions = {
	/** Stores the checked upload: checked again in the same transaction, against the figures as they are now. */
	commit: async ({ request, locals }) => {
		const user = locals.user!;
		const { id } = fields(await request.formData());
		const stored = await storedUpload(id ?? '', user);
		if (!stored) return fail(404, { action: 'commit' as const, message: 'Deze upload bestaat niet (meer). Upload het bestand opnieuw.' });
		let result;
		try {
			result = await commitFigures(locals.data.database, figureInput(stored.record, stored.file, gemeentenAllowing(user.grants, 'monitor.manage')), user);
		} catch (e) {
			if (!(e instanceof ImportError)) throw e;
			return fail(422, {
				action: 'commit' as const,
				message: e.problems
					.map((p) => p.reason)
					.slice(0, 5)
					.join('; ')
			});
		}
		await discardUpload(stored.record.id);
		redirect(303, result.status === 'imported' ? `/beheer/data?batch=${result.batchId}` : '/beheer/data?ongewijzigd');
	},
	/** Fetches a KWB year from CBS into a checked upload (the same preview and commit as a file). */
	fetch: async ({ request, locals }) => {
		const user = locals.user!;
		const { jaar, gemeente } = fields(await request.formData());
		const gemeenten = gemeentenAllowing(user.grants, 'monitor.manage');
		const code = (gemeente ?? '').trim().toUpperCase() || null;
		if (code && !/^GM\d{4}$/.test(code)) return fail(400, { action: 'fetch' as const, message: `${code.slice(0, 20)} is geen gemeentecode (GMgggg).` });
		let stored;
		try {
			stored = await fetchKwbUpload(locals.data.database, user, { year: Number(jaar), gemeente: code, gemeenten });
		} catch (e) {
			if (e instanceof UploadRefused) return fail(e.status, { action: 'fetch' as const, message: e.message });
			throw e;
		}
		redirect(303, `/beheer/data?upload=${stored.id}#h-preview`);
	},
	discard: async ({ request }) => {
		const { id } = fields(await request.formData());
		await discardUpload(id ?? '');
		redirect(303, '/beheer/data');
	},
	rollback: async ({ request, locals }) => {
		const user = locals.user!;
		const { batch } = fields(await request.formData());
		const id = Number(batch);
		const gemeenten = gemeentenAllowing(user.grants, 'monitor.manage');
		const row = Number.isInteger(id) ? await importBatchById(locals.data.database.db, id) : null;
		if (!row) return fail(404, { action: 'rollback' as const, message: `Batch ${String(batch).slice(0, 20)} bestaat niet.` });
		if (gemeenten != null && row.importedBy !== user.email) {
			return fail(403, { action: 'rollback' as const, message: 'U kunt alleen uw eigen uploads terugdraaien; vraag een landelijke monitor.' });
		}
		const r = await rollbackBatch(locals.data.database, id, user);
		if (r.status === 'refused') return fail(409, { action: 'rollback' as const, message: r.reason });
		if (r.status === 'not-found') return fail(404, { action: 'rollback' as const, message: `Batch ${id} bestaat niet.` });
		redirect(303, `/beheer/data?teruggedraaid=${id}`);
	}
};
