import { error, fail, redirect } from '@sveltejs/kit';
import { allows, gemeentenAllowing, type RoleGrant } from '$lib/auth/roles';
import type { Actor } from '$lib/server/auth/audit';
import { fields } from '$lib/server/auth/forms';
import { scopeChoices } from '$lib/server/auth/scopes';
import { importUpload, uploadedFile } from '$lib/server/import/upload';
import { importTargetText, TARGET_COLUMNS, type MayManage } from '$lib/server/import/targets';
import { listIndicators } from '$lib/server/queries/indicators';
import { managedTargets } from '$lib/server/queries/targets';
import { deleteTarget, saveTarget, type TargetChange } from '$lib/server/target-edits';
import type { Actions, PageServerLoad } from './$types';

/** The guard let in a monitor of some gemeente or a national one; each target is checked against its own gemeente. */
const mayManageOf =
	(grants: RoleGrant[]): MayManage =>
	(gemeente) =>
		allows(grants, 'monitor.manage', { gemeenteCode: gemeente });

const actor = (locals: App.Locals): Actor => locals.user!;

/** The form's fields as the CSV's columns, every one present (a radio left unchosen sends nothing). */
function targetFields(form: FormData): Record<string, string> {
	const raw = fields(form);
	return Object.fromEntries(TARGET_COLUMNS.map((c) => [c, raw[c] ?? '']));
}

/** A refusal the form cannot show: outside the user's gemeente, or gone. */
function refuse(change: TargetChange): never {
	if (change.status === 'forbidden') error(403, 'Dit doel ligt buiten de gemeente waarvoor u monitor bent.');
	error(404, 'Dit doel bestaat niet (meer).');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const grants = locals.user!.grants;
	const gemeenten = gemeentenAllowing(grants, 'monitor.manage');
	const db = locals.data.database.db;
	const [targets, scopes, indicators] = await Promise.all([managedTargets(db, gemeenten), scopeChoices(db), listIndicators(db)]);
	const editId = url.searchParams.get('bewerken');
	const deleteId = url.searchParams.get('verwijderen');
	const editing = editId ? targets.find((t) => t.id === editId) : undefined;
	const deleting = deleteId ? targets.find((t) => t.id === deleteId) : undefined;
	if ((editId && !editing) || (deleteId && !deleting)) error(404, 'Dit doel bestaat niet, of u mag het niet beheren.');
	const inScope = (code: string) => gemeenten == null || gemeenten.includes(code);
	return {
		gemeenten: gemeenten && gemeenten.map((code) => scopes.gemeenten.find((g) => g.code === code)?.name ?? code),
		targets: targets.map((t) => ({
			id: t.id,
			area: t.area,
			areaName: t.areaName,
			indicator: t.indicator,
			labelNl: t.labelNl,
			labelEn: t.labelEn,
			kind: t.kind,
			value: t.value,
			reference: t.reference,
			baseYear: t.baseYear,
			targetYear: t.targetYear,
			citation: t.citation,
			url: t.url,
			setBy: t.setBy,
			setOn: t.setOn,
			importedBy: t.importedBy,
			importedAt: t.importedAt.toISOString()
		})),
		focusAreas: scopes.focusAreas.filter((f) => inScope(f.gemeenteCode)),
		indicators: indicators.map((i) => ({ key: i.key, labelNl: i.labelNl, labelEn: i.labelEn })),
		editing: editing ? editing.id : null,
		deleting: deleting ? deleting.id : null,
		/** The stored fields of the target being edited, as the form's columns. */
		editValues: editing
			? {
					id: editing.id,
					gebied: editing.area,
					indicator: editing.indicator,
					soort: editing.kind,
					doelwaarde: editing.value == null ? '' : String(editing.value),
					referentie: editing.reference ?? '',
					basisjaar: String(editing.baseYear),
					doeljaar: String(editing.targetYear),
					bron: editing.citation,
					bron_url: editing.url ?? '',
					vastgesteld_door: editing.setBy,
					vastgesteld_op: editing.setOn
				}
			: null,
		saved: url.searchParams.get('opgeslagen'),
		deleted: url.searchParams.get('verwijderd')
	};
};

export const actions: Actions = {
	/** Adds a target (`mode` create) or replaces the one with the form's id (`mode` update). */
	save: async ({ request, locals }) => {
		const form = await request.formData();
		const mode = form.get('mode') === 'update' ? 'update' : 'create';
		const values = targetFields(form);
		const change = await saveTarget(locals.data.database, actor(locals), { mode, fields: values, mayManage: mayManageOf(locals.user!.grants) });
		if (change.status === 'invalid') return fail(400, { action: 'save' as const, mode, values, errors: change.errors });
		if (change.status !== 'saved') refuse(change);
		locals.data.changed();
		redirect(303, `/beheer/doelen?opgeslagen=${encodeURIComponent(change.id)}`);
	},
	delete: async ({ request, locals }) => {
		const id = String((await request.formData()).get('id') ?? '');
		const change = await deleteTarget(locals.data.database, actor(locals), id, mayManageOf(locals.user!.grants));
		if (change.status !== 'deleted') refuse(change);
		locals.data.changed();
		redirect(303, `/beheer/doelen?verwijderd=${encodeURIComponent(change.id)}`);
	},
	/** A targets file, checked like `targets:import`: all its lines or none. */
	upload: async ({ request, locals }) => {
		const up = await uploadedFile(request);
		if (!up.file) return up.refused;
		const file = { name: up.file.name || 'doelen.csv', bytes: up.file.bytes };
		return importUpload(up.file.name, async () => {
			const r = await importTargetText(locals.data.database, file, { actor: actor(locals), mayManage: mayManageOf(locals.user!.grants) });
			if (r.status === 'imported') locals.data.changed();
			return r;
		});
	}
};
