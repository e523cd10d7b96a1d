import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePackage, type WrittenPackage } from '../../../../tests/fixtures/package';
import { makeLargeFiles, MINIMAL_DESCRIPTOR, smallZips, zipBomb, zipBytes, type Expected, type ZipEntry } from '../../../../tests/fixtures/bad/make';
import { readDataPackage } from './datapackage';
import { ImportError, type Problem } from './problems';
import { silentProgress } from './progress';
import { extractPackageZip, packageRoot, unsafePath, type ZipLimits } from './zip';

let tmp: string;
let pkg: WrittenPackage;
let n = 0;

beforeAll(async () => {
	tmp = await mkdtemp(path.join(os.tmpdir(), 'wam-zip-test-'));
	pkg = await writePackage();
});
afterAll(async () => {
	await rm(tmp, { recursive: true, force: true });
	await pkg.cleanup();
});

/** Every file under `dir`, relative, with `/`. */
async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { recursive: true, withFileTypes: true });
	return entries
		.filter((e) => e.isFile())
		.map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
		.sort();
}

/** Writes `bytes` as a zip and unpacks it into a fresh directory. */
async function extract(bytes: Buffer, limits?: Partial<ZipLimits>) {
	const id = ++n;
	const zipPath = path.join(tmp, `upload-${id}.zip`);
	const dest = path.join(tmp, `out-${id}`);
	await writeFile(zipPath, bytes);
	return { dest, run: () => extractPackageZip(zipPath, dest, limits, 'pakket.zip') };
}

/** The problems of a refused zip, and that nothing was left behind. */
async function refused(bytes: Buffer, limits?: Partial<ZipLimits>): Promise<Problem[]> {
	const { dest, run } = await extract(bytes, limits);
	const error = await run().then(
		() => null,
		(e: unknown) => e
	);
	expect(error).toBeInstanceOf(ImportError);
	expect(await readdir(dest)).toEqual([]);
	return (error as ImportError).problems;
}

const descriptor: ZipEntry = { name: 'datapackage.json', data: MINIMAL_DESCRIPTOR };

describe('extractPackageZip: good packages', () => {
	it('unpacks a package in one top folder, and readDataPackage accepts it', async () => {
		const files = await filesUnder(pkg.dir);
		const entries: ZipEntry[] = [
			{ name: 'wijkaanpak-2024/' },
			...(await Promise.all(files.map(async (f) => ({ name: `wijkaanpak-2024/${f}`, data: await readFile(path.join(pkg.dir, f)), deflate: true }))))
		];
		const { dest, run } = await extract(zipBytes(entries));
		const out = await run();
		expect(out.packageDir).toBe(path.join(dest, 'wijkaanpak-2024'));
		expect([...out.files].sort()).toEqual(files);
		const staged = await readDataPackage(out.packageDir, { ...pkg.options, progress: silentProgress });
		expect(staged.observations.length).toBeGreaterThan(0);
		expect(staged.boundaries.length).toBeGreaterThan(0);
	});

	it('unpacks a package at the root, leaving out what macOS adds', async () => {
		const { dest, run } = await extract(
			zipBytes([
				descriptor,
				{ name: 'indicators.csv', data: 'indicator\n', deflate: true },
				{ name: '__MACOSX/._datapackage.json', data: 'x' },
				{ name: '.DS_Store', data: 'x' }
			])
		);
		const out = await run();
		expect(out.packageDir).toBe(dest);
		expect(out.files).toEqual(['datapackage.json', 'indicators.csv']);
		expect(await filesUnder(dest)).toEqual(['datapackage.json', 'indicators.csv']);
	});
});

