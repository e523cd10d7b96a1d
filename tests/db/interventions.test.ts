/**
 * Interventions on every engine, against the synthetic package
 * (tests/fixtures/package.ts: focus area test-noord = wijken WK059901 and
 * WK059902 in GM0599, test-zuid = buurt BU05990301, test-dorp in GM9999):
 * a file stored with its batch and audit rows, a file with bad lines refused
 * line by line with nothing changed, replacement by id, the same file twice a
 * no-op; one intervention saved, refused and deleted on screen with the
 * rights of a coordinator and a monitor; and the queries that read them.
 * Every intervention in here is a made-up test intervention.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mayEditIntervention } from '../../src/lib/interventions/access';
import type { RoleGrant } from '../../src/lib/auth/roles';
import { deleteIntervention, saveIntervention } from '../../src/lib/server/intervention-edits';
import { importInterventionText, type MayEdit } from '../../src/lib/server/import/interventions';
import { areaInterventions, resolveArea } from '../../src/lib/server/data/area-page';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { ImportError } from '../../src/lib/server/import/problems';
import { interventionAreas, interventionsForAreas, interventionsOfFocusArea } from '../../src/lib/server/queries/interventions';
import { dataVersionRow } from '../../src/lib/server/queries/tiles';
import { writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const actor = { id: null, email: 'test (interventies)' };
const HEADER = 'id,gebied,titel,omschrijving,thema,programma,start,eind,budget,link';
const file = (...lines: string[]) => ({ name: 'interventies.csv', bytes: new TextEncoder().encode([HEADER, ...lines].join('\n') + '\n') });
const editor =
	(grants: RoleGrant[]): MayEdit =>
	(place) =>
		mayEditIntervention(grants, place);
const coordinatorNoord = editor([{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'test-noord' }]);
const coordinatorZuid = editor([{ role: 'coordinator', gemeenteCode: null, focusAreaId: 'test-zuid' }]);
const monitorDorp = editor([{ role: 'monitor', gemeenteCode: 'GM9999', focusAreaId: null }]);

const GOOD = [
	'test-a,test-noord,Testinterventie A,Een verzonnen project,gezondheid,Testprogramma,2020-01-01,2022-12-31,250000,https://example.org/a',
	'test-b,WK059901,Testinterventie B,,veiligheid,Testprogramma,2021-06-01,,,',
	'test-c,BU05990101,Testinterventie C,,gezondheid,Testprogramma,2023-03-15,2023-03-15,"1200,50",',
	'test-d,test-dorp,Testinterventie D,,bevolking,Testprogramma,2019-01-01,,0,http://example.org/d'
];

/** The form's fields for a test intervention on test-noord. */
const FIELDS: Record<string, string> = {
	id: '',
	gebied: 'test-noord',
	titel: 'Testinterventie formulier',
	omschrijving: '',
	thema: 'gezondheid',
	programma: 'Testprogramma',
	start: '2024-01-01',
	eind: '2025-12-31',
	budget: '',
	link: ''
};

