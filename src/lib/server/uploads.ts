/**
 * Files monitors upload on /beheer/data, kept between the check (preview) and
 * the commit: the bytes and a small JSON record beside the embedded database
 * (`uploads/` next to PGLITE_DATA_DIR), named by a random id. Only the user who
 * uploaded a file can see or commit it; files older than a day are removed at
 * the next upload.
 *
 * The body streams to disk: adapter-node refuses bodies above BODY_SIZE_LIMIT
 * (512 kB by default) before any route runs, without reading them, so for a
 * larger file this route reads the Node request itself (`platform.req`), up to
 * MAX_UPLOAD_BYTES. The guard has already let only a monitor in.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Actor } from './auth/audit';
import type { Database } from './db/index';
import { config, fetchEndpoints } from './env';
import { FIGURE_KINDS, previewFigures, type FigureInput, type FigureKind, type FigurePreview } from './import/figures';
import { HttpError, OfflineError } from './import/fetch/http';
import { fetchPages, observationsOf, rootOf, startState } from './import/fetch/odata';
import { KWB_TABLES, kwbTable } from './import/fetch/tables';
import { ImportError, type Problem } from './import/problems';
import Papa from 'papaparse';

/** Largest file accepted (a national KWB csv is about 20 MB, a year of buurt figures as a table about 60 MB). */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** How long an unchecked or uncommitted upload is kept. */
const KEEP_MS = 24 * 3600 * 1000;

export const UPLOAD_KINDS = ['auto', ...FIGURE_KINDS] as const;
export type UploadKind = (typeof UPLOAD_KINDS)[number];

export interface StoredUpload {
	id: string;
	name: string;
	kind: FigureKind;
	year: number | null;
	sourceTitle: string | null;
	userId: string | null;
	createdAt: string;
	bytes: number;
	/** the check's outcome */
	preview: FigurePreview | null;
	problems: Problem[];
	problemCount: number;
}

export class UploadRefused extends Error {
	constructor(
		readonly status: 400 | 403 | 413 | 415 | 422 | 503,
		message: string
	) {
		super(message);
	}
}

export function uploadDir(): string {
	return path.join(path.dirname(config().dataDir), 'uploads');
}

const ID = /^[0-9a-f]{24}$/;
const bytesFile = (id: string) => path.join(uploadDir(), `${id}.bestand`);
const recordFile = (id: string) => path.join(uploadDir(), `${id}.json`);

/** Counts bytes and stops the stream above the limit. */
function limit(max: number) {
	let size = 0;
	return new Transform({
		transform(chunk: Buffer, _enc, done) {
			size += chunk.length;
			if (size > max) done(new UploadRefused(413, `Het bestand is groter dan ${Math.round(max / 1024 / 1024)} MB.`));
			else done(null, chunk);
		}
	});
}

/** Writes the request body to `file`: through SvelteKit's stream, or past its size limit from the Node request. */
async function saveBody(request: Request, req: IncomingMessage | undefined, file: string): Promise<number> {
	try {
		if (!request.body) throw new UploadRefused(400, 'Er is geen bestand meegestuurd.');
		await pipeline(Readable.fromWeb(request.body as import('node:stream/web').ReadableStream), limit(MAX_UPLOAD_BYTES), createWriteStream(file));
	} catch (e) {
		const tooLargeForKit = (e as { status?: number }).status === 413 && !(e instanceof UploadRefused);
		// adapter-node refused the length without reading a byte: the Node request is untouched.
		if (!tooLargeForKit || !req || req.readableFlowing !== null) throw e;
		await pipeline(req, limit(MAX_UPLOAD_BYTES), createWriteStream(file));
	}
	return (await stat(file)).size;
}

/**
 * `kwb` for a CBS Kerncijfers file (xlsx, or a csv with gwb_code columns),
 * `grenzen` for GeoJSON, `pakket` for another zip, `tabel` for a csv with area_code.
 */
