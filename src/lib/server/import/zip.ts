/**
 * Unpacking an uploaded data package (a zip file) into a fresh directory, for
 * `readDataPackage`. A zip is input from someone else's computer, so every
 * entry is checked before anything is written: its path must stay inside the
 * directory (no `../`, no absolute path or drive letter, no backslash), it must
 * be a plain file or folder (no symbolic link), not encrypted, and the sizes
 * its headers declare must fit the limits. While unpacking, the bytes that
 * really come out of each entry are counted too, and unpacking stops as soon
 * as an entry or the total passes its limit or the compression ratio gives a
 * zip bomb away. Reading is done by yauzl, which streams each entry and checks
 * its CRC and its declared size.
 *
 * On any problem an `ImportError` is thrown (file: the zip's name, field: the
 * entry) and whatever was already written is removed.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { DESCRIPTOR_FILE } from './descriptor';
import { ImportError, shown, type Problem } from './problems';

export interface ZipLimits {
	/** entries in the zip (files and folders) */
	maxEntries: number;
	/** uncompressed bytes of one entry */
	maxEntryBytes: number;
	/** uncompressed bytes of all entries together */
	maxTotalBytes: number;
	/** uncompressed ÷ compressed size of an entry larger than `ratioFromBytes` */
	maxRatio: number;
	/** entries smaller than this are not held to `maxRatio` (a short file of repeats compresses very well) */
	ratioFromBytes: number;
}

/**
 * A full nl-wijkaanpak package has a few dozen files and unpacks to a few
 * hundred MB at most (national buurt boundaries are the largest file). CSV and
 * GeoJSON compress 5 to 30 times; deflate cannot do better than about 1 000.
 */
export const ZIP_LIMITS: ZipLimits = {
	maxEntries: 1000,
	maxEntryBytes: 512 * 1024 * 1024,
	maxTotalBytes: 1024 * 1024 * 1024,
	maxRatio: 200,
	ratioFromBytes: 1024 * 1024
};

/** Folders and files an archiver adds that are no part of the package; they are not unpacked. */
const ARCHIVER_JUNK = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$)/;

/** Unix file type bits in the upper half of `externalFileAttributes`. */
const S_IFMT = 0o170000;
const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

const MB = (n: number) => `${Math.round((n / (1024 * 1024)) * 10) / 10} MB`;

interface Planned {
	entry: yauzl.Entry;
	/** path inside the zip, with `/` */
	name: string;
	dir: boolean;
}

/** Thrown from inside the unpacking stream; becomes the entry's problem. */
class EntryProblem extends Error {}

/**
 * Unpacks the data package in `zipPath` into `destDir` (which must not exist
 * yet, or be empty). The package is the zip's root, or its one top folder when
 * everything sits in a single folder; either way it must hold datapackage.json.
 * Returns the package directory and the files unpacked (paths relative to it,
 * with `/`). `label` names the zip in problems (default: its file name).
 */
export async function extractPackageZip(
	zipPath: string,
	destDir: string,
	limits: Partial<ZipLimits> = {},
	label = path.basename(zipPath)
): Promise<{ packageDir: string; files: string[] }> {
	const lim: ZipLimits = { ...ZIP_LIMITS, ...limits };
	const fail = (reason: string, field?: string): never => {
		throw new ImportError([{ file: label, ...(field != null ? { field: shown(field) } : {}), reason }]);
	};
	const root = path.resolve(destDir);
	await mkdir(root, { recursive: true });
	if ((await readdir(root)).length > 0) fail('de doelmap om het pakket in uit te pakken is niet leeg');

	let zip: yauzl.ZipFile | undefined;
	try {
		try {
			zip = await yauzl.openPromise(zipPath, { lazyEntries: true, autoClose: false, decodeStrings: false, validateEntrySizes: true });
		} catch (e) {
			fail(`geen (leesbaar) zip-bestand: ${notZipReason(e)}`);
		}
		const z = zip!;
		if (z.entryCount > lim.maxEntries) fail(`het zip-bestand heeft ${z.entryCount} onderdelen; meer dan ${lim.maxEntries} wordt niet uitgepakt`);
		const planned = await plan(z, lim, label);
		const packageRel =
			packageRoot(planned.map((p) => p.name)) ??
			fail(`${DESCRIPTOR_FILE} ontbreekt: het moet in de hoofdmap van het zip-bestand staan of in de enige map daarin`);
		const files: string[] = [];
		let total = 0;
		for (const p of planned) {
			const target = path.resolve(root, ...p.name.split('/'));
			// plan() refused every path that could leave the directory; this is the last guard.
			if (target !== root && !target.startsWith(root + path.sep)) fail('het pad wijst naar een plek buiten de map van het pakket', p.name);
			try {
				if (p.dir) {
					await mkdir(target, { recursive: true });
					continue;
				}
				await mkdir(path.dirname(target), { recursive: true });
				total += await unpackEntry(z, p.entry, target, lim, total);
			} catch (e) {
				fail(e instanceof EntryProblem ? e.message : writeReason(e), p.name);
			}
			if (p.name.startsWith(packageRel)) files.push(p.name.slice(packageRel.length));
		}
		return { packageDir: packageRel ? path.join(root, ...packageRel.split('/').filter(Boolean)) : root, files };
	} catch (e) {
		// Nothing half-unpacked stays behind: the directory is emptied (it was fresh or empty).
		await emptyDir(root);
		throw e;
	} finally {
		zip?.close();
	}
}

