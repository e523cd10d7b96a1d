/**
 * Programme targets changed on screen (/beheer/doelen), on every engine,
 * against the synthetic package (tests/fixtures/package.ts: focus area
 * test-noord in GM0599, test-dorp in GM9999): one target saved, replaced and
 * deleted with its batch and audit row, refused field by field with nothing
 * written, refused outside the user's gemeente; a file uploaded all or
 * nothing; the list of targets a monitor manages. The targets in here are test
 * targets, not published ones.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { ImportError } from '../../src/lib/server/import/problems';
import { importTargetText, TARGET_COLUMNS, type MayManage } from '../../src/lib/server/import/targets';
import { managedTargets } from '../../src/lib/server/queries/targets';
import { dataVersionRow } from '../../src/lib/server/queries/tiles';
import { deleteTarget, saveTarget } from '../../src/lib/server/target-edits';
import { writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const actor = { id: null, email: 'test (doelen beheren)' };
const national: MayManage = () => true;
const gemeente =
	(code: string): MayManage =>
	(g) =>
		g === code;

/** The form's fields for a value target on test-noord (GM0599); obesity there is synthetic. */
const FIELDS: Record<string, string> = {
	id: 'test-noord-obesitas',
	gebied: 'test-noord',
	indicator: 'obesitas_pct',
	soort: 'waarde',
	doelwaarde: '18,5',
	referentie: '',
	basisjaar: '2016',
	doeljaar: '2030',
	bron: 'Testdoel (verzonnen)',
	bron_url: '',
	vastgesteld_door: 'testsuite',
	vastgesteld_op: '2026-02'
};