describe('extractPackageZip: refused', () => {
	const cases: [string, ZipEntry, RegExp][] = [
		['a ../ path', { name: '../../buiten.csv', data: 'x' }, /buiten de map/],
		['a ../ in the middle', { name: 'data/../../buiten.csv', data: 'x' }, /"\.\."/],
		['an absolute path', { name: '/etc/cron.d/x', data: 'x' }, /absoluut pad/],
		['a drive letter', { name: 'C:/Windows/x.csv', data: 'x' }, /stationsletter/],
		['a drive letter without slash', { name: 'C:x.csv', data: 'x' }, /stationsletter/],
		['backslashes', { name: '..\\..\\x.csv', data: 'x' }, /backslash/],
		['a symbolic link', { name: 'indicators.csv', data: '/etc/passwd', mode: 0o120777 }, /symbolische koppeling/],
		['a device', { name: 'tty', data: '', mode: 0o020666 }, /geen gewoon bestand/],
		['an encrypted entry', { name: 'indicators.csv', data: 'indicator\n', encrypted: true }, /versleuteld/]
	];
	it.each(cases)('%s', async (_what, entry, reason) => {
		const problems = await refused(zipBytes([descriptor, entry]));
		expect(problems).toHaveLength(1);
		expect(problems[0]).toMatchObject({ file: 'pakket.zip', field: entry.name });
		expect(problems[0].reason).toMatch(reason);
	});

	it('lists every bad entry, not just the first', async () => {
		const problems = await refused(zipBytes([descriptor, { name: '../a', data: 'x' }, { name: '/b', data: 'x' }]));
		expect(problems.map((p) => p.field)).toEqual(['../a', '/b']);
	});

	it('refuses an entry that is there twice', async () => {
		const problems = await refused(zipBytes([descriptor, { name: 'a.csv', data: 'x' }, { name: 'a.csv', data: 'y' }]));
		expect(problems).toEqual([{ file: 'pakket.zip', field: 'a.csv', reason: expect.stringMatching(/twee keer/) }]);
	});

	it('refuses a file and a folder of the same name', async () => {
		const problems = await refused(zipBytes([descriptor, { name: 'data', data: 'x' }, { name: 'data/x.csv', data: 'y' }]));
		expect(problems).toEqual([{ file: 'pakket.zip', field: 'data/x.csv', reason: expect.stringMatching(/botst met een ander onderdeel/) }]);
	});

	it('refuses too many entries before reading them', async () => {
		const entries = Array.from({ length: 11 }, (_, i) => ({ name: `f${i}.csv`, data: 'x' }));
		const [p] = await refused(zipBytes([descriptor, ...entries]), { maxEntries: 10 });
		expect(p.field).toBeUndefined();
		expect(p.reason).toMatch(/12 onderdelen; meer dan 10/);
	});

	it('refuses an entry whose declared size is above the limit', async () => {
		const [p] = await refused(zipBytes([descriptor, { name: 'big.csv', data: 'a,b\n'.repeat(1000) }]), { maxEntryBytes: 2000 });
		expect(p).toMatchObject({ field: 'big.csv', reason: expect.stringMatching(/grens van .* per bestand/) });
	});

	it('refuses when all entries together are above the limit', async () => {
		const entries = Array.from({ length: 4 }, (_, i) => ({ name: `f${i}.csv`, data: 'x'.repeat(1000) }));
		const [p] = await refused(zipBytes([descriptor, ...entries]), { maxTotalBytes: 3000 });
		expect(p.field).toBeUndefined();
		expect(p.reason).toMatch(/in totaal/);
	});

	it('refuses a zip bomb by its compression ratio', async () => {
		const [p] = await refused(zipBomb(16));
		expect(p).toMatchObject({ field: 'observations/cbs.csv', reason: expect.stringMatching(/zipbom/) });
	});

	it('stops unpacking a zip bomb whose headers lie about its size', async () => {
		const [p] = await refused(zipBomb(16, 1000));
		expect(p).toMatchObject({ field: 'observations/cbs.csv', reason: expect.stringMatching(/wijkt af van wat het zip-bestand opgeeft/) });
	});

	it('refuses a file that is not a zip', async () => {
		const [p] = await refused(Buffer.from('area_code,period,indicator,value\nGM0344,2023,inwoners,367947\n'));
		expect(p).toEqual({ file: 'pakket.zip', reason: expect.stringMatching(/geen \(leesbaar\) zip-bestand/) });
	});

	it('refuses an empty file', async () => {
		const [p] = await refused(Buffer.alloc(0));
		expect(p.reason).toMatch(/zip-bestand/);
	});

	it('refuses a zip cut short', async () => {
		const whole = zipBytes([descriptor, { name: 'indicators.csv', data: 'indicator\n'.repeat(100), deflate: true }]);
		const [p] = await refused(whole.subarray(0, whole.length - 30));
		expect(p.reason).toMatch(/zip-bestand/);
	});

	it.each([
		['no datapackage.json', [{ name: 'indicators.csv', data: 'x' }]],
		['datapackage.json two folders deep', [{ name: 'a/b/datapackage.json', data: MINIMAL_DESCRIPTOR }]],
		[
			'two top folders',
			[
				{ name: 'a/datapackage.json', data: MINIMAL_DESCRIPTOR },
				{ name: 'b/x.csv', data: 'x' }
			]
		]
	])('refuses a zip with %s', async (_what, entries) => {
		const [p] = await refused(zipBytes(entries));
		expect(p).toEqual({ file: 'pakket.zip', reason: expect.stringMatching(/datapackage\.json ontbreekt/) });
	});

	it('leaves a directory that is not empty alone', async () => {
		const { dest, run } = await extract(zipBytes([descriptor]));
		await mkdir(dest);
		await writeFile(path.join(dest, 'van-iemand-anders.txt'), 'x');
		await expect(run()).rejects.toThrow(/niet leeg/);
		expect(await readdir(dest)).toEqual(['van-iemand-anders.txt']);
	});

	it('refuses every small zip of the bad-file corpus', async () => {
		for (const [name, bytes] of Object.entries(smallZips())) {
			const problems = await refused(bytes);
			expect(problems.length, name).toBeGreaterThan(0);
		}
	});
});

