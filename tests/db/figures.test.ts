/**
 * Batches that coexist (import/figures.ts) on every engine, over the SYNTHETIC
 * package of tests/fixtures/package.ts: an uploaded table adds and replaces
 * only its own figures, the same file twice is a no-op, a bad line refuses the
 * whole file, and rolling back restores exactly what was there before.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitFigures, previewFigures, rollbackBatch, type FigureInput } from '../../src/lib/server/import/figures';
import { importDataPackage } from '../../src/lib/server/import/loader';
import { translator } from '../../src/lib/i18n';
import { pageCsv } from '../../src/lib/server/area-csv';
import { areaPage } from '../../src/lib/server/data/area-page';
import { seriesFor } from '../../src/lib/server/data/series';
import { crosswalkRows } from '../../src/lib/server/queries/crosswalk';
import { ImportError } from '../../src/lib/server/import/problems';
import { baseSpec, writePackage, type WrittenPackage } from '../fixtures/package';
import { createTestDatabase, engines, type TestDatabase } from './engines';

const ACTOR = { id: null, email: 'test@example.nl' };

describe.each(engines())('figures on %s', (engine) => {
	let t: TestDatabase;
	let pkg: WrittenPackage;
	let dir: string;

	/** Every stored figure in one text, to compare states exactly. */
	const state = async () => {
		const [r] = await t.rows<{ s: string; n: number }>(
			sql`SELECT count(*)::int AS n, md5(coalesce(string_agg(concat_ws('|', area_code, indicator, period, value, source_id, provisional, estimate, batch_id), ',' ORDER BY area_code, indicator, period), '')) AS s FROM observation`
		);
		return r;
	};
	const value = async (code: string, indicator: string, period: number) => {
		const [r] = await t.rows<{ v: number }>(
			sql`SELECT value AS v FROM observation WHERE area_code = ${code} AND indicator = ${indicator} AND period = ${period}`
		);
		return r ? Number(r.v) : null;
	};
	const file = async (name: string, text: string, extra: Partial<FigureInput> = {}): Promise<FigureInput> => {
		const p = path.join(dir, name);
		await writeFile(p, text);
		return { path: p, name, kind: 'tabel', year: null, sourceTitle: 'Gemeentelijke monitor (synthetisch)', gemeenten: null, ...extra };
	};

	beforeAll(async () => {
		t = await createTestDatabase(engine);
		pkg = await writePackage(baseSpec());
		await importDataPackage(t, pkg.dir, pkg.options);
		dir = await mkdtemp(path.join(os.tmpdir(), 'figures-'));
	});
	afterAll(async () => {
		await pkg?.cleanup();
		await rm(dir, { recursive: true, force: true });
		await t?.drop();
	});

	it('previews, commits, is a no-op twice, and rolls back B over A exactly', async () => {
		const a = await state();
		// One changed figure (1000 → 1010), one unchanged (1500), one new period (2023).
		const b = await file(
			'b.csv',
			'\uFEFFarea_code,period,indicator,value\r\nBU05990101,2024,inwoners,1010\r\nBU05990102,2024,inwoners,1500\r\nBU05990101,2023,inwoners,950\r\n'
		);
		const preview = await previewFigures(t, b);
		expect(preview.counts).toEqual({ rows: 3, new: 1, changed: 1, unchanged: 1 });
		expect(preview.changes.map((c) => [c.indicator, c.period, c.new, c.changed, c.unchanged])).toEqual([
			['inwoners', 2023, 1, 0, 0],
			['inwoners', 2024, 0, 1, 1]
		]);
		expect(await state()).toEqual(a); // a preview writes nothing

		const done = await commitFigures(t, b, ACTOR);
		expect(done.status).toBe('imported');
		expect(await value('BU05990101', 'inwoners', 2024)).toBe(1010);
		expect(await value('BU05990101', 'inwoners', 2023)).toBe(950);
		expect(await value('BU05990102', 'inwoners', 2024)).toBe(1500);
		expect((await commitFigures(t, b, ACTOR)).status).toBe('unchanged');
		// A file whose lines all name their source leaves no source of the form's title behind.
		const named = await file('named.csv', 'area_code,period,indicator,value,source\nBU05990101,2022,inwoners,900,cbs-synthetisch\n', {
			sourceTitle: 'Niet gebruikt (synthetisch)'
		});
		expect((await commitFigures(t, named, ACTOR)).status).toBe('unchanged');
		expect(await t.rows(sql`SELECT id FROM source WHERE title = 'Niet gebruikt (synthetisch)'`)).toEqual([]);
		const afterB = await state();

		// C over B: replaces B's new figure; B cannot go back before C.
		const c = await file('c.csv', 'area_code,period,indicator,value\nBU05990101,2023,inwoners,960\n');
		const doneC = await commitFigures(t, c, ACTOR);
		expect(doneC.status).toBe('imported');
		if (done.status !== 'imported' || doneC.status !== 'imported') throw new Error('not imported');
		const refused = await rollbackBatch(t, done.batchId, ACTOR);
		expect(refused).toMatchObject({ status: 'refused' });
		expect(refused.status === 'refused' && refused.reason).toContain(String(doneC.batchId));

		expect(await rollbackBatch(t, doneC.batchId, ACTOR)).toEqual({ status: 'rolled-back', batchId: doneC.batchId, removed: 1, restored: 1 });
		expect(await state()).toEqual(afterB);
		expect(await rollbackBatch(t, done.batchId, ACTOR)).toEqual({ status: 'rolled-back', batchId: done.batchId, removed: 2, restored: 1 });
		expect(await state()).toEqual(a);
		expect(await rollbackBatch(t, done.batchId, ACTOR)).toMatchObject({ status: 'refused' });

		const [batches] = await t.rows<{ n: number; rb: number }>(
			sql`SELECT count(*) FILTER (WHERE kind = 'terugdraaien')::int AS n, count(*) FILTER (WHERE status = 'teruggedraaid')::int AS rb FROM import_batch`
		);
		expect(batches).toEqual({ n: 2, rb: 2 });
		const audit = await t.rows<{ action: string }>(sql`SELECT action FROM audit_event WHERE action LIKE 'data.%' ORDER BY id`);
		expect(audit.map((r) => r.action)).toEqual(['data.upload', 'data.upload', 'data.rollback', 'data.rollback']);
	});

	it('refuses a file with one bad line whole, naming line and column, and writes nothing', async () => {
		const before = await state();
		const [batchesBefore] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_batch`);
		const bad = await file(
			'bad.csv',
			'area_code,period,indicator,value\nBU05990101,2024,inwoners,1234\nBU05990101,2024,inwoners,abc\nBU99999999,2024,inwoners,5\nBU05990102,2024,onbekend,5\nBU05990102,2024,inwoners,-99997\n'
		);
		const e = await commitFigures(t, bad, ACTOR).catch((x: unknown) => x);
		expect(e).toBeInstanceOf(ImportError);
		const problems = (e as ImportError).problems.map((p) => `${p.line}:${p.field}`);
		expect(problems).toEqual(['3:value', '4:area_code', '5:indicator', '6:value']);
		expect(await state()).toEqual(before);
		const [batchesAfter] = await t.rows<{ n: number }>(sql`SELECT count(*)::int AS n FROM import_batch`);
		expect(batchesAfter.n).toBe(batchesBefore.n);
	});

	it('refuses duplicate keys, a header only, an unknown column and areas outside the monitor’s gemeente', async () => {
		const reasons = async (input: FigureInput) => {
			const e = await previewFigures(t, input).catch((x: unknown) => x);
			expect(e).toBeInstanceOf(ImportError);
			return (e as ImportError).problems.map((p) => `${p.line ?? '-'}:${p.reason}`);
		};
		expect(await reasons(await file('dup.csv', 'area_code,period,indicator,value\nBU05990101,2024,inwoners,1\nBU05990101,2024,inwoners,2\n'))).toEqual([
			'3:dubbele waarde voor BU05990101, inwoners, 2024 (ook op regel 2)'
		]);
		expect((await reasons(await file('head.csv', 'area_code,period,indicator,value\n')))[0]).toContain('alleen een kopregel');
		expect((await reasons(await file('col.csv', 'area_code,period,indicator,value,kleur\nBU05990101,2024,inwoners,1,rood\n')))[0]).toContain(
			'onbekende kolommen: kleur'
		);
		const outside = await file('gm.csv', 'area_code,period,indicator,value\nBU99990101,2024,inwoners,7\n', { gemeenten: ['GM0599'] });
		expect((await reasons(outside))[0]).toContain('buiten de gemeente');
	});

	it('refuses to roll back a data package', async () => {
		const [p] = await t.rows<{ id: number }>(sql`SELECT id FROM import_batch WHERE kind = 'datapackage' ORDER BY id LIMIT 1`);
		expect(await rollbackBatch(t, Number(p.id), ACTOR)).toMatchObject({ status: 'refused' });
	});

	it('keeps uploaded figures through a new package, except those the package replaces', async () => {
		const up = await file('keep.csv', 'area_code,period,indicator,value\nBU05990101,2019,inwoners,800\nBU05990101,2024,inwoners,1001\n');
		const done = await commitFigures(t, up, ACTOR);
		expect(done.status).toBe('imported');
		const spec = baseSpec();
		const next = await writePackage(spec);
		try {
			await importDataPackage(t, next.dir, { ...next.options, force: true });
		} finally {
			await next.cleanup();
		}
		expect(await value('BU05990101', 'inwoners', 2019)).toBe(800); // only in the upload: kept
		expect(await value('BU05990101', 'inwoners', 2024)).toBe(1000); // the package's own figure again
		if (done.status !== 'imported') throw new Error('not imported');
		expect(await rollbackBatch(t, done.batchId, ACTOR)).toMatchObject({ status: 'refused' });
	});

	it('reads a CBS Kerncijfers file: its columns become indicators, a new one enters the registry and leaves it on rollback', async () => {
		// Synthetic, in the CBS download layout (short column names, '.' for no figure).
		const kwb = await file(
			'kwb-2021-synthetisch.csv',
			'gwb_code_10,regio,a_inw,a_woning,p_wcorpw\nGM0599,Teststad,9100,4000,.\nBU05990101,Noord-A,950,400,-99997\n',
			{ kind: 'kwb', sourceTitle: null }
		);
		const before = await state();
		const preview = await previewFigures(t, kwb);
		expect(preview.newIndicators).toEqual(['woningvoorraad']);
		expect(preview.counts).toEqual({ rows: 4, new: 4, changed: 0, unchanged: 0 });
		expect(await t.rows(sql`SELECT key FROM indicator WHERE key = 'woningvoorraad'`)).toEqual([]); // the preview added nothing
		const done = await commitFigures(t, kwb, ACTOR);
		if (done.status !== 'imported') throw new Error('not imported');
		expect(await value('BU05990101', 'woningvoorraad', 2021)).toBe(400);
		const [src] = await t.rows<{ id: string; batch_id: number }>(
			sql`SELECT o.source_id AS id, s.batch_id FROM observation o JOIN source s ON s.id = o.source_id WHERE o.indicator = 'woningvoorraad' LIMIT 1`
		);
		expect(src).toEqual({ id: 'cbs-kwb-2021', batch_id: done.batchId });
		expect(await rollbackBatch(t, done.batchId, ACTOR)).toMatchObject({ status: 'rolled-back', removed: 4, restored: 0 });
		expect(await state()).toEqual(before);
		expect(await t.rows(sql`SELECT key FROM indicator WHERE key = 'woningvoorraad'`)).toEqual([]);
		expect(await t.rows(sql`SELECT id FROM source WHERE id = 'cbs-kwb-2021'`)).toEqual([]);
	});

	describe('boundaries', () => {
		const ring = (x0: number, y0: number, x1: number, y1: number) => [
			[x0, y0],
			[x1, y0],
			[x1, y1],
			[x0, y1],
			[x0, y0]
		];
		const fc = (features: { code: string; coordinates: unknown; name?: string }[], extra: Record<string, unknown> = {}) =>
			JSON.stringify({
				type: 'FeatureCollection',
				...extra,
				features: features.map((f) => ({
					type: 'Feature',
					properties: { code: f.code, name: f.name ?? null },
					geometry: { type: 'Polygon', coordinates: f.coordinates }
				}))
			});
		const boundaries = async () => {
			const [r] = await t.rows<{ n: number; s: string }>(
				sql`SELECT count(*)::int AS n, md5(string_agg(code || vintage || md5(ST_AsBinary(geom)) || coalesce(batch_id::text, ''), ',' ORDER BY code, vintage)) AS s FROM boundary`
			);
			return r;
		};

		it('previews new, changed and unchanged boundaries, commits them with a new area, and rolls back exactly', async () => {
			const before = await boundaries();
			const input = await file(
				'buurten_2024.geojson',
				fc([
					{ code: 'BU05990101', coordinates: [ring(4.4, 51.9, 4.44, 51.95)] }, // changed (narrower)
					{ code: 'BU05990102', coordinates: [ring(4.46, 51.9, 4.48, 51.92)] }, // unchanged
					{ code: 'BU05990199', name: 'Nieuwbouw (synthetisch)', coordinates: [ring(4.48, 51.92, 4.49, 51.93)] } // new area
				]),
				{ kind: 'grenzen', sourceTitle: null }
			);
			const preview = await previewFigures(t, input);
			expect(preview.counts).toEqual({ rows: 3, new: 1, changed: 1, unchanged: 1 });
			expect(preview.newAreas).toEqual(['BU05990199']);
			// The map draws the changed and the new boundary, over the one the change replaces.
			expect(preview.map?.after.length).toBe(2);
			expect(preview.map?.before.length).toBe(1);
			expect(preview.map?.after.every((d) => d.startsWith('M'))).toBe(true);
			expect(preview.examples.map((e) => e.areaCode)).toEqual(['BU05990101', 'BU05990199']);
			expect(await boundaries()).toEqual(before);
			const done = await commitFigures(t, input, ACTOR);
			if (done.status !== 'imported') throw new Error('not imported');
			const [area] = await t.rows<{ name: string; level: string; wijk_code: string }>(sql`SELECT name, level, wijk_code FROM area WHERE code = 'BU05990199'`);
			expect(area).toEqual({ name: 'Nieuwbouw (synthetisch)', level: 'buurt', wijk_code: 'WK059901' });
			expect((await boundaries()).n).toBe(before.n + 1);
			expect(await rollbackBatch(t, done.batchId, ACTOR)).toMatchObject({ status: 'rolled-back', removed: 2, restored: 1 });
			expect(await boundaries()).toEqual(before);
			expect(await t.rows(sql`SELECT code FROM area WHERE code = 'BU05990199'`)).toEqual([]);
		});

		it('names the feature and reason of a bow tie, an unclosed ring, RD New declared as WGS84, a wrong EPSG and a file that is no FeatureCollection', async () => {
			const reasons = async (name: string, text: string) => {
				const e = await previewFigures(t, await file(name, text, { kind: 'grenzen', sourceTitle: null })).catch((x: unknown) => x);
				expect(e, name).toBeInstanceOf(ImportError);
				return (e as ImportError).problems.map((p) => `${p.feature ?? '-'}:${p.field ?? '-'}:${p.reason}`);
			};
			const bowTie = [
				[4.4, 51.9],
				[4.45, 51.95],
				[4.45, 51.9],
				[4.4, 51.95],
				[4.4, 51.9]
			];
			const fine = { code: 'BU05990102', coordinates: [ring(4.46, 51.9, 4.48, 51.92)] };
			expect((await reasons('strik_2024.geojson', fc([fine, { code: 'BU05990101', coordinates: [bowTie] }])))[0]).toMatch(
				/^2:geometry:BU05990101: ongeldige geometrie/
			);
			const open = ring(4.4, 51.9, 4.44, 51.95)
				.slice(0, 4)
				.concat([[4.41, 51.9]]);
			expect((await reasons('open_2024.geojson', fc([{ code: 'BU05990101', coordinates: [open] }])))[0]).toContain(
				'1:geometry:BU05990101: polygoon 1, ring 1: ring is niet gesloten'
			);
			const rd = { code: 'BU05990101', coordinates: [ring(92000, 437000, 93000, 438000)] };
			expect((await reasons('rd_2024.geojson', fc([rd])))[0]).toContain('het lijkt RD New (EPSG:28992)');
			expect((await reasons('mercator_2024.geojson', fc([fine], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } })))[0]).toContain(
				'-:crs:coördinatenstelsel urn:ogc:def:crs:EPSG::3857 wordt niet ondersteund'
			);
			expect(await reasons('geen_2024.geojson', JSON.stringify({ type: 'Feature', properties: {}, geometry: null }))).toEqual([
				'-:-:geen GeoJSON FeatureCollection'
			]);
		});

		it('reprojects RD New named in the crs member', async () => {
			const rd = fc([{ code: 'BU05990101', coordinates: [ring(92000, 437000, 93000, 438000)] }], {
				crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::28992' } }
			});
			const preview = await previewFigures(t, await file('rd_2019.geojson', rd, { kind: 'grenzen', sourceTitle: null }));
			expect(preview.counts).toEqual({ rows: 1, new: 1, changed: 0, unchanged: 0 });
			// 1 km × 1 km in RD New
			expect(preview.examples[0].after).toBeCloseTo(1, 2);
		});

		it('flags a boundary change between two vintages on the area page and in its CSV', async () => {
			// GM0599 2024 is rect(4.4, 51.85, 4.6, 51.95); a 2019 vintage a fifth smaller.
			const input = await file('gemeenten_2019.geojson', fc([{ code: 'GM0599', coordinates: [ring(4.4, 51.85, 4.56, 51.95)] }]), {
				kind: 'grenzen',
				sourceTitle: null
			});
			const done = await commitFigures(t, input, ACTOR);
			if (done.status !== 'imported') throw new Error('not imported');
			const page = (await areaPage(t.db, 'GM0599', { references: null, extra: [], indicators: null, suppression: { minPopulation: 0, minCount: 0 } }))!;
			expect(page.boundaryChanges?.map((c) => [c.code, c.previous, c.year])).toEqual([['GM0599', 2019, 2024]]);
			// The difference (a strip 0.04° wide) is a quarter of the 2019 area (0.16° wide).
			expect(page.boundaryChanges![0].share).toBeCloseTo(0.25, 2);
			const csv = pageCsv(page, translator('nl'), { url: 'http://localhost/gebied/GM0599', date: '2026-12-06' });
			const [head, first] = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
			expect(head.split(',').at(-1)).toBe('grens');
			expect(first.split(',').at(-1)).toBe('grens gewijzigd in 2024');
			// A wijk with one vintage has no change.
			expect(
				(await areaPage(t.db, 'WK059901', { references: null, extra: [], indicators: null, suppression: { minPopulation: 0, minCount: 0 } }))!.boundaryChanges
			).toEqual([]);
			expect(await rollbackBatch(t, done.batchId, ACTOR)).toMatchObject({ status: 'rolled-back' });
		});

		it('converts figures of an uploaded older buurt vintage to today’s buurten, their wijk and a focus area, by area, until rolled back', async () => {
			const before = await state();
			// 2020: one old buurt BU05990390 over what are now Zuid-West (4.4–4.5) and Zuid-Oost (4.5–4.6):
			// two halves of equal area, so each takes half of its figures.
			const grens = await file(
				'buurten_2020.geojson',
				fc([{ code: 'BU05990390', name: 'Oud-Zuid (synthetisch)', coordinates: [ring(4.4, 51.85, 4.6, 51.9)] }]),
				{
					kind: 'grenzen',
					sourceTitle: null
				}
			);
			const b = await commitFigures(t, grens, ACTOR);
			if (b.status !== 'imported') throw new Error('not imported');
			const f = await commitFigures(
				t,
				await file('oud-zuid.csv', 'area_code,period,indicator,value\nBU05990390,2019,inwoners,2000\nBU05990390,2019,misdrijven_totaal,80\n'),
				ACTOR
			);
			if (f.status !== 'imported') throw new Error('not imported');

			const cw = await crosswalkRows(t.db, ['BU05990301', 'BU05990302', 'WK059903']);
			expect(cw.map((r) => [r.to, r.from, r.vintage, r.since, r.basis])).toEqual([
				['BU05990301', 'BU05990390', 2020, 2024, 'oppervlakte'],
				['BU05990302', 'BU05990390', 2020, 2024, 'oppervlakte']
			]);
			cw.forEach((r) => expect(r.share).toBeCloseTo(0.5, 2));

			const suppression = { minPopulation: 50, minCount: 10 };
			const targets = [
				{ type: 'area' as const, code: 'BU05990301' },
				{ type: 'area' as const, code: 'WK059903' },
				{ type: 'focus' as const, id: 'test-zuid' }
			];
			const at2019 = async () => {
				const s = await seriesFor(t.db, targets, 'misdrijven_totaal', { suppression });
				return Object.fromEntries([...s].map(([k, points]) => [k, points.find((p) => p.period === 2019) ?? null]));
			};
			const converted = await at2019();
			// Half of 80 for the buurt and for the focus area of that one buurt; both halves for the wijk,
			// and the old buurt is no part of today's wijk (else the wijk would count its 80 as well).
			expect(converted['area:BU05990301']).toMatchObject({ value: expect.closeTo(40, 0), crosswalk: [2020] });
			expect(converted['focus:test-zuid']).toMatchObject({ value: expect.closeTo(40, 0), crosswalk: [2020] });
			// (Within half a crime: a straight edge in degrees is not quite straight in RD New, so the halves are not exact.)
			expect(converted['area:WK059903']).toMatchObject({ value: expect.closeTo(80, 0), crosswalk: [2020] });
			// The old code keeps its own series, unconverted.
			const own = (await seriesFor(t.db, [{ type: 'area', code: 'BU05990390' }], 'misdrijven_totaal')).get('area:BU05990390')!;
			expect(own.find((p) => p.period === 2019)).toMatchObject({ value: 80, method: 'published' });
			expect(own.find((p) => p.period === 2019)?.crosswalk).toBeUndefined();

			expect(await rollbackBatch(t, f.batchId, ACTOR)).toMatchObject({ status: 'rolled-back' });
			expect(await rollbackBatch(t, b.batchId, ACTOR)).toMatchObject({ status: 'rolled-back' });
			expect(await at2019()).toEqual({ 'area:BU05990301': null, 'area:WK059903': null, 'focus:test-zuid': null });
			expect(await crosswalkRows(t.db, ['BU05990301', 'BU05990302'])).toEqual([]);
			expect(await state()).toEqual(before);
		});
	});
});
