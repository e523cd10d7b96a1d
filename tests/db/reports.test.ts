/**
 * Progress reports on every engine, against the synthetic package
 * (tests/fixtures/package.ts: focus areas test-noord and test-zuid in GM0599,
 * test-dorp in GM9999): opening with a snapshot, every workflow step allowed
 * and refused (refusals change nothing), a published report immutable (also
 * to the database itself), a later import leaving it byte for byte, a
 * correction as a new version, and the cadence per programme.
 */
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleGrant } from '../../src/lib/auth/roles';
import { diffSnapshots } from '../../src/lib/reports/snapshot';
import { periodOf, previousPeriod } from '../../src/lib/reports/periods';
import { Data } from '../../src/lib/server/data/index';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { reportById } from '../../src/lib/server/queries/reports';
import { correctReport, openReport, refreshSnapshot, reportCsv, saveNarrative, setCadence, snapshotOf, stepReport } from '../../src/lib/server/reports';
import { baseSpec, OBS, writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const grant = (role: RoleGrant['role'], gemeenteCode: string | null, focusAreaId: string | null = null): RoleGrant[] => [{ role, gemeenteCode, focusAreaId }];
const COORDINATOR = grant('coordinator', null, 'test-noord');
const OTHER_COORDINATOR = grant('coordinator', null, 'test-zuid');
const WETHOUDER = grant('wethouder', 'GM0599');
const MONITOR = grant('monitor', 'GM0599');
const OTHER_MONITOR = grant('monitor', 'GM9999');
const NATIONAL = grant('monitor', null);
const actor = (name: string) => ({ id: null, email: `${name}@example.org` });
const sha256 = (x: string | Uint8Array) => createHash('sha256').update(x).digest('hex');

describe.each(engines())('progress reports on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	let data: Data;
	const now = periodOf(new Date(), 'halfjaar');
	let id = 0;

	/** The report row and the number of audit rows: what a refusal must leave alone. */
	const state = async (reportId = id) => {
		const row = await reportById(t.db, reportId);
		const [{ n }] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM audit_event`);
		return { row, audit: n };
	};
	const refusedWithoutChange = async (work: () => Promise<unknown>, expected: { status: number; message: string }) => {
		const before = await state();
		expect(await work()).toMatchObject({ ok: false, ...expected });
		expect(await state()).toEqual(before);
	};

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage();
		await importDataPackage(t, pkg.dir, pkg.options);
		data = new Data(t, { suppression: { minPopulation: 0, minCount: 0 } });
	}, 120_000);
	afterAll(async () => {
		await pkg?.cleanup();
		await t?.drop();
	});

	it('opens a report with a snapshot of the area page and its hash; refuses those who may not, bad periods and a second one', async () => {
		for (const [grants, status] of [
			[OTHER_COORDINATOR, 403],
			[WETHOUDER, 403],
			[OTHER_MONITOR, 403]
		] as const) {
			const before = await t.rows(sql`SELECT count(*)::int AS n FROM report`);
			expect(await openReport(data, actor('x'), [...grants], { focusAreaId: 'test-noord', period: now.label })).toMatchObject({ ok: false, status });
			expect(await t.rows(sql`SELECT count(*)::int AS n FROM report`)).toEqual(before);
		}
		expect(await openReport(data, actor('c'), COORDINATOR, { focusAreaId: 'test-noord', period: '2019-H1' })).toMatchObject({
			status: 400,
			message: 'report.error.period'
		});
		expect(await openReport(data, actor('c'), COORDINATOR, { focusAreaId: 'nergens', period: now.label })).toMatchObject({
			status: 400,
			message: 'report.error.area'
		});

		const r = await openReport(data, actor('c'), COORDINATOR, { focusAreaId: 'test-noord', period: now.label });
		expect(r.ok).toBe(true);
		id = (r as { id: number }).id;
		const row = (await reportById(t.db, id))!;
		expect(row).toMatchObject({ status: 'concept', version: 1, gemeenteCode: 'GM0599', programme: 'NPLV', period: now.label, createdBy: 'c@example.org' });
		expect(row.snapshotHash).toBe(sha256(row.snapshot));
		const s = snapshotOf(row);
		expect(s.page.subject.id).toBe('test-noord');
		expect(s.dataVersion).toBe(await data.version());
		// The figures are the area page's: obesity of the focus area in 2020 as the page computes it.
		const page = (await data.areaPage('test-noord', { references: null, extra: [], indicators: null }))!;
		const obesity = (p: typeof page | typeof s.page) =>
			p.themes
				.flatMap((th) => th.indicators)
				.find((i) => i.key === 'obesitas_pct')!
				.series.find((x) => x.role === 'area')!.points;
		expect(obesity(s.page)).toEqual(obesity(page));
		const [audit] = await t.rows<{ action: string; entity: string; entity_id: string }>(
			sql`SELECT action, entity, entity_id FROM audit_event ORDER BY id DESC LIMIT 1`
		);
		expect(audit).toEqual({ action: 'create', entity: 'report', entity_id: String(id) });

		expect(await openReport(data, actor('m'), MONITOR, { focusAreaId: 'test-noord', period: now.label })).toMatchObject({
			ok: false,
			status: 409,
			message: 'report.error.exists',
			id
		});
	});

	it('lets the coordinator write and submit, a monitor send back, approve and publish; refuses every other step and changes nothing', async () => {
		// The CSV starts with a byte-order mark, as the real one does: it must come back with it.
		const files = { pdf: new TextEncoder().encode('%PDF-1.7 synthetisch'), csv: '\uFEFFa,b\r\n1,2\r\n' };
		// Concept: only the writer writes and submits; the monitor cannot approve or publish yet.
		await refusedWithoutChange(() => saveNarrative(data, actor('m'), MONITOR, id, 'Tekst van de monitor'), { status: 403, message: 'report.refused.role' });
		await refusedWithoutChange(() => stepReport(data, actor('m'), MONITOR, id, 'indienen'), { status: 403, message: 'report.refused.role' });
		await refusedWithoutChange(() => stepReport(data, actor('m'), MONITOR, id, 'goedkeuren'), { status: 409, message: 'report.refused.status' });
		await refusedWithoutChange(() => stepReport(data, actor('m'), MONITOR, id, 'publiceren', files), { status: 409, message: 'report.refused.status' });
		await refusedWithoutChange(() => stepReport(data, actor('c'), COORDINATOR, id, 'goedkeuren'), { status: 403, message: 'report.refused.role' });
		// Someone who may not even read the draft is told it does not exist.
		await refusedWithoutChange(() => stepReport(data, actor('o'), OTHER_MONITOR, id, 'indienen'), { status: 404, message: 'report.notFound' });
		await refusedWithoutChange(() => saveNarrative(data, actor('z'), OTHER_COORDINATOR, id, 'x'), { status: 404, message: 'report.notFound' });
		await refusedWithoutChange(() => saveNarrative(data, actor('c'), COORDINATOR, id, 'x'.repeat(20_001)), {
			status: 400,
			message: 'report.error.narrativeLength'
		});
		await refusedWithoutChange(() => stepReport(data, actor('w'), WETHOUDER, id, 'goedkeuren'), { status: 403, message: 'report.refused.role' });

		expect(await saveNarrative(data, actor('c'), COORDINATOR, id, '## Toelichting\r\n\r\nDe **eerste** helft.')).toEqual({ ok: true, id });
		expect((await reportById(t.db, id))!.narrative).toBe('## Toelichting\n\nDe **eerste** helft.');
		expect(await refreshSnapshot(data, actor('m'), MONITOR, id)).toEqual({ ok: true, id });
		expect(await stepReport(data, actor('c'), COORDINATOR, id, 'indienen')).toEqual({ ok: true, id });
		expect((await reportById(t.db, id))!).toMatchObject({ status: 'ingediend', submittedBy: 'c@example.org' });

		// Ingediend: text and figures are fixed; submitting twice is refused.
		await refusedWithoutChange(() => saveNarrative(data, actor('c'), COORDINATOR, id, 'later'), { status: 409, message: 'report.refused.notConcept' });
		await refusedWithoutChange(() => refreshSnapshot(data, actor('c'), COORDINATOR, id), { status: 409, message: 'report.refused.notConcept' });
		await refusedWithoutChange(() => stepReport(data, actor('c'), COORDINATOR, id, 'indienen'), { status: 409, message: 'report.refused.status' });
		await refusedWithoutChange(() => stepReport(data, actor('m'), MONITOR, id, 'publiceren', files), { status: 409, message: 'report.refused.status' });

		expect(await stepReport(data, actor('m'), MONITOR, id, 'terugsturen')).toEqual({ ok: true, id });
		expect((await reportById(t.db, id))!.status).toBe('concept');
		expect(await stepReport(data, actor('c'), COORDINATOR, id, 'indienen')).toEqual({ ok: true, id });
		expect(await stepReport(data, actor('n'), NATIONAL, id, 'goedkeuren')).toEqual({ ok: true, id });
		expect((await reportById(t.db, id))!).toMatchObject({ status: 'goedgekeurd', approvedBy: 'n@example.org' });

		await refusedWithoutChange(() => stepReport(data, actor('m'), MONITOR, id, 'publiceren'), { status: 409, message: 'report.error.files' });
		await refusedWithoutChange(() => stepReport(data, actor('c'), COORDINATOR, id, 'publiceren', files), { status: 403, message: 'report.refused.role' });
		expect(await stepReport(data, actor('m'), MONITOR, id, 'publiceren', files)).toEqual({ ok: true, id });
		const row = (await reportById(t.db, id))!;
		expect(row).toMatchObject({ status: 'gepubliceerd', publishedBy: 'm@example.org', csvHash: sha256(files.csv), pdfHash: sha256(files.pdf) });
		expect(Buffer.from(row.csv!).toString('utf8')).toBe(files.csv);
		expect(Buffer.from(row.pdf!).equals(Buffer.from(files.pdf))).toBe(true);
		const steps = await t.rows<{ action: string }>(sql`SELECT action FROM audit_event WHERE entity = 'report' AND entity_id = ${String(id)} ORDER BY id`);
		expect(steps.map((s) => s.action)).toEqual(['create', 'narrative', 'snapshot', 'indienen', 'terugsturen', 'indienen', 'goedkeuren', 'publiceren']);
	});

	it('keeps a published report as it is: every step refused, and the database itself refuses a change', async () => {
		for (const [work, message] of [
			[() => saveNarrative(data, actor('c'), COORDINATOR, id, 'anders'), 'report.refused.published'],
			[() => refreshSnapshot(data, actor('c'), COORDINATOR, id), 'report.refused.published'],
			[() => stepReport(data, actor('m'), MONITOR, id, 'terugsturen'), 'report.refused.published'],
			[() => stepReport(data, actor('m'), MONITOR, id, 'publiceren', { pdf: null, csv: '' }), 'report.refused.published']
		] as const)
			await refusedWithoutChange(work, { status: 409, message });
		const before = await state();
		await expect(t.db.execute(sql`UPDATE report SET narrative = 'stiekem' WHERE id = ${id}`)).rejects.toThrow();
		await expect(t.db.execute(sql`DELETE FROM report WHERE id = ${id}`)).rejects.toThrow();
		expect(await state()).toEqual(before);
	});

	it('leaves the published report byte for byte when a changed package is imported, and a correction takes the new figures as a new version', async () => {
		const before = (await reportById(t.db, id))!;
		const spec = baseSpec();
		spec.descriptor.created = '2024-07-01T00:00:00Z';
		spec.files[OBS.rivm] = spec.files[OBS.rivm].replace('WK059901,wijk,2020,obesitas_pct,22.0', 'WK059901,wijk,2020,obesitas_pct,29.0');
		await pkg.rewrite(spec);
		const versionBefore = await data.version();
		await importDataPackage(t, pkg.dir, pkg.options);
		data.changed();
		expect(await data.version()).not.toBe(versionBefore);

		const after = (await reportById(t.db, id))!;
		expect(after).toEqual(before);
		expect(sha256(after.snapshot)).toBe(before.snapshotHash);
		expect(reportCsv(snapshotOf(after), '')).toBe(reportCsv(snapshotOf(before), ''));

		await refusedWithoutChange(() => correctReport(data, actor('w'), WETHOUDER, id), { status: 403, message: 'report.refused.role' });
		const c = await correctReport(data, actor('c'), COORDINATOR, id);
		expect(c.ok).toBe(true);
		const v2 = (await reportById(t.db, (c as { id: number }).id))!;
		expect(v2).toMatchObject({ version: 2, replacesId: id, status: 'concept', narrative: before.narrative, period: before.period });
		expect(v2.snapshotHash).not.toBe(before.snapshotHash);
		const diff = diffSnapshots(snapshotOf(before), snapshotOf(v2));
		expect(diff.figures.map((f) => f.key)).toContain('obesitas_pct');
		expect(diff.figures.find((f) => f.key === 'obesitas_pct')!.after!.value).toBeGreaterThan(diff.figures.find((f) => f.key === 'obesitas_pct')!.before!.value);
		// Only the newest version is corrected, and a draft is changed, not corrected.
		await refusedWithoutChange(() => correctReport(data, actor('c'), COORDINATOR, id), { status: 409, message: 'report.error.newerVersion' });
		await refusedWithoutChange(() => correctReport(data, actor('c'), COORDINATOR, v2.id), { status: 409, message: 'report.error.correctDraft' });
	});

	it('lets a national monitor set a programme’s cadence; a report is then opened per quarter', async () => {
		expect(await setCadence(data, actor('m'), MONITOR, 'NPLV', 'kwartaal')).toMatchObject({ ok: false, status: 403 });
		expect(await t.rows(sql`SELECT * FROM reporting_cadence`)).toEqual([]);
		expect(await setCadence(data, actor('n'), NATIONAL, 'NPLV', 'kwartaal')).toMatchObject({ ok: true });
		const half = previousPeriod(now).label;
		expect(await openReport(data, actor('m'), MONITOR, { focusAreaId: 'test-zuid', period: half })).toMatchObject({
			status: 400,
			message: 'report.error.period'
		});
		const quarter = periodOf(new Date(), 'kwartaal').label;
		expect(await openReport(data, actor('m'), OTHER_MONITOR, { focusAreaId: 'test-dorp', period: quarter })).toMatchObject({ ok: true });
	});
});