/** Why an entry could not be written, without the server's paths. */
function writeReason(e: unknown): string {
	const code = (e as NodeJS.ErrnoException).code;
	if (code === 'EEXIST' || code === 'ENOTDIR' || code === 'EISDIR') return 'botst met een ander onderdeel (een bestand en een map met dezelfde naam?)';
	if (code === 'ENAMETOOLONG') return 'de naam is te lang';
	return `kan dit onderdeel niet uitpakken (${code ?? 'onbekende fout'})`;
}

/** Why yauzl could not open the file, in Dutch. */
function notZipReason(e: unknown): string {
	const code = (e as NodeJS.ErrnoException).code;
	if (code) return `kan het bestand niet lezen (${code})`;
	const message = (e as Error).message ?? String(e);
	if (/end of central directory record signature not found/.test(message)) return 'de inhoudsopgave van een zip-bestand ontbreekt (is het wel een zip?)';
	return shown(message);
}

/** Removes everything inside `dir`, leaving the directory itself. */
async function emptyDir(dir: string): Promise<void> {
	for (const name of await readdir(dir).catch(() => [] as string[])) await rm(path.join(dir, name), { recursive: true, force: true });
}

/**
 * Reads the zip's table of contents and checks every entry before anything is
 * unpacked; throws an ImportError listing each entry that is refused.
 */
async function plan(zip: yauzl.ZipFile, lim: ZipLimits, file: string): Promise<Planned[]> {
	const entries = await readEntries(zip, file);
	const problems: Problem[] = [];
	const planned: Planned[] = [];
	const seen = new Set<string>();
	let declared = 0;
	for (const entry of entries) {
		// Strict: a backslash stays a backslash (and is refused), rather than becoming a folder separator.
		const raw = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, true);
		const add = (reason: string) => problems.push({ file, field: shown(raw), reason });
		const pathReason = unsafePath(raw);
		if (pathReason) {
			add(pathReason);
			continue;
		}
		const name = raw.replace(/^(\.\/)+/, '').replace(/\/+/g, '/');
		if (name === '' || ARCHIVER_JUNK.test(name)) continue;
		const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
		if (mode === S_IFLNK) {
			add('symbolische koppeling (symlink): die worden niet uitgepakt, een pakket bevat alleen gewone bestanden');
			continue;
		}
		const dir = name.endsWith('/') || mode === S_IFDIR;
		if (mode !== 0 && mode !== S_IFREG && !dir) {
			add('geen gewoon bestand of map (een apparaat of pipe): wordt niet uitgepakt');
			continue;
		}
		const key = name.replace(/\/$/, '').toLowerCase();
		if (seen.has(key)) {
			add('staat twee keer in het zip-bestand');
			continue;
		}
		seen.add(key);
		if (dir) {
			planned.push({ entry, name: name.replace(/\/$/, ''), dir: true });
			continue;
		}
		if (entry.isEncrypted() || (entry.generalPurposeBitFlag & 0x40) !== 0) {
			add('versleuteld (met wachtwoord): pak het pakket in zonder wachtwoord');
			continue;
		}
		if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8) {
			add(`compressiemethode ${entry.compressionMethod} wordt niet ondersteund (alleen 'stored' en 'deflate')`);
			continue;
		}
		if (entry.uncompressedSize > lim.maxEntryBytes) {
			add(`uitgepakt ${MB(entry.uncompressedSize)}, meer dan de grens van ${MB(lim.maxEntryBytes)} per bestand`);
			continue;
		}
		const ratioReason = ratioProblem(entry.uncompressedSize, entry.compressedSize, lim);
		if (ratioReason) {
			add(ratioReason);
			continue;
		}
		declared += entry.uncompressedSize;
		planned.push({ entry, name, dir: false });
	}
	if (declared > lim.maxTotalBytes) problems.push({ file, reason: `uitgepakt ${MB(declared)} in totaal, meer dan de grens van ${MB(lim.maxTotalBytes)}` });
	if (problems.length) throw new ImportError(problems);
	return planned;
}