describe.each(engines())('interventions on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	const counts = async () => {
		const [r] = await t.rows<{ interventions: number; batches: number; audit: number }>(
			sql`SELECT (SELECT count(*)::int FROM intervention) AS interventions, (SELECT count(*)::int FROM import_batch) AS batches, (SELECT count(*)::int FROM audit_event) AS audit`
		);
		return r;
	};
	const stored = async (id: string) =>
		(
			await t.rows<{ title: string; area: string; gemeente_code: string; budget: number | null; end_date: string | null }>(
				sql`SELECT title, area, gemeente_code, budget, end_date::text AS end_date FROM intervention WHERE id = ${id}`
			)
		)[0];
	const refusal = async (promise: Promise<unknown>) => {
		const e = await promise.then(
			() => null,
			(x: unknown) => x
		);
		expect(e).toBeInstanceOf(ImportError);
		return (e as ImportError).problems;
	};

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage();
		await importDataPackage(t, pkg.dir, pkg.options);
	});
	afterAll(async () => {
		await pkg?.cleanup();
		await t?.drop();
	});

	it('stores a good file in one batch, with the gemeente of each area and an audit row per intervention', async () => {
		const before = await counts();
		const version = await dataVersionRow(t);
		const r = await importInterventionText(t, file(...GOOD), { actor });
		expect(r).toMatchObject({ status: 'imported', count: 4 });
		expect(await counts()).toEqual({ interventions: 4, batches: before.batches + 1, audit: before.audit + 4 });
		expect(await dataVersionRow(t)).not.toBe(version);
		expect(await stored('test-a')).toEqual({ title: 'Testinterventie A', area: 'test-noord', gemeente_code: 'GM0599', budget: 250000, end_date: '2022-12-31' });
		expect(await stored('test-c')).toMatchObject({ gemeente_code: 'GM0599', budget: 1200.5 });
		expect(await stored('test-d')).toMatchObject({ gemeente_code: 'GM9999', budget: 0, end_date: null });
		const [audit] = await t.rows<{ entity: string; action: string }>(sql`SELECT entity, action FROM audit_event ORDER BY id DESC LIMIT 1`);
		expect(audit).toEqual({ entity: 'intervention', action: 'create' });
		// The same file again changes nothing.
		expect(await importInterventionText(t, file(...GOOD), { actor })).toMatchObject({ status: 'unchanged' });
		expect((await counts()).batches).toBe(before.batches + 1);
	});

	it('refuses a file with bad lines, every line with its column and reason, and changes nothing', async () => {
		const before = await counts();
		const problems = await refusal(
			importInterventionText(
				t,
				file(
					'test-a,test-noord,Vervangen?,,gezondheid,Testprogramma,2020-01-01,,,',
					'test-e,nergens,Testinterventie E,,gezondheid,Testprogramma,2020-01-01,,,',
					'test-f,test-noord,Testinterventie F,,sport,Testprogramma,2020-01-01,,,',
					'test-g,test-noord,Testinterventie G,,gezondheid,Testprogramma,2020-02-30,,,',
					'test-h,test-noord,Testinterventie H,,gezondheid,Testprogramma,2021-01-01,2020-12-31,,',
					'test-i,test-noord,Testinterventie I,,gezondheid,Testprogramma,2021-01-01,,-5,',
					'test-j,test-noord,Testinterventie J,,gezondheid,Testprogramma,2021-01-01,,veel,',
					'test-k,test-noord,Testinterventie K,,gezondheid,Testprogramma,2021-01-01,,,javascript:alert(1)',
					'test-e,test-noord,Testinterventie E2,,gezondheid,Testprogramma,2021-01-01,,,',
					'test-l,test-noord,,,gezondheid,,2021-01-01,,,',
					'test-m,GM0599,Testinterventie M,,gezondheid,Testprogramma,2021-01-01,,,'
				),
				{ actor }
			)
		);
		const got = problems.map((p) => [p.line, p.field, p.reason]);
		expect(got).toEqual([
			[3, 'gebied', expect.stringContaining('onbekend gebied nergens')],
			[4, 'thema', expect.stringContaining('onbekend thema sport')],
			[5, 'start', 'start: geen datum (JJJJ-MM-DD, bijvoorbeeld 2024-03-01)'],
			[6, 'eind', 'eind 2020-12-31 ligt voor de start 2021-01-01'],
			[7, 'budget', 'budget is negatief'],
			[8, 'budget', expect.stringContaining('budget is geen bedrag')],
			[9, 'link', expect.stringContaining('link is geen http(s)-adres')],
			[10, 'id', 'id test-e staat al op regel 3'],
			[11, 'titel', 'titel ontbreekt'],
			[11, 'programma', 'programma ontbreekt'],
			[12, 'gebied', expect.stringContaining('onbekend gebied GM0599')]
		]);
		expect(problems.every((p) => p.file === 'interventies.csv')).toBe(true);
		expect(await counts()).toEqual(before);
		expect((await stored('test-a')).title).toBe('Testinterventie A');
	});

	it('replaces an intervention of the same id and keeps the others', async () => {
		const r = await importInterventionText(t, file('test-a,test-noord,Testinterventie A (nieuw),,gezondheid,Testprogramma,2020-01-01,,,'), { actor });
		expect(r.status).toBe('imported');
		expect(await stored('test-a')).toMatchObject({ title: 'Testinterventie A (nieuw)', end_date: null, budget: null });
		expect((await counts()).interventions).toBe(4);
		const [audit] = await t.rows<{ action: string; before: { title: string } }>(sql`SELECT action, before FROM audit_event ORDER BY id DESC LIMIT 1`);
		expect(audit.action).toBe('update');
		expect(audit.before.title).toBe('Testinterventie A');
	});

	it('refuses an uploaded line outside the areas the user may edit', async () => {
		const before = await counts();
		const problems = await refusal(
			importInterventionText(t, file('test-z,test-dorp,Testinterventie Z,,gezondheid,Testprogramma,2020-01-01,,,'), { actor, mayEdit: coordinatorNoord })
		);
		expect(problems.map((p) => [p.line, p.field])).toEqual([[2, 'gebied']]);
		// Moving another area's intervention into one's own is refused too.
		const moved = await refusal(
			importInterventionText(t, file('test-d,test-noord,Testinterventie D,,gezondheid,Testprogramma,2020-01-01,,,'), { actor, mayEdit: coordinatorNoord })
		);
		expect(moved.map((p) => [p.line, p.field])).toEqual([[2, 'id']]);
		expect(await counts()).toEqual(before);
	});

	it('lets a coordinator save in their focus area and its wijken and buurten, and refuses them elsewhere', async () => {
		const before = await counts();
		const r = await saveIntervention(t, actor, { mode: 'create', fields: { ...FIELDS, gebied: 'BU05990102' }, mayEdit: coordinatorNoord });
		expect(r).toMatchObject({ status: 'saved', action: 'create' });
		const id = (r as { id: string }).id;
		expect(id).toMatch(/^i-[0-9a-f]{10}$/);
		expect(await stored(id)).toMatchObject({ area: 'BU05990102', gemeente_code: 'GM0599' });
		expect(await counts()).toEqual({ interventions: before.interventions + 1, batches: before.batches + 1, audit: before.audit + 1 });

		expect(await saveIntervention(t, actor, { mode: 'create', fields: { ...FIELDS, gebied: 'test-zuid' }, mayEdit: coordinatorNoord })).toEqual({
			status: 'forbidden'
		});
		expect(await saveIntervention(t, actor, { mode: 'update', fields: { ...FIELDS, id, titel: 'Overgenomen' }, mayEdit: coordinatorZuid })).toEqual({
			status: 'forbidden'
		});
		expect(await deleteIntervention(t, actor, id, coordinatorZuid)).toEqual({ status: 'forbidden' });
		expect(await deleteIntervention(t, actor, 'test-d', coordinatorNoord)).toEqual({ status: 'forbidden' });
		expect((await counts()).interventions).toBe(before.interventions + 1);

		expect(await deleteIntervention(t, actor, id, coordinatorNoord)).toEqual({ status: 'deleted', id });
		expect(await stored(id)).toBeUndefined();
		const [audit] = await t.rows<{ action: string; entity: string; after: unknown }>(
			sql`SELECT action, entity, after FROM audit_event ORDER BY id DESC LIMIT 1`
		);
		expect(audit).toEqual({ action: 'delete', entity: 'intervention', after: null });
	});

	it('refuses bad fields one by one with the file importer’s reasons, keeping nothing', async () => {
		const before = await counts();
		const r = await saveIntervention(t, actor, { mode: 'create', fields: { ...FIELDS, eind: '2023-01-01', budget: 'veel' }, mayEdit: coordinatorNoord });
		expect(r).toEqual({
			status: 'invalid',
			errors: { eind: 'eind 2023-01-01 ligt voor de start 2024-01-01', budget: expect.stringContaining('budget is geen bedrag') }
		});
		expect(await saveIntervention(t, actor, { mode: 'create', fields: { ...FIELDS, id: 'test-b' }, mayEdit: coordinatorNoord })).toEqual({
			status: 'invalid',
			errors: { id: 'er is al een interventie met id test-b' }
		});
		expect(await saveIntervention(t, actor, { mode: 'update', fields: { ...FIELDS, id: 'bestaat-niet' }, mayEdit: coordinatorNoord })).toEqual({
			status: 'not-found'
		});
		expect(await counts()).toEqual(before);
	});

	it('lets a monitor edit in their gemeente only', async () => {
		const r = await saveIntervention(t, actor, {
			mode: 'update',
			fields: { ...FIELDS, id: 'test-d', gebied: 'test-dorp', thema: 'bevolking' },
			mayEdit: monitorDorp
		});
		expect(r).toEqual({ status: 'saved', id: 'test-d', action: 'update' });
		expect(await saveIntervention(t, actor, { mode: 'update', fields: { ...FIELDS, id: 'test-b', gebied: 'WK059901' }, mayEdit: monitorDorp })).toEqual({
			status: 'forbidden'
		});
	});

	it('reads a focus area’s interventions with those on its wijken and their buurten, and knows each area', async () => {
		expect((await interventionsOfFocusArea(t.db, 'test-noord')).map((i) => i.id)).toEqual(['test-a', 'test-b', 'test-c']);
		expect((await interventionsOfFocusArea(t.db, 'test-zuid')).map((i) => i.id)).toEqual([]);
		expect((await interventionsForAreas(t.db, ['WK059901'])).map((i) => i.id)).toEqual(['test-b']);
		const areas = await interventionAreas(t.db, ['test-noord', 'WK059902', 'BU05990101', 'BU05990301', 'GM0599', 'nergens']);
		expect(Object.fromEntries([...areas].map(([k, a]) => [k, [a.kind, a.gemeente, a.focusAreas]]))).toEqual({
			'test-noord': ['focus', 'GM0599', ['test-noord']],
			WK059902: ['wijk', 'GM0599', ['test-noord']],
			BU05990101: ['buurt', 'GM0599', ['test-noord']],
			BU05990301: ['buurt', 'GM0599', ['test-zuid']]
		});
	});
	it('shows on an area page what was done there: a wijk with its buurten and focus areas, a buurt with its wijk, a gemeente all', async () => {
		const shown = async (id: string) => (await areaInterventions(t.db, (await resolveArea(t.db, id))!.subject)).map((i) => i.id);
		expect(await shown('test-noord')).toEqual(['test-a', 'test-b', 'test-c']);
		expect(await shown('WK059901')).toEqual(['test-a', 'test-b', 'test-c']);
		expect(await shown('WK059902')).toEqual(['test-a']);
		expect(await shown('BU05990102')).toEqual(['test-a', 'test-b']);
		expect(await shown('BU05990301')).toEqual([]);
		expect(await shown('GM0599')).toEqual(['test-a', 'test-b', 'test-c']);
		expect(await shown('test-dorp')).toEqual(['test-d']);
	});
});
