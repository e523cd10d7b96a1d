/**
 * Reading the files of a data package: raw bytes for the checksum, text without
 * a byte-order mark for the readers, and never a file outside the package
 * (neither by a `../` path nor through a symbolic link).
 */
import { createHash } from 'node:crypto';
import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { shown, type ProblemList } from './problems';

export const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export interface FileText {
	text: string;
	/** sha256 of the raw bytes (byte-order mark included) */
	hash: string;
}

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Reads a file as UTF-8; a problem (and null) when it cannot be read. */
export async function readTextFile(file: string, label: string, problems: ProblemList): Promise<FileText | null> {
	try {
		const buf = await readFile(file);
		// A UTF-8 byte-order mark (Excel writes one) is no part of the content; the checksum keeps it.
		return { text: buf.toString('utf8').replace(/^\uFEFF/, ''), hash: sha256(buf) };
	} catch (e) {
		problems.add({ file: label, reason: `kan het bestand niet lezen (${errorCode(e)})` });
		return null;
	}
}

const within = (root: string, full: string) => full.startsWith(root + path.sep);

/**
 * Reads `rel` (a path from datapackage.json) inside the package directory `dir`.
 * The path must stay inside the package, also after following symbolic links:
 * a package is an archive someone sent, and must not read the rest of the disk.
 * `field` names the descriptor field the path came from, for the problem.
 */
export async function readPackageFile(dir: string, rel: string, problems: ProblemList, field?: string): Promise<FileText | null> {
	const place = { file: 'datapackage.json', field };
	let root: string;
	try {
		root = await realpath(dir);
	} catch (e) {
		problems.add({ file: shown(dir), reason: `de map van het datapakket is niet te openen (${errorCode(e)})` });
		return null;
	}
	const full = path.resolve(root, rel);
	if (!within(root, full)) {
		problems.add({ ...place, reason: `pad ${shown(rel)} ligt buiten het pakket` });
		return null;
	}
	let real: string;
	try {
		real = await realpath(full);
	} catch (e) {
		problems.add({ file: rel, reason: `kan het bestand niet lezen (${errorCode(e)})` });
		return null;
	}
	if (!within(root, real)) {
		problems.add({ ...place, reason: `${shown(rel)} is een symbolische koppeling naar een bestand buiten het pakket; dat wordt niet gelezen` });
		return null;
	}
	return readTextFile(real, rel, problems);
}