/** All entries of the central directory, in order. */
function readEntries(zip: yauzl.ZipFile, file: string): Promise<yauzl.Entry[]> {
	return new Promise((resolve, reject) => {
		const entries: yauzl.Entry[] = [];
		zip.on('entry', (entry: yauzl.Entry) => {
			entries.push(entry);
			zip.readEntry();
		});
		zip.on('end', () => resolve(entries));
		zip.on('error', (e: Error) => reject(new ImportError([{ file, reason: `beschadigd zip-bestand: ${shown(e.message)}` }])));
		zip.readEntry();
	});
}

/** Why a path from the zip could land outside the directory it is unpacked in, or null. */
export function unsafePath(name: string): string | null {
	if (name.includes('\0')) return 'de naam bevat een NUL-teken';
	if (name.includes('\\')) return 'de naam bevat een backslash (\\): mogelijk een pad buiten de map van het pakket; gebruik / tussen mappen';
	if (/^[A-Za-z]:/.test(name)) return 'absoluut pad met stationsletter: het pad wijst naar een plek buiten de map van het pakket';
	if (name.startsWith('/')) return 'absoluut pad: het pad wijst naar een plek buiten de map van het pakket';
	if (name.split('/').includes('..')) return 'het pad bevat "..": het wijst naar een plek buiten de map van het pakket';
	return null;
}

/** A reason when `uncompressed` bytes from `compressed` bytes look like a zip bomb, else null. */
function ratioProblem(uncompressed: number, compressed: number, lim: ZipLimits): string | null {
	if (uncompressed < lim.ratioFromBytes) return null;
	const ratio = uncompressed / Math.max(compressed, 1);
	if (ratio <= lim.maxRatio) return null;
	return `verdacht sterk ingepakt (${Math.round(ratio)} keer, meer dan ${lim.maxRatio}): mogelijk een zipbom; het wordt niet uitgepakt`;
}

/**
 * Streams one entry to `target`, counting the bytes that really come out:
 * stops when the entry, the running total (`before` bytes so far) or the
 * ratio to the compressed size passes its limit. Returns the bytes written.
 */
async function unpackEntry(zip: yauzl.ZipFile, entry: yauzl.Entry, target: string, lim: ZipLimits, before: number): Promise<number> {
	const source = await new Promise<NodeJS.ReadableStream>((resolve, reject) =>
		zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream)))
	);
	let bytes = 0;
	const counter = new Transform({
		transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
			bytes += chunk.length;
			if (bytes > lim.maxEntryBytes) return done(new EntryProblem(`uitgepakt meer dan de grens van ${MB(lim.maxEntryBytes)} per bestand: uitpakken gestopt`));
			if (before + bytes > lim.maxTotalBytes)
				return done(new EntryProblem(`uitgepakt meer dan de grens van ${MB(lim.maxTotalBytes)} in totaal: uitpakken gestopt`));
			const ratio = ratioProblem(bytes, entry.compressedSize, lim);
			if (ratio) return done(new EntryProblem(ratio));
			done(null, chunk);
		}
	});
	try {
		// 'wx': a fresh file, never one that is already there.
		await pipeline(source, counter, createWriteStream(target, { flags: 'wx' }));
	} catch (e) {
		if (e instanceof EntryProblem) throw e;
		const message = (e as Error).message ?? String(e);
		if (/too many bytes in the stream|not enough bytes in the stream/.test(message)) {
			throw new EntryProblem('de uitgepakte grootte wijkt af van wat het zip-bestand opgeeft: het bestand is beschadigd of gemanipuleerd');
		}
		if (/invalid (stored block lengths|distance|code|block type)|crc32|unexpected end/i.test(message)) {
			throw new EntryProblem(`beschadigde gegevens: ${shown(message)}`);
		}
		throw e;
	}
	return bytes;
}

/**
 * Where datapackage.json is: '' when at the root, 'folder/' when everything
 * sits in one top folder that holds it, null otherwise.
 */
export function packageRoot(names: string[]): string | null {
	if (names.includes(DESCRIPTOR_FILE)) return '';
	const tops = new Set(names.map((n) => n.split('/')[0]));
	if (tops.size !== 1) return null;
	const [top] = tops;
	return names.includes(`${top}/${DESCRIPTOR_FILE}`) ? `${top}/` : null;
}
