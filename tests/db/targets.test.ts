/**
 * Programme targets against the synthetic package (tests/fixtures/package.ts),
 * on every engine: the CSV import (line-by-line refusal that changes nothing,
 * replacement by id, the same file twice), the data version it bumps, and the
 * targets on the area page with their glide path and status. The targets in
 * here are test targets, not published ones.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { areaPage } from '../../src/lib/server/data/area-page';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { ImportError } from '../../src/lib/server/import/problems';
import { importTargets, TARGET_COLUMNS } from '../../src/lib/server/import/targets';
import { dataVersionRow } from '../../src/lib/server/queries/tiles';
import { writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const HEADER = TARGET_COLUMNS.join(',');
// Synthetic obesity of Noordwijk WK059901: 20.0 (2016), 22.0 (2020); its gemeente GM0599: 15.0, 16.5.
const ABSOLUTE = 'test-noordwijk-obesitas-16,WK059901,obesitas_pct,waarde,16,,2016,2026,Testdoel (verzonnen),,testsuite,2026';
const TO_CITY = 'test-noordwijk-obesitas-stad,WK059901,obesitas_pct,referentie,,stad,2016,2024,Testdoel (verzonnen),https://example.org/doel,testsuite,2026-01';
const actor = { id: null, email: 'test (targets)' };

describe.each(engines())('programme targets on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	let dir: string;
	const file = async (name: string, lines: string[]) => {
		const f = path.join(dir, name);
		await writeFile(f, [HEADER, ...lines].join('\n') + '\n');
		return f;
	};
	const counts = async () => {
		const [r] = await t.rows<{ targets: number; batches: number; audit: number }>(
			sql`SELECT (SELECT count(*)::int FROM target) AS targets, (SELECT count(*)::int FROM import_batch) AS batches, (SELECT count(*)::int FROM audit_event) AS audit`
		);
		return r;
	};

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage();
		await importDataPackage(t, pkg.dir, pkg.options);
		dir = await mkdtemp(path.join(os.tmpdir(), 'wam-targets-'));
	});
	afterAll(async () => {
		await pkg?.cleanup();
		if (dir) await rm(dir, { recursive: true, force: true });
		await t?.drop();
	});

	it('refuses a bad file line by line and changes nothing', async () => {
		const before = await counts();
		const bad = await file('slecht.csv', [
			'test-onbekend-gebied,nergens-wijk,obesitas_pct,waarde,16,,2016,2026,Test,,testsuite,2026',
			'test-onbekende-indicator,WK059901,geluk_pct,waarde,16,,2016,2026,Test,,testsuite,2026',
			'test-doeljaar,WK059901,obesitas_pct,waarde,16,,2016,2010,Test,,testsuite,2026',
			'test-tekst,WK059901,obesitas_pct,waarde,zestien,,2016,2026,Test,,testsuite,2026',
			ABSOLUTE
		]);
		const err = await importTargets(t, bad, { actor }).catch((e: unknown) => e);
		expect(err).toBeInstanceOf(ImportError);
		const problems = (err as ImportError).problems.map((p) => ({ line: p.line, field: p.field }));
		expect(problems).toEqual(
			expect.arrayContaining([
				{ line: 2, field: 'gebied' },
				{ line: 3, field: 'indicator' },
				{ line: 4, field: 'doeljaar' },
				{ line: 5, field: 'doelwaarde' }
			])
		);
		expect(problems).toHaveLength(4);
		expect((err as ImportError).message).toMatch(/er is niets opgeslagen/);
		expect(await counts()).toEqual(before);
	});

	it('refuses a reference that does not apply and a reference target on a count', async () => {
		const bad = await file('referentie.csv', [
			'test-gemeente-rest,GM0599,obesitas_pct,referentie,,rest,2016,2026,Test,,testsuite,2026',
			'test-aantal,WK059901,inwoners,referentie,,stad,2016,2026,Test,,testsuite,2026'
		]);
		const err = (await importTargets(t, bad, { actor }).catch((e: unknown) => e)) as ImportError;
		expect(err.problems.map((p) => [p.line, p.field])).toEqual([
			[2, 'referentie'],
			[3, 'indicator']
		]);
	});

	it('stores a good file with its batch and audit rows, gives a new data version, and a second run is a no-op', async () => {
		const before = await counts();
		const version = await dataVersionRow(t);
		const good = await file('doelen.csv', [ABSOLUTE, TO_CITY]);
		const r = await importTargets(t, good, { actor });
		expect(r).toMatchObject({ status: 'imported', count: 2 });
		expect(await counts()).toEqual({ targets: 2, batches: before.batches + 1, audit: before.audit + 2 });
		expect(await dataVersionRow(t)).not.toBe(version);
		const [row] = await t.rows<{ kind: string; reference: string; url: string; imported_by: string }>(
			sql`SELECT kind, reference, url, imported_by FROM target WHERE id = 'test-noordwijk-obesitas-stad'`
		);
		expect(row).toEqual({ kind: 'referentie', reference: 'stad', url: 'https://example.org/doel', imported_by: 'test (targets)' });
		expect(await importTargets(t, good, { actor })).toMatchObject({ status: 'unchanged' });
		expect(await counts()).toEqual({ targets: 2, batches: before.batches + 1, audit: before.audit + 2 });
	});

	it('replaces a target with the same id and keeps the others', async () => {
		const changed = await file('gewijzigd.csv', [ABSOLUTE.replace(',16,', ',17,')]);
		await importTargets(t, changed, { actor });
		const rows = await t.rows<{ id: string; value: number | null }>(sql`SELECT id, value FROM target ORDER BY id`);
		expect(rows.map((r) => [r.id, r.value == null ? null : Number(r.value)])).toEqual([
			['test-noordwijk-obesitas-16', 17],
			['test-noordwijk-obesitas-stad', null]
		]);
		const [audit] = await t.rows<{ action: string }>(sql`SELECT action FROM audit_event WHERE entity = 'target' ORDER BY id DESC LIMIT 1`);
		expect(audit.action).toBe('update');
		await importTargets(t, await file('terug.csv', [ABSOLUTE]), { actor });
	});

	it('puts the targets on the area page with glide path and status', async () => {
		// Only the area itself shown: the city's series is computed for the reference target all the same.
		const page = (await areaPage(t.db, 'WK059901', { references: [], extra: [], indicators: null, suppression: { minPopulation: 0, minCount: 0 } }))!;
		const byId = new Map(page.targets!.map((x) => [x.target.id, x]));

		// Absolute: 20.0 in 2016 → 16 in 2026: distance 4; 2020 plans 4 × (1 − 4/10) = 2.4, the figure is 22.0 (distance 6).
		const abs = byId.get('test-noordwijk-obesitas-16')!;
		expect(abs.evaluation.status).toBe('niet_op_koers');
		expect(abs.evaluation.latest!.period).toBe(2020);
		expect(abs.evaluation.latest!.distance).toBeCloseTo(6, 9);
		expect(abs.evaluation.latest!.planned).toBeCloseTo(2.4, 9);
		expect(abs.evaluation.convergence).toEqual({ kind: 'te-weinig', points: 2 });

		// Reaching the city by 2024: gap 5.0 (2016) → plans 5 × (1 − 4/8) = 2.5 in 2020; the gap is 5.5.
		const city = byId.get('test-noordwijk-obesitas-stad')!;
		expect(city.evaluation.status).toBe('niet_op_koers');
		expect(city.evaluation.latest!.distance).toBeCloseTo(5.5, 9);
		expect(city.evaluation.latest!.planned).toBeCloseTo(2.5, 9);
		// The path on the chart: the city's figure plus the planned gap, 15.0 + 5.0 and 16.5 + 2.5.
		const path = city.evaluation.path.map((p) => [p.period, p.value]);
		expect(path.map(([p]) => p)).toEqual([2016, 2020]);
		expect(path[0][1]).toBeCloseTo(20, 9);
		expect(path[1][1]).toBeCloseTo(19, 9);

		const chart = page.themes.flatMap((th) => th.indicators).find((i) => i.key === 'obesitas_pct')!;
		expect(chart.series.map((s) => s.key)).toEqual(['area']);
		expect(chart.targetPaths!.map((p) => p.id)).toEqual(['test-noordwijk-obesitas-16', 'test-noordwijk-obesitas-stad']);
	});

	it('leaves areas without targets without them', async () => {
		const page = (await areaPage(t.db, 'WK059903', { references: null, extra: [], indicators: null, suppression: { minPopulation: 0, minCount: 0 } }))!;
		expect(page.targets).toEqual([]);
		expect(page.themes.flatMap((th) => th.indicators).some((i) => i.targetPaths)).toBe(false);
	});
});
