import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDescriptor } from './descriptor';
import { readPackageFile } from './files';
import { ImportError, ProblemList } from './problems';

let root: string;
let dir: string;
beforeAll(async () => {
	root = await mkdtemp(path.join(os.tmpdir(), 'wam-descriptor-test-'));
	dir = path.join(root, 'package');
	await mkdir(path.join(dir, 'observations'), { recursive: true });
	await writeFile(path.join(root, 'secret.txt'), 'buiten het pakket');
	await writeFile(path.join(dir, 'observations', 'a.csv'), 'binnen');
	await symlink(path.join(root, 'secret.txt'), path.join(dir, 'observations', 'link-out.csv'));
	await symlink(path.join(dir, 'observations', 'a.csv'), path.join(dir, 'link-in.csv'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe('readPackageFile', () => {
	const read = async (rel: string) => {
		const problems = new ProblemList();
		const file = await readPackageFile(dir, rel, problems, 'resources.x.path');
		return { text: file?.text ?? null, problems: problems.items };
	};
	it('reads a file inside the package, also through a link that stays inside', async () => {
		expect(await read('observations/a.csv')).toEqual({ text: 'binnen', problems: [] });
		expect((await read('link-in.csv')).text).toBe('binnen');
	});
	it('refuses a symbolic link that leads outside the package', async () => {
		expect(await read('observations/link-out.csv')).toEqual({
			text: null,
			problems: [
				{
					file: 'datapackage.json',
					field: 'resources.x.path',
					reason: 'observations/link-out.csv is een symbolische koppeling naar een bestand buiten het pakket; dat wordt niet gelezen'
				}
			]
		});
	});
	it('refuses a path that climbs out of the package', async () => {
		expect((await read('../secret.txt')).problems).toEqual([
			{ file: 'datapackage.json', field: 'resources.x.path', reason: 'pad ../secret.txt ligt buiten het pakket' }
		]);
		expect((await read(path.join(root, 'secret.txt'))).text).toBeNull();
	});
});

describe('readDescriptor', () => {
	const withDescriptor = async (descriptor: unknown) => {
		await writeFile(path.join(dir, 'datapackage.json'), typeof descriptor === 'string' ? descriptor : JSON.stringify(descriptor));
		const problems = new ProblemList();
		try {
			const d = await readDescriptor(dir, problems);
			return { d, problems: problems.items };
		} catch (e) {
			if (e instanceof ImportError) return { d: null, problems: e.problems };
			throw e;
		}
	};
	const source = { id: 'cbs', attribution: 'CBS' };
	it('reads the year, the sources and each kind of resource', async () => {
		const { d, problems } = await withDescriptor({
			created: '2026-11-23T00:00:00Z',
			sources: [source],
			resources: [
				{ name: 'b', path: 'b.geojson', format: 'geojson', area_level: 'wijk', area_year: 2024 },
				{ name: 'o', path: 'o.csv', format: 'csv', source_id: 'cbs', row_count: 0, provisional_years: 2, dialect: { delimiter: ';' } }
			]
		});
		expect(problems).toEqual([]);
		expect(d!.year).toBe(2026);
		expect(d!.sources).toMatchObject([{ id: 'cbs', title: 'cbs', attribution: 'CBS', caveats: [] }]);
		expect([...d!.boundaries.values()]).toEqual([{ area_level: 'wijk', area_year: 2024, crs: 'EPSG:4326' }]);
		expect(d!.resources[1]).toMatchObject({ row_count: 0, provisional_years: 2, dialect: { delimiter: ';' } });
	});
	it('names every bad field of the descriptor', async () => {
		const { problems } = await withDescriptor({
			sources: [source, { id: 'politie' }, { id: 'x', attribution: 'X\0' }],
			resources: [
				{ name: 'b', path: 'b.geojson', format: 'geojson', area_level: 'stadsdeel', area_year: 2024, crs: 'EPSG:3857' },
				{ name: 'o', format: 'csv', source_id: 'cbs' },
				{ name: 'p', path: 'p.csv', format: 'csv', source_id: 'cbs', provisional_years: -1 },
				{ name: 'p', path: 'q.csv' }
			]
		});
		expect(problems).toEqual([
			{ file: 'datapackage.json', field: 'resources.b.area_level', reason: 'onbekend niveau stadsdeel (gemeente, wijk of buurt)' },
			{ file: 'datapackage.json', field: 'resources.b.crs', reason: 'coördinatenstelsel EPSG:3857 wordt niet ondersteund (EPSG:4326 of EPSG:28992)' },
			{ file: 'datapackage.json', field: 'resources.o.path', reason: 'bestandspad ontbreekt' },
			{ file: 'datapackage.json', field: 'resources.p.provisional_years', reason: expect.stringMatching(/0/) },
			{ file: 'datapackage.json', field: 'sources[1].attribution', reason: 'bron zonder attribution (de licentie vereist een naamsvermelding)' },
			{ file: 'datapackage.json', field: 'sources[2].attribution', reason: 'bevat een NUL-teken (\\0)' }
		]);
	});
	it('refuses a package without resources and a descriptor that is no JSON', async () => {
		expect((await withDescriptor({ resources: [] })).problems).toEqual([
			{ file: 'datapackage.json', field: 'resources', reason: 'het pakket noemt geen bestanden' }
		]);
		expect((await withDescriptor('{"resources": [')).problems[0].reason).toMatch(/^geen geldige JSON/);
	});
	it('refuses a descriptor that is a link to a file outside the package', async () => {
		await rm(path.join(dir, 'datapackage.json'));
		await symlink(path.join(root, 'secret.txt'), path.join(dir, 'datapackage.json'));
		const problems = new ProblemList();
		await expect(readDescriptor(dir, problems)).rejects.toThrow(/symbolische koppeling naar een bestand buiten het pakket/);
		await rm(path.join(dir, 'datapackage.json'));
	});
});
