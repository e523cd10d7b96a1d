import { error, fail, redirect } from '@sveltejs/kit';
import { coordinatedAreas, gemeentenAllowing, type RoleGrant } from '$lib/auth/roles';
import { mayEditIntervention } from '$lib/interventions/access';
import type { Actor } from '$lib/server/auth/audit';
import { fields } from '$lib/server/auth/forms';
import { scopeChoices } from '$lib/server/auth/scopes';
import { deleteIntervention, saveIntervention, type InterventionChange } from '$lib/server/intervention-edits';
import { importInterventionText, INTERVENTION_COLUMNS, type MayEdit } from '$lib/server/import/interventions';
import { importUpload, uploadedFile } from '$lib/server/import/upload';
import { interventionAreas, interventionsInGemeenten, interventionThemes } from '$lib/server/queries/interventions';
import type { Actions, PageServerLoad } from './$types';

/** The guard let in a coordinator or a monitor; each intervention is checked against its own area. */
const mayEditOf =
	(grants: RoleGrant[]): MayEdit =>
	(place) =>
		mayEditIntervention(grants, place);

const actor = (locals: App.Locals): Actor => locals.user!;

/** The form's fields as the CSV's columns, every one present. */
function interventionFields(form: FormData): Record<string, string> {
	const raw = fields(form);
	return Object.fromEntries(INTERVENTION_COLUMNS.map((c) => [c, raw[c] ?? '']));
}

/** A refusal the form cannot show: outside the user's areas, or gone. */
function refuse(change: InterventionChange): never {
	if (change.status === 'forbidden') error(403, 'Deze interventie ligt buiten de gebieden waarvoor u interventies mag wijzigen.');
	error(404, 'Deze interventie bestaat niet (meer).');
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const grants = locals.user!.grants;
	const db = locals.data.database.db;
	const [scopes, themes] = await Promise.all([scopeChoices(db), interventionThemes(db)]);
	// The gemeenten to look in: a monitor's own (null: all), and those of the coordinated focus areas.
	const monitored = gemeentenAllowing(grants, 'monitor.manage');
	const coordinated = coordinatedAreas(grants);
	const gemeenten =
		monitored == null ? null : [...new Set([...monitored, ...scopes.focusAreas.filter((f) => coordinated.includes(f.id)).map((f) => f.gemeenteCode)])];
	const stored = await interventionsInGemeenten(db, gemeenten);
	const areas = await interventionAreas(db, [...new Set(stored.map((i) => i.area))]);
	const mine = stored.filter((i) => {
		const a = areas.get(i.area);
		return a != null && mayEditIntervention(grants, a);
	});
	const editId = url.searchParams.get('bewerken');
	const deleteId = url.searchParams.get('verwijderen');
	const editing = editId ? mine.find((i) => i.id === editId) : undefined;
	const deleting = deleteId ? mine.find((i) => i.id === deleteId) : undefined;
	if ((editId && !editing) || (deleteId && !deleting)) error(404, 'Deze interventie bestaat niet, of u mag haar niet wijzigen.');
	return {
		national: monitored == null,
		gemeenten: (monitored ?? []).map((code) => scopes.gemeenten.find((g) => g.code === code)?.name ?? code),
		coordinated: scopes.focusAreas.filter((f) => coordinated.includes(f.id)).map((f) => f.name),
		interventions: mine.map((i) => ({
			id: i.id,
			area: i.area,
			areaName: areas.get(i.area)?.name ?? i.area,
			title: i.title,
			theme: i.theme,
			programme: i.programme,
			startDate: i.startDate,
			endDate: i.endDate,
			budget: i.budget,
			url: i.url,
			updatedBy: i.updatedBy
		})),
		themes: [...themes].map(([key, v]) => ({ key, nl: v.nl, en: v.en })),
		/** The focus areas the user may set interventions on (a wijk or buurt code may be typed too). */
		focusAreas: scopes.focusAreas.filter((f) => mayEditIntervention(grants, { gemeente: f.gemeenteCode, focusAreas: [f.id] })),
		editing: editing ? editing.id : null,
		deleting: deleting ? deleting.id : null,
		/** The stored fields of the intervention being edited, as the form's columns. */
		editValues: editing
			? {
					id: editing.id,
					gebied: editing.area,
					titel: editing.title,
					omschrijving: editing.description,
					thema: editing.theme,
					programma: editing.programme,
					start: editing.startDate,
					eind: editing.endDate ?? '',
					budget: editing.budget == null ? '' : String(editing.budget),
					link: editing.url ?? ''
				}
			: null,
		saved: url.searchParams.get('opgeslagen'),
		deleted: url.searchParams.get('verwijderd')
	};
};

export const actions: Actions = {
	/** Adds an intervention (`mode` create) or replaces the one with the form's id (`mode` update). */
	save: async ({ request, locals }) => {
		const form = await request.formData();
		const mode = form.get('mode') === 'update' ? 'update' : 'create';
		const values = interventionFields(form);
		const change = await saveIntervention(locals.data.database, actor(locals), { mode, fields: values, mayEdit: mayEditOf(locals.user!.grants) });
		if (change.status === 'invalid') return fail(400, { action: 'save' as const, mode, values, errors: change.errors });
		if (change.status !== 'saved') refuse(change);
		locals.data.changed();
		redirect(303, `/beheer/interventies?opgeslagen=${encodeURIComponent(change.id)}`);
	},
	delete: async ({ request, locals }) => {
		const id = String((await request.formData()).get('id') ?? '');
		const change = await deleteIntervention(locals.data.database, actor(locals), id, mayEditOf(locals.user!.grants));
		if (change.status !== 'deleted') refuse(change);
		locals.data.changed();
		redirect(303, `/beheer/interventies?verwijderd=${encodeURIComponent(change.id)}`);
	},
	/** An interventions file, checked like `interventions:import`: all its lines or none. */
	upload: async ({ request, locals }) => {
		const up = await uploadedFile(request);
		if (!up.file) return up.refused;
		const file = { name: up.file.name || 'interventies.csv', bytes: up.file.bytes };
		return importUpload(up.file.name, async () => {
			const r = await importInterventionText(locals.data.database, file, { actor: actor(locals), mayEdit: mayEditOf(locals.user!.grants) });
			if (r.status === 'imported') locals.data.changed();
			return r;
		});
	}
};