describe.each(engines())('targets managed on screen on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	const counts = async () => {
		const [r] = await t.rows<{ targets: number; batches: number; audit: number }>(
			sql`SELECT (SELECT count(*)::int FROM target) AS targets, (SELECT count(*)::int FROM import_batch) AS batches, (SELECT count(*)::int FROM audit_event) AS audit`
		);
		return r;
	};
	const lastAudit = async () => {
		const [r] = await t.rows<{ action: string; entity: string; entity_id: string; actor: string; before: unknown; after: unknown }>(
			sql`SELECT action, entity, entity_id, actor, before, after FROM audit_event ORDER BY id DESC LIMIT 1`
		);
		return r;
	};
	const stored = async (id: string) => (await t.rows<{ value: number | null; area: string }>(sql`SELECT value, area FROM target WHERE id = ${id}`))[0];

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage();
		await importDataPackage(t, pkg.dir, pkg.options);
	});
	afterAll(async () => {
		await pkg?.cleanup();
		await t?.drop();
	});

	it('refuses bad fields one by one, with the reasons of the file importer, and writes nothing', async () => {
		const before = await counts();
		const r = await saveTarget(t, actor, {
			mode: 'create',
			fields: { ...FIELDS, doelwaarde: 'achttien', doeljaar: '2010' },
			mayManage: national
		});
		expect(r).toEqual({
			status: 'invalid',
			errors: { doelwaarde: 'doelwaarde is geen getal (bijvoorbeeld 12,5 of 12.5)', doeljaar: 'doeljaar 2010 ligt niet na het basisjaar 2016' }
		});
		const years = await saveTarget(t, actor, { mode: 'create', fields: { ...FIELDS, doeljaar: '2010' }, mayManage: national });
		expect(years).toEqual({ status: 'invalid', errors: { doeljaar: 'doeljaar 2010 ligt niet na het basisjaar 2016' } });
		const unknown = await saveTarget(t, actor, { mode: 'create', fields: { ...FIELDS, gebied: 'nergens', indicator: 'geluk_pct' }, mayManage: national });
		expect(unknown.status).toBe('invalid');
		expect(Object.keys((unknown as { errors: Record<string, string> }).errors).sort()).toEqual(['gebied', 'indicator']);
		expect((unknown as { errors: Record<string, string> }).errors.gebied).toMatch(/onbekend gebied nergens/);
		expect(await counts()).toEqual(before);
	});

	it('adds a target with its batch (a new data version) and an audit row with the values after', async () => {
		const before = await counts();
		const version = await dataVersionRow(t);
		const r = await saveTarget(t, actor, { mode: 'create', fields: FIELDS, mayManage: gemeente('GM0599') });
		expect(r).toEqual({ status: 'saved', id: 'test-noord-obesitas', action: 'create' });
		expect(await counts()).toEqual({ targets: before.targets + 1, batches: before.batches + 1, audit: before.audit + 1 });
		expect(await dataVersionRow(t)).not.toBe(version);
		expect(Number((await stored('test-noord-obesitas')).value)).toBe(18.5);
		const audit = await lastAudit();
		expect(audit).toMatchObject({ action: 'create', entity: 'target', entity_id: 'test-noord-obesitas', actor: actor.email, before: null });
		expect(audit.after).toMatchObject({ id: 'test-noord-obesitas', area: 'test-noord', value: 18.5, kind: 'waarde', baseYear: 2016, targetYear: 2030 });

		// The same id again is not a new target.
		const again = await saveTarget(t, actor, { mode: 'create', fields: FIELDS, mayManage: national });
		expect(again).toEqual({ status: 'invalid', errors: { id: 'er is al een doel met id test-noord-obesitas' } });
	});

	it('replaces a target and keeps the values before and after in the audit trail', async () => {
		const r = await saveTarget(t, actor, { mode: 'update', fields: { ...FIELDS, doelwaarde: '17' }, mayManage: national });
		expect(r).toEqual({ status: 'saved', id: 'test-noord-obesitas', action: 'update' });
		expect(Number((await stored('test-noord-obesitas')).value)).toBe(17);
		const audit = await lastAudit();
		expect(audit.action).toBe('update');
		expect(audit.before).toMatchObject({ value: 18.5 });
		expect(audit.after).toMatchObject({ value: 17 });
		expect(await saveTarget(t, actor, { mode: 'update', fields: { ...FIELDS, id: 'test-bestaat-niet' }, mayManage: national })).toEqual({
			status: 'not-found'
		});
	});

	it('refuses a municipal monitor a target outside their gemeente, before and after the change, and writes nothing', async () => {
		const before = await counts();
		const elsewhere = gemeente('GM9999');
		expect(await saveTarget(t, actor, { mode: 'update', fields: { ...FIELDS, doelwaarde: '10' }, mayManage: elsewhere })).toEqual({ status: 'forbidden' });
		expect(await deleteTarget(t, actor, 'test-noord-obesitas', elsewhere)).toEqual({ status: 'forbidden' });
		// Moving their own target into another gemeente is refused too.
		expect(await saveTarget(t, actor, { mode: 'update', fields: { ...FIELDS, gebied: 'test-dorp' }, mayManage: gemeente('GM0599') })).toEqual({
			status: 'forbidden'
		});
		expect(
			await saveTarget(t, actor, { mode: 'create', fields: { ...FIELDS, id: 'test-dorp-obesitas', gebied: 'test-dorp' }, mayManage: gemeente('GM0599') })
		).toEqual({
			status: 'forbidden'
		});
		expect(await counts()).toEqual(before);
		expect(Number((await stored('test-noord-obesitas')).value)).toBe(17);
	});

	it('lists the targets a monitor manages: in their gemeente (of a focus area or a CBS code), or all', async () => {
		await saveTarget(t, actor, { mode: 'create', fields: { ...FIELDS, id: 'test-wijk-obesitas', gebied: 'WK059901' }, mayManage: national });
		await saveTarget(t, actor, { mode: 'create', fields: { ...FIELDS, id: 'test-dorp-obesitas', gebied: 'test-dorp' }, mayManage: national });
		const ids = async (g: string[] | null) => (await managedTargets(t.db, g)).map((r) => [r.id, r.gemeente, r.areaName]);
		expect(await ids(['GM0599'])).toEqual([
			['test-noord-obesitas', 'GM0599', expect.any(String)],
			['test-wijk-obesitas', 'GM0599', 'Noordwijk (synthetisch)']
		]);
		expect(await ids(['GM9999'])).toEqual([['test-dorp-obesitas', 'GM9999', 'Testdorp Kern (synthetisch)']]);
		expect((await ids(null)).map(([id]) => id)).toEqual(['test-dorp-obesitas', 'test-noord-obesitas', 'test-wijk-obesitas']);
		const [row] = await managedTargets(t.db, ['GM9999']);
		expect(row.labelNl).toBeTruthy();
	});

	it('deletes a target with a batch and an audit row holding what was deleted', async () => {
		const before = await counts();
		const version = await dataVersionRow(t);
		expect(await deleteTarget(t, actor, 'test-wijk-obesitas', gemeente('GM0599'))).toEqual({ status: 'deleted', id: 'test-wijk-obesitas' });
		expect(await counts()).toEqual({ targets: before.targets - 1, batches: before.batches + 1, audit: before.audit + 1 });
		expect(await dataVersionRow(t)).not.toBe(version);
		const audit = await lastAudit();
		expect(audit).toMatchObject({ action: 'delete', entity_id: 'test-wijk-obesitas', after: null });
		expect(audit.before).toMatchObject({ id: 'test-wijk-obesitas', area: 'WK059901' });
		expect(await deleteTarget(t, actor, 'test-wijk-obesitas', national)).toEqual({ status: 'not-found' });
	});

	it('takes an uploaded file all or nothing, and refuses lines outside the gemeente of a municipal monitor', async () => {
		const csv = (lines: Record<string, string>[]) =>
			new TextEncoder().encode([TARGET_COLUMNS.join(';'), ...lines.map((l) => TARGET_COLUMNS.map((c) => l[c]).join(';'))].join('\n') + '\n');
		const good = { ...FIELDS, id: 'test-upload-noord', doelwaarde: '16,5' };
		const before = await counts();
		const bad = await importTargetText(
			t,
			{ name: 'doelen.csv', bytes: csv([good, { ...FIELDS, id: 'test-upload-slecht', basisjaar: 'twintig' }]) },
			{ actor, mayManage: national }
		).catch((e: unknown) => e);
		expect(bad).toBeInstanceOf(ImportError);
		expect((bad as ImportError).problems.map((p) => [p.line, p.field])).toEqual([[3, 'basisjaar']]);
		expect(await counts()).toEqual(before);

		const outside = await importTargetText(
			t,
			{ name: 'doelen.csv', bytes: csv([good, { ...FIELDS, id: 'test-dorp-obesitas', gebied: 'test-dorp' }]) },
			{ actor, mayManage: gemeente('GM0599') }
		).catch((e: unknown) => e);
		expect((outside as ImportError).problems.map((p) => [p.line, p.field])).toEqual([[3, 'gebied']]);
		// Taking over another gemeente's target by its id, with an area of one's own, is refused too.
		const takeover = await importTargetText(
			t,
			{ name: 'doelen.csv', bytes: csv([{ ...FIELDS, id: 'test-dorp-obesitas' }]) },
			{ actor, mayManage: gemeente('GM0599') }
		).catch((e: unknown) => e);
		expect((takeover as ImportError).problems.map((p) => [p.line, p.field])).toEqual([[2, 'id']]);
		expect(await counts()).toEqual(before);

		const r = await importTargetText(t, { name: 'doelen.csv', bytes: csv([good]) }, { actor, mayManage: gemeente('GM0599') });
		expect(r).toMatchObject({ status: 'imported', count: 1 });
		expect(await counts()).toEqual({ targets: before.targets + 1, batches: before.batches + 1, audit: before.audit + 1 });
		expect(Number((await stored('test-upload-noord')).value)).toBe(16.5);
		expect(await lastAudit()).toMatchObject({ action: 'create', entity_id: 'test-upload-noord', before: null });
	});
});