async function detectKind(file: string, name: string): Promise<FigureKind> {
	if (/\.xlsx?$/i.test(name)) return 'kwb';
	if (/\.(geo)?json$/i.test(name)) return 'grenzen';
	const handle = await open(file);
	let head: Buffer;
	try {
		const { buffer, bytesRead } = await handle.read(Buffer.alloc(4096), 0, 4096, 0);
		head = buffer.subarray(0, bytesRead);
	} finally {
		await handle.close();
	}
	if (/\.zip$/i.test(name) || head.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'pakket';
	const firstLine = head.toString('utf8').split(/\r?\n/, 1)[0].toLowerCase();
	if (/\bgwb_code/.test(firstLine)) return 'kwb';
	if (/\barea_code\b/.test(firstLine)) return 'tabel';
	throw new UploadRefused(
		415,
		'Onbekend soort bestand: verwacht een tabel met de kolommen area_code, period, indicator en value, een CBS-bestand Kerncijfers wijken en buurten (xlsx of csv met gwb_code_10), grenzen als GeoJSON (.geojson) of een datapakket (.zip).'
	);
}

async function removeOld(): Promise<void> {
	const dir = uploadDir();
	const now = Date.now();
	for (const f of await readdir(dir).catch(() => [] as string[])) {
		const full = path.join(dir, f);
		const s = await stat(full).catch(() => null);
		if (s && now - s.mtimeMs > KEEP_MS) await rm(full, { force: true });
	}
}

export interface UploadRequest {
	name: string;
	kind: UploadKind;
	year: number | null;
	sourceTitle: string | null;
	gemeenten: string[] | null;
}

/**
 * Stores the body and checks it: the stored record with either a preview of
 * the change or the problems found (the file stays for the report download).
 */
export async function receiveUpload(
	database: Database,
	actor: Actor,
	request: Request,
	req: IncomingMessage | undefined,
	u: UploadRequest
): Promise<StoredUpload> {
	return storeAndCheck(database, actor, u, (file) => saveBody(request, req, file));
}

/** Writes the upload with `write` (which gives its size), recognises its kind and checks it. */
async function storeAndCheck(database: Database, actor: Actor, u: UploadRequest, write: (file: string) => Promise<number>): Promise<StoredUpload> {
	await mkdir(uploadDir(), { recursive: true });
	await removeOld();
	const id = randomBytes(12).toString('hex');
	const file = bytesFile(id);
	try {
		const bytes = await write(file);
		if (bytes === 0) throw new UploadRefused(400, 'Het bestand is leeg.');
		const kind = u.kind === 'auto' ? await detectKind(file, u.name) : u.kind;
		if (kind === 'pakket' && u.gemeenten) {
			throw new UploadRefused(403, 'Een datapakket vervangt de cijfers van alle gemeenten: alleen een landelijke monitor kan het laden.');
		}
		const record: StoredUpload = {
			id,
			name: u.name,
			kind,
			year: u.year,
			sourceTitle: u.sourceTitle,
			userId: actor.id,
			createdAt: new Date().toISOString(),
			bytes,
			preview: null,
			problems: [],
			problemCount: 0
		};
		try {
			record.preview = await previewFigures(database, figureInput(record, file, u.gemeenten));
		} catch (e) {
			if (!(e instanceof ImportError)) throw e;
			record.problems = e.problems;
			record.problemCount = e.problems.length + e.truncated;
		}
		await writeFile(recordFile(id), JSON.stringify(record));
		// A refused file is not kept: its record holds the report.
		if (!record.preview) await rm(file, { force: true });
		return record;
	} catch (e) {
		await rm(file, { force: true });
		throw e;
	}
}

/**
 * Fetches a KWB year from CBS OData (the gemeente's wijken and buurten, or
 * everything for a national monitor) into a stored upload, checked as a table
 * of figures: the same preview and commit as a file. Offline: refused with one
 * sentence (503), nothing stored.
 */
export async function fetchKwbUpload(
	database: Database,
	actor: Actor,
	req: { year: number; gemeente: string | null; gemeenten: string[] | null }
): Promise<StoredUpload> {
	const table = kwbTable(req.year);
	if (!table) throw new UploadRefused(400, `Geen KWB-tabel bekend voor ${req.year}; kies een van ${Object.keys(KWB_TABLES).join(', ')}.`);
	if (req.gemeenten && (!req.gemeente || !req.gemeenten.includes(req.gemeente))) {
		throw new UploadRefused(403, `U kunt alleen cijfers ophalen voor ${req.gemeenten.join(', ')}.`);
	}
	const odata = { table, gemeente: req.gemeente, year: null };
	const state = startState(rootOf(table, fetchEndpoints()), odata);
	try {
		await fetchPages(odata, state);
	} catch (e) {
		if (e instanceof OfflineError || e instanceof HttpError) throw new UploadRefused(503, e.message);
		throw e;
	}
	const sourceId = `cbs-kwb-${req.year}`;
	const result = observationsOf(state, sourceId);
	if (result.problems.length) throw new UploadRefused(422, `CBS gaf een antwoord dat niet te lezen is: ${result.problems[0].reason}`);
	const rows = result.observations.map((o) => [o.areaCode, o.period, o.indicator, o.value, o.sourceId]);
	const name = `${[sourceId, req.gemeente].filter(Boolean).join('-')}.csv`;
	const text = Papa.unparse({ fields: ['area_code', 'period', 'indicator', 'value', 'source'], data: rows }, { newline: '\n' }) + '\n';
	return storeAndCheck(database, actor, { name, kind: 'tabel', year: null, sourceTitle: null, gemeenten: req.gemeenten }, (file) =>
		writeFile(file, text).then(() => Buffer.byteLength(text))
	);
}

export function figureInput(u: StoredUpload, file: string, gemeenten: string[] | null): FigureInput {
	return { path: file, name: u.name, kind: u.kind, year: u.year, sourceTitle: u.sourceTitle, gemeenten };
}

/** The record of this user's upload; null when unknown, expired or someone else's. */
export async function storedUploadRecord(id: string, actor: Actor): Promise<StoredUpload | null> {
	if (!ID.test(id)) return null;
	const text = await readFile(recordFile(id), 'utf8').catch(() => null);
	if (!text) return null;
	const record = JSON.parse(text) as StoredUpload;
	return record.userId === actor.id ? record : null;
}

/** This user's checked upload, ready to commit, with the path of its bytes. */
export async function storedUpload(id: string, actor: Actor): Promise<{ record: StoredUpload; file: string } | null> {
	const record = await storedUploadRecord(id, actor);
	if (!record?.preview) return null;
	const file = bytesFile(id);
	return (await stat(file).catch(() => null)) ? { record, file } : null;
}

export async function discardUpload(id: string): Promise<void> {
	if (!ID.test(id)) return;
	await rm(bytesFile(id), { force: true });
	await rm(recordFile(id), { force: true });
}

export function isUploadKind(k: string): k is UploadKind {
	return (UPLOAD_KINDS as readonly string[]).includes(k);
}