describe('unsafePath and packageRoot', () => {
	it('lets ordinary relative paths pass', () => {
		for (const p of ['datapackage.json', 'a/b/c.csv', './a.csv', 'a..b.csv', 'boundaries/wijken_2024.geojson']) expect(unsafePath(p), p).toBeNull();
	});
	it('finds the package folder', () => {
		expect(packageRoot(['datapackage.json', 'x/y.csv'])).toBe('');
		expect(packageRoot(['p', 'p/datapackage.json', 'p/x.csv'])).toBe('p/');
		expect(packageRoot(['p/x/datapackage.json'])).toBeNull();
	});
});

const BAD = path.resolve(import.meta.dirname, '../../../../tests/fixtures/bad');
const CORPUS_TOOLS = ['.gitattributes', 'README.md', 'expected.json', 'make.ts'];

/** Line breaks in a file, counted without reading it whole. */
async function lineBreaks(file: string): Promise<number> {
	let count = 0;
	for await (const chunk of createReadStream(file)) for (const byte of chunk as Buffer) if (byte === 0x0a) count++;
	return count;
}

describe('the bad-file corpus', () => {
	let expected: Record<string, Expected>;
	let large: string;
	beforeAll(async () => {
		expected = JSON.parse(await readFile(path.join(BAD, 'expected.json'), 'utf8'));
		large = await mkdtemp(path.join(tmp, 'groot-'));
	});

	it('has an expectation for every file, and a file for every expectation', async () => {
		const present = (await readdir(BAD)).filter((f) => !CORPUS_TOOLS.includes(f)).sort();
		const small = Object.keys(expected).filter((f) => !expected[f].groot);
		expect(present).toEqual(small.sort());
		expect(present.length).toBeGreaterThanOrEqual(40);
		for (const [name, e] of Object.entries(expected)) {
			expect(['tabel', 'kwb', 'grenzen', 'pakket'], name).toContain(e.soort);
			expect(e.reason.length, name).toBeGreaterThan(0);
		}
	});

	it('makes the large files at test time', { timeout: 60_000 }, async () => {
		const names = await makeLargeFiles(large);
		expect(names.sort()).toEqual(
			Object.keys(expected)
				.filter((f) => expected[f].groot)
				.sort()
		);
		const oneLine = path.join(large, 'tabel-10mb-een-regel.csv');
		expect((await stat(oneLine)).size).toBeGreaterThan(10 * 1024 * 1024);
		expect(await lineBreaks(oneLine)).toBe(0);
		for (const f of ['tabel-100000-regels-laatste-fout.csv', 'tabel-100000-regels-onbekend.csv'])
			expect(await lineBreaks(path.join(large, f)), f).toBe(100_000);
		expect((await readFile(path.join(large, 'tabel-100000-regels-laatste-fout.csv'), 'utf8')).trimEnd().split('\n').at(-1)).toMatch(/,n\.v\.t\.$/);
	});

	it('refuses every data package zip of the corpus with the expected problem', async () => {
		const zips = Object.entries(expected).filter(([, e]) => e.soort === 'pakket');
		expect(zips.length).toBeGreaterThanOrEqual(10);
		for (const [name, e] of zips) {
			const dest = await mkdtemp(path.join(tmp, 'corpus-'));
			const error = await extractPackageZip(path.join(e.groot ? large : BAD, name), dest).then(
				() => null,
				(x: unknown) => x
			);
			expect(error, name).toBeInstanceOf(ImportError);
			const problems = (error as ImportError).problems;
			expect(problems, name).toContainEqual(expect.objectContaining({ file: name, ...e.place, reason: expect.stringContaining(e.reason) }));
			expect(await readdir(dest), name).toEqual([]);
		}
	});
});
